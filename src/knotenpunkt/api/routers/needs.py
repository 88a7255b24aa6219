"""Needs and their matches (knotenpunkt.matching): the needs a caller may see by the
matching Viewer's visibility rules (public ones anonymously, more with a token of scope
needs:read), the ranked providers the need's page shows its author, and posting and
changing needs through the need form and services the pages use."""

import datetime
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import AuthorizationError
from ninja.pagination import paginate

from knotenpunkt.api.auth import TokenAuth, optional_token_user, require_organisation, require_scope
from knotenpunkt.api.openapi import ID_MAX, OPTIONAL_TOKEN, SLUG, TEXT, choice_of
from knotenpunkt.api.pagination import PageNumbers
from knotenpunkt.api.routers.directory import TopicRef, by_slug, topic_refs
from knotenpunkt.api.scopes import NEEDS_READ, NEEDS_WRITE
from knotenpunkt.directory.models import Cluster, Organisation
from knotenpunkt.matching.forms import NeedForm
from knotenpunkt.matching.models import Need
from knotenpunkt.matching.services import needs as need_services

router = Router(tags=["needs"])

ORDERINGS = {
    "-created": ("-created_at", "-pk"),
    "created": ("created_at", "pk"),
    "deadline": ("deadline", "pk"),
}


class NeedOut(Schema):
    id: int
    title: str
    text: str
    kind: choice_of(Need.Kind)
    budget: choice_of(Need.Budget)
    deadline: datetime.date | None
    visibility: choice_of(Need.Visibility)
    status: choice_of(Need.Status)
    cluster: str = Field(description="The slug of the cluster whose network sees the need.")
    organisation: str | None = Field(
        description="The author organisation's slug; null while an anonymous need hides it."
    )
    organisation_name: str | None
    topics: list[TopicRef]
    created_at: datetime.datetime
    updated_at: datetime.datetime
    url: str

    @staticmethod
    def resolve_cluster(need) -> str:
        return need.cluster.slug

    @staticmethod
    def resolve_organisation(need) -> str | None:
        return None if need.author_hidden else need.organisation.slug

    @staticmethod
    def resolve_organisation_name(need) -> str | None:
        return None if need.author_hidden else need.organisation.name

    @staticmethod
    def resolve_topics(need) -> list[dict]:
        return topic_refs(need.topics.all())

    @staticmethod
    def resolve_url(need, context) -> str:
        return context["request"].build_absolute_uri(need.get_absolute_url())


class NeedFilters(Schema):
    status: Literal["open", "closed", "all"] = Field(
        "open", description="open (the default, as the needs page), closed or all."
    )
    cluster: str = Field("", pattern=SLUG, description="A cluster's slug: its needs only.")
    kind: choice_of(Need.Kind) | None = None
    organisation: str = Field(
        "", pattern=SLUG, description="An organisation's slug: the needs it is shown as author of."
    )
    ordering: Literal["", "-created", "created", "deadline"] = Field(
        "", description="-created (newest first, the default), created or deadline."
    )


class NeedIn(Schema):
    organisation: str = Field(pattern=SLUG, description="The posting organisation's slug.")
    cluster: str = Field(pattern=SLUG, description="The cluster whose network should see it.")
    title: str = Field(max_length=200, pattern=TEXT)
    text: str = Field(pattern=TEXT)
    kind: choice_of(Need.Kind) = Need.Kind.SOLUTION
    budget: choice_of(Need.Budget) = Need.Budget.UNKNOWN
    deadline: datetime.date | None = None
    visibility: choice_of(Need.Visibility) = Need.Visibility.MEMBERS


class NeedPatch(Schema):
    """The fields to change; the others stay as they are. `status: closed` closes the need
    (as the page's button; a closed need is not reopened)."""

    cluster: str | None = Field(None, pattern=SLUG)
    title: str | None = Field(None, max_length=200, pattern=TEXT)
    text: str | None = Field(None, pattern=TEXT)
    kind: choice_of(Need.Kind) | None = None
    budget: choice_of(Need.Budget) | None = None
    deadline: datetime.date | None = None
    visibility: choice_of(Need.Visibility) | None = None
    status: Literal["closed"] | None = None


class MatchOut(Schema):
    rank: int
    score: float
    provider: str = Field(description="The suggested provider's slug.")
    provider_name: str
    explanation: dict = Field(
        description="Why it was suggested: concepts, terms, tags and a summary, as the page."
    )
    feedback: str = Field(description="The author's rating: fitting, not_fitting or empty.")

    @staticmethod
    def resolve_provider(suggestion) -> str:
        return suggestion.provider.slug

    @staticmethod
    def resolve_provider_name(suggestion) -> str:
        return suggestion.provider.name


def _with_relations(needs):
    return needs.select_related("organisation", "cluster").prefetch_related("topics")


def _visible_need(user, need_id: Annotated[int, Path(ge=1, le=ID_MAX)]) -> Need:
    """The need if `user` may see it; 404 either way otherwise (whether a staff-only need
    exists is the cluster's confidence)."""
    need = get_object_or_404(_with_relations(Need.objects.all()), pk=need_id)
    if not user.has_perm("matching.view_need", need):
        raise Http404
    need_services.mark_authors(need_services.viewer_for(user), [need])
    return need


def _pk_or_text(model, slug):
    """The primary key for a slug, or the slug itself, which the form then refuses as an
    invalid choice with its message (a field error, not a missing page)."""
    return model.objects.filter(slug=slug).values_list("pk", flat=True).first() or slug


