"""The public directory: organisations, topics and clusters, as the directory pages show
them to everybody (knotenpunkt.directory.services.search and directory.rules), and the
self-service write of an organisation's profile with a token."""

from typing import Annotated, Literal

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.forms.models import model_to_dict
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja.decorators import decorate_view
from ninja.errors import AuthorizationError
from ninja.pagination import paginate

from knotenpunkt.api.answer_cache import cached_for_anonymous
from knotenpunkt.api.auth import TokenAuth, require_organisation, require_scope
from knotenpunkt.api.openapi import SLUG, TEXT, choice_of
from knotenpunkt.api.pagination import PageNumbers
from knotenpunkt.api.problems import NamedNotFound
from knotenpunkt.api.scopes import ORGANISATIONS_WRITE
from knotenpunkt.directory.forms import OrganisationProfileForm
from knotenpunkt.directory.models import Cluster, Membership, Organisation, Topic
from knotenpunkt.directory.services.listing_cache import LISTING
from knotenpunkt.directory.services.organisations import save_organisation_profile
from knotenpunkt.directory.services.search import DirectoryFilters, search_organisations

router = Router(tags=["directory"])

ORDERINGS = {"name": ("name", "pk"), "-name": ("-name", "-pk")}


class TopicRef(Schema):
    slug: str
    label_de: str
    label_en: str


def topic_refs(topics) -> list[dict]:
    """Topics as TopicRef values (the directory, the calendar and the job board list them
    alike)."""
    return [{"slug": t.slug, "label_de": t.label_de, "label_en": t.label_en} for t in topics]


class OrganisationOut(Schema):
    slug: str
    name: str
    legal_form: str
    actor_type: str
    size_class: str
    employees: int | None
    street: str
    postcode: str
    city: str
    website: str
    email: str
    description: str
    topics: list[TopicRef]
    clusters: list[str] = Field(description="Slugs of the clusters it is a member of now.")
    url: str = Field(description="The organisation's page on the platform.")

    @staticmethod
    def resolve_topics(organisation) -> list[dict]:
        return topic_refs(organisation.topics.all())

    @staticmethod
    def resolve_clusters(organisation) -> list[str]:
        return sorted({m.cluster.slug for m in organisation.current_memberships})

    @staticmethod
    def resolve_url(organisation, context) -> str:
        path = reverse("directory:organisation", args=[organisation.slug])
        return context["request"].build_absolute_uri(path)


class OrganisationFilters(Schema):
    q: str = Field("", max_length=200, pattern=TEXT, description="Words to search for.")
    cluster: str = Field("", pattern=SLUG, description="A cluster's slug: its members only.")
    topic: str = Field(
        "", pattern=SLUG, description="A topic's slug: organisations with it or a narrower one."
    )
    actor_type: choice_of(Organisation.ActorType) | None = None
    ordering: Literal["", "name", "-name"] = Field(
        "", description="name or -name; without it, best matches first for a search, else name."
    )


class OrganisationPatch(Schema):
    """The profile fields to change; the others stay as they are."""

    name: str | None = None
    legal_form: choice_of(Organisation.LegalForm) | None = None
    actor_type: choice_of(Organisation.ActorType) | None = None
    size_class: choice_of(Organisation.SizeClass) | None = None
    employees: int | None = Field(None, ge=0)
    street: str | None = None
    postcode: str | None = None
    city: str | None = None
    website: str | None = None
    email: str | None = None
    phone: str | None = None
    description: str | None = None
    is_listed: bool | None = None
    topics: list[str] | None = Field(None, description="Topic slugs; replaces the topics.")


class ClusterOut(Schema):
    slug: str
    name: str
    short_name: str
    city: str
    website: str
    email: str
    description: str


class TopicOut(Schema):
    slug: str
    kind: str
    label_de: str
    label_en: str
    parent: str | None

    @staticmethod
    def resolve_parent(topic) -> str | None:
        return topic.parent.slug if topic.parent_id else None