def _form(request, data: dict, instance=None) -> NeedForm:
    organisations = need_services.organisations_for_posting(request.user)
    token = request.api_token
    if token.organisation_id:
        organisations = organisations.filter(pk=token.organisation_id)
    form = NeedForm(
        data,
        instance=instance,
        organisations=organisations,
        clusters=need_services.clusters_for_posting(),
    )
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    return form


@router.get("/needs", response=list[NeedOut], summary="List needs", openapi_extra=OPTIONAL_TOKEN)
@paginate(PageNumbers)
def list_needs(request, filters: Query[NeedFilters]):
    """The needs the caller may see (matching's visibility rules): public and anonymous
    ones for everybody; with a token of scope needs:read also those of the clusters the
    user's organisations are members of, the organisations' own and, for staff, their
    clusters' needs. Authors of anonymous needs are left out where the page leaves them
    out. Optional token."""
    user = optional_token_user(request, NEEDS_READ)
    found = need_services.visible_needs(user)
    if filters.status != "all":
        found = found.filter(status=filters.status)
    if filters.cluster:
        found = found.filter(cluster=by_slug(Cluster, filters.cluster, "cluster"))
    if filters.kind:
        found = found.filter(kind=filters.kind)
    if filters.organisation:
        organisation = by_slug(Organisation, filters.organisation, "organisation")
        # Never a way to find out who wrote an anonymous need.
        shown = [
            n.pk
            for n in need_services.mark_authors(
                need_services.viewer_for(user), found.filter(organisation=organisation)
            )
            if not n.author_hidden
        ]
        found = found.filter(pk__in=shown)
    found = _with_relations(found.order_by(*ORDERINGS[filters.ordering or "-created"]))
    return _MarkedAuthors(found, need_services.viewer_for(user))


class _MarkedAuthors:
    """A queryset whose page is marked with what the viewer may know of the authors
    (the paginator slices it; mark_authors runs on the slice only)."""

    def __init__(self, queryset, viewer):
        self.queryset, self.viewer = queryset, viewer

    def count(self):
        return self.queryset.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        items = self.queryset[index]
        if isinstance(index, slice):
            return need_services.mark_authors(self.viewer, items)
        return need_services.mark_authors(self.viewer, [items])[0]

    # Django's Paginator warns about unordered object lists; this one is ordered.
    ordered = True


@router.get("/needs/{need_id}", response=NeedOut, summary="One need", openapi_extra=OPTIONAL_TOKEN)
def get_need(request, need_id: Annotated[int, Path(ge=1, le=ID_MAX)]):
    """A need the caller may see (404 otherwise). Optional token of scope needs:read."""
    return _visible_need(optional_token_user(request, NEEDS_READ), need_id)


@router.get(
    "/needs/{need_id}/matches",
    response=list[MatchOut],
    auth=TokenAuth(),
    summary="The providers suggested for a need",
)
def need_matches(request, need_id: Annotated[int, Path(ge=1, le=ID_MAX)]):
    """The ranked providers the need's page shows (up to ten, best first, each with why),
    for the people of the author organisation and the staff of the need's cluster. Scope
    needs:read."""
    require_scope(request, NEEDS_READ)
    need = _visible_need(request.user, need_id)
    require_organisation(request, need.organisation)
    if not request.user.has_perm("matching.view_suggestions", need):
        raise AuthorizationError(
            message=_("Only the author organisation and the cluster's staff see the matches.")
        )
    return need_services.shown_suggestions(need)


@router.post("/needs", response={201: NeedOut}, auth=TokenAuth(), summary="Post a need")
def post_need(request, payload: NeedIn):
    """Post a need for an organisation the user works at (an organisation token: for its
    organisation only), checked by the need form of the page. Scope needs:write; audited
    with the token's name."""
    require_scope(request, NEEDS_WRITE)
    if not request.user.has_perm("matching.post_need"):
        raise AuthorizationError(message=_("Only people who work at an organisation post needs."))
    organisation = Organisation.objects.filter(slug=payload.organisation).first()
    if organisation is not None:
        require_organisation(request, organisation)
    data = payload.model_dump()
    data["organisation"] = organisation.pk if organisation else payload.organisation
    data["cluster"] = _pk_or_text(Cluster, payload.cluster)
    data["deadline"] = data["deadline"] or ""
    form = _form(request, data)
    posted = need_services.post_need(
        request.user,
        form.cleaned_data["organisation"],
        form.need_data(),
        via=request.api_token.name,
    )
    return Status(201, _visible_need(request.user, posted.pk))


@router.patch("/needs/{need_id}", response=NeedOut, auth=TokenAuth(), summary="Change a need")
def patch_need(request, need_id: Annotated[int, Path(ge=1, le=ID_MAX)], payload: NeedPatch):
    """Change the fields sent, checked by the page's need form; `status: closed` closes
    it. For the people of the author organisation. Scope needs:write; audited with the
    token's name."""
    require_scope(request, NEEDS_WRITE)
    need = _visible_need(request.user, need_id)
    require_organisation(request, need.organisation)
    if not request.user.has_perm("matching.edit_need", need):
        raise AuthorizationError(message=_("Only the author organisation changes its need."))
    sent = payload.model_dump(exclude_unset=True)
    close = sent.pop("status", None) == "closed"
    if sent:
        data = model_to_dict(need, fields=need_services.NEED_FIELDS)
        if "cluster" in sent:
            sent["cluster"] = _pk_or_text(Cluster, sent["cluster"])
        data.update(sent)
        data = {name: "" if value is None else value for name, value in data.items()}
        form = _form(request, data, instance=need)
        need_services.change_need(request.user, need, form.need_data(), via=request.api_token.name)
    if close and need.status != Need.Status.CLOSED:
        need_services.close_need(request.user, need, via=request.api_token.name)
    return _visible_need(request.user, need.pk)