def by_slug(model, slug: str, field: str):
    """The cluster or topic a filter or field names; a 404 problem saying which one does
    not exist (the name is valid, there is just nothing by it)."""
    found = model.objects.filter(slug=slug).first()
    if found is None:
        raise NamedNotFound(_("There is no %(field)s “%(slug)s”.") % {"field": field, "slug": slug})
    return found


def _with_relations(organisations):
    """Topics and current clusters in two queries for the whole page."""
    current = Membership.objects.active_on(timezone.localdate()).select_related("cluster")
    return organisations.prefetch_related(
        "topics", Prefetch("memberships", queryset=current, to_attr="current_memberships")
    )


@router.get("/organisations", response=list[OrganisationOut], summary="List organisations")
@decorate_view(cached_for_anonymous(LISTING))
@paginate(PageNumbers)
def list_organisations(request, filters: Query[OrganisationFilters]):
    """The organisations of the public directory (listed, with a membership in force),
    searched and filtered as on the directory page."""
    found = search_organisations(
        DirectoryFilters(
            query=filters.q,
            cluster=by_slug(Cluster, filters.cluster, "cluster") if filters.cluster else None,
            topic=by_slug(Topic, filters.topic, "topic") if filters.topic else None,
            actor_type=filters.actor_type or "",
        )
    )
    if filters.ordering or not filters.q.strip():
        found = found.order_by(*ORDERINGS[filters.ordering or "name"])
    return _with_relations(found)


def _listed(slug: str) -> Organisation:
    organisation = get_object_or_404(Organisation, slug=slug)
    if not AnonymousUser().has_perm("directory.view_organisation", organisation):
        raise Http404
    return organisation


@router.get("/organisations/{slug}", response=OrganisationOut, summary="One organisation")
def get_organisation(request, slug: Annotated[str, Path(pattern=SLUG)]):
    """An organisation of the public directory."""
    _listed(slug)
    return _with_relations(Organisation.objects.filter(slug=slug)).get()


@router.patch(
    "/organisations/{slug}",
    response=OrganisationOut,
    auth=TokenAuth(),
    summary="Change an organisation's profile",
)
def patch_organisation(
    request, slug: Annotated[str, Path(pattern=SLUG)], changes: OrganisationPatch
):
    """Change the fields sent and keep the others. Needs the scope organisations:write
    and a token of an admin of the organisation (or an organisation token of it); the
    directory checks the values as on the profile page, and the change is audited with
    the token's name."""
    require_scope(request, ORGANISATIONS_WRITE)
    organisation = get_object_or_404(Organisation, slug=slug)
    require_organisation(request, organisation)
    if not request.user.has_perm("directory.edit_organisation", organisation):
        raise AuthorizationError(message=_("You may not change this organisation's profile."))
    fields = OrganisationProfileForm._meta.fields
    data = {
        name: value
        for name, value in model_to_dict(organisation, fields=fields).items()
        if name not in ("logo", "topics")
    }
    data["topics"] = [t.pk for t in organisation.topics.all()]
    data["region"] = organisation.region_id
    sent = changes.model_dump(exclude_unset=True)
    if "topics" in sent:
        data["topics"] = [by_slug(Topic, slug, "topics").pk for slug in sent.pop("topics") or []]
    data.update({name: "" if value is None else value for name, value in sent.items()})
    form = OrganisationProfileForm(data, instance=organisation)
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    save_organisation_profile(request.user, form, via=request.api_token.name)
    return _with_relations(Organisation.objects.filter(pk=organisation.pk)).get()


@router.get("/clusters", response=list[ClusterOut], summary="List clusters")
@paginate(PageNumbers)
def list_clusters(request):
    """The clusters of this installation."""
    return Cluster.objects.order_by("name", "pk")


@router.get("/topics", response=list[TopicOut], summary="List topics")
@paginate(PageNumbers)
def list_topics(request):
    """The topic tree (themes, technologies, industries), parents before children."""
    return Topic.objects.select_related("parent").order_by("kind", "label_de", "pk")
