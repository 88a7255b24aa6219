"""The provider's own offerings in the shop (knotenpunkt.procurement.services.listing):
every offering of the organisations the user administers, drafts and versions in review
included, as the "my offerings" page lists them; drafting and changing through the
offering form of the page, and submitting for the staff's review. A published version is
never edited: a change starts the next version, as on the page. Documents (files) are
uploaded on the page."""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import AuthorizationError
from ninja.pagination import paginate

from knotenpunkt.api.auth import TokenAuth, require_organisation, require_scope
from knotenpunkt.api.openapi import SLUG, TEXT, choice_of
from knotenpunkt.api.pagination import PageNumbers
from knotenpunkt.api.rules import organisations_for_tokens
from knotenpunkt.api.scopes import OFFERINGS_READ, OFFERINGS_WRITE
from knotenpunkt.directory.models import Organisation
from knotenpunkt.procurement.forms.catalogue import OfferingForm
from knotenpunkt.procurement.models.catalogue import (
    Interface,
    Offering,
    OfferingVersion,
    Themenfeld,
)
from knotenpunkt.procurement.services import listing
from knotenpunkt.procurement.services.listing import M2M_FIELDS, VERSION_FIELDS

router = Router(tags=["my offerings"], auth=TokenAuth())
V = OfferingVersion
ORDERINGS = {"slug": ("slug", "pk"), "-slug": ("-slug", "-pk")}


class IssueOut(Schema):
    field: str
    message: str
    severity: Literal["missing", "check"] = Field(
        description="missing blocks the submission; check is for the reviewer."
    )


class VersionOut(Schema):
    number: int
    status: choice_of(V.Status)
    name: str
    summary: str
    description: str
    kind: str
    category: str
    procurement_category: str
    deployment: str
    hosting: str
    hosting_details: str
    price_model: str
    price_amount: Decimal | None
    price_note: str
    reference_customers: str
    leika_keys: str
    open_source_licence: str
    opencode_url: str
    accessibility: str
    accessibility_statement_url: str
    c5: str
    iso27001: str
    avv_available: bool
    evb_it: str
    themenfelder: list[str] = Field(description="Keys of the OZG Themenfelder.")
    interfaces: list[str] = Field(description="Keys of the interfaces.")
    review_note: str = Field(description="The staff's note when they asked for changes.")
    submitted_at: datetime.datetime | None
    published_at: datetime.datetime | None

    @staticmethod
    def resolve_themenfelder(version) -> list[str]:
        return [t.key for t in version.themenfelder.all()]

    @staticmethod
    def resolve_interfaces(version) -> list[str]:
        return [i.key for i in version.interfaces.all()]


class MyOfferingOut(Schema):
    slug: str
    provider: str = Field(description="The providing organisation's slug.")
    listed: bool = Field(description="In the public catalogue now.")
    published_version: int | None
    withdrawn_at: datetime.datetime | None
    working: VersionOut | None = Field(
        description="The version being drafted or reviewed (null when only the published)."
    )
    checklist: list[IssueOut] = Field(description="The working version's checklist.")
    url: str

    @staticmethod
    def resolve_provider(offering) -> str:
        return offering.provider.slug

    @staticmethod
    def resolve_listed(offering) -> bool:
        return offering.is_listed

    @staticmethod
    def resolve_published_version(offering) -> int | None:
        return offering.published.number if offering.published_id else None

    @staticmethod
    def resolve_working(offering):
        return _working(offering)

    @staticmethod
    def resolve_checklist(offering) -> list[dict]:
        version = _working(offering)
        if version is None:
            return []
        return [
            {"field": i.field, "message": str(i.message), "severity": i.severity}
            for i in listing.completeness(version)
        ]

    @staticmethod
    def resolve_url(offering, context) -> str:
        return context["request"].build_absolute_uri(offering.get_absolute_url())


def _working(offering):
    """The newest version not shown to buyers, from the prefetched versions."""
    shown = (V.Status.PUBLISHED, V.Status.SUPERSEDED)
    versions = sorted(offering.versions.all(), key=lambda v: v.number, reverse=True)
    return next((v for v in versions if v.status not in shown), None)


class MyOfferingFilters(Schema):
    organisation: str = Field("", pattern=SLUG, description="One provider's offerings only.")
    ordering: Literal["", "slug", "-slug"] = Field("", description="slug (the default) or -slug.")


class VersionFields(Schema):
    """What a provider says about an offering; in a draft, everything but the name may
    stay empty (the checklist says what the submission needs)."""

    summary: str | None = Field(None, max_length=300, pattern=TEXT)
    description: str | None = Field(None, pattern=TEXT)
    kind: choice_of(V.Kind) | Literal[""] | None = None
    category: choice_of(V.OfferingCategory) | Literal[""] | None = None
    procurement_category: str | None = Field(None, max_length=20, pattern=TEXT)
    deployment: choice_of(V.Deployment) | Literal[""] | None = None
    hosting: choice_of(V.Hosting) | Literal[""] | None = None
    hosting_details: str | None = Field(None, pattern=TEXT)
    price_model: choice_of(V.PriceModel) | Literal[""] | None = None
    price_amount: Decimal | None = None
    price_note: str | None = Field(None, pattern=TEXT)
    reference_customers: str | None = Field(None, pattern=TEXT)
    leika_keys: str | None = Field(None, pattern=TEXT)
    open_source_licence: str | None = Field(None, pattern=TEXT)
    opencode_url: str | None = Field(None, pattern=TEXT)
    accessibility: str | None = Field(None, max_length=20, pattern=TEXT)
    accessibility_statement_url: str | None = Field(None, pattern=TEXT)
    c5: str | None = Field(None, max_length=6, pattern=TEXT)
    iso27001: str | None = Field(None, max_length=12, pattern=TEXT)
    avv_available: bool | None = None
    evb_it: str | None = Field(None, max_length=20, pattern=TEXT)
    themenfelder: list[Annotated[str, Field(pattern=SLUG)]] | None = Field(
        None, description="Keys of OZG Themenfelder; replaces them."
    )
    interfaces: list[Annotated[str, Field(pattern=SLUG)]] | None = Field(
        None, description="Keys of interfaces; replaces them."
    )


class OfferingIn(VersionFields):
    provider: str = Field(pattern=SLUG, description="The providing organisation's slug.")
    name: str = Field(max_length=150, pattern=TEXT)


class OfferingPatch(VersionFields):
    name: str | None = Field(None, max_length=150, pattern=TEXT)


def _with_relations(offerings):
    return offerings.select_related("provider", "published").prefetch_related(
        "versions__themenfelder", "versions__interfaces", "versions__documents"
    )


def _own_offerings(request):
    organisations = organisations_for_tokens(request.user)
    if request.api_token.organisation_id:
        organisations = organisations.filter(pk=request.api_token.organisation_id)
    return Offering.objects.filter(provider__in=organisations)


def _offering(request, slug: str, scope: str) -> Offering:
    require_scope(request, scope)
    offering = get_object_or_404(Offering.objects.select_related("provider"), slug=slug)
    require_organisation(request, offering.provider)
    if not request.user.has_perm("procurement.view_unlisted_offering", offering):
        raise AuthorizationError(message=_("This is not one of your organisations' offerings."))
    return offering


def _keys_to_pks(model, keys) -> list:
    """Primary keys for the keys sent; an unknown key stays as it is, for the form to
    refuse with its message."""
    found = dict(model.objects.filter(key__in=keys).values_list("key", "pk"))
    return [found.get(key, key) for key in keys]


def _form(data: dict, sent: dict, instance=None) -> OfferingForm:
    for name, model in (("themenfelder", Themenfeld), ("interfaces", Interface)):
        if sent.get(name) is not None:
            sent[name] = _keys_to_pks(model, sent[name])
    data.update({name: "" if value is None else value for name, value in sent.items()})
    form = OfferingForm(data, instance=instance)
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    return form


def _answer(offering_pk: int):
    return _with_relations(Offering.objects.filter(pk=offering_pk)).get()


@router.get("/my/offerings", response=list[MyOfferingOut], summary="My organisations' offerings")
@paginate(PageNumbers)
def list_my_offerings(request, filters: Query[MyOfferingFilters]):
    """The offerings of the organisations the user administers (an organisation token: of
    its organisation), drafts and versions in review included, each with its working
    version and checklist. Scope offerings:read."""
    require_scope(request, OFFERINGS_READ)
    found = _own_offerings(request)
    if filters.organisation:
        found = found.filter(provider__slug=filters.organisation)
    return _with_relations(found.order_by(*ORDERINGS[filters.ordering or "slug"]))


@router.get("/my/offerings/{slug}", response=MyOfferingOut, summary="One of my offerings")
def get_my_offering(request, slug: Annotated[str, Path(pattern=SLUG)]):
    """An offering of the user's organisations (also for the staff who look after the
    provider), with its working version and checklist. Scope offerings:read."""
    return _answer(_offering(request, slug, OFFERINGS_READ).pk)


@router.post("/my/offerings", response={201: MyOfferingOut}, summary="Draft an offering")
def create_offering(request, payload: OfferingIn):
    """A new offering of the provider as a draft (version 1), checked by the page's
    offering form. Scope offerings:write; audited with the token's name."""
    require_scope(request, OFFERINGS_WRITE)
    provider = Organisation.objects.filter(slug=payload.provider).first()
    if provider is None:
        raise ValidationError({"provider": _("There is no organisation by this address.")})
    require_organisation(request, provider)
    if not request.user.has_perm("procurement.list_offering", provider):
        raise AuthorizationError(message=_("You may not list offerings for this organisation."))
    sent = payload.model_dump(exclude={"provider"})
    form = _form({}, sent)
    version = listing.start_offering(
        request.user, provider, via=request.api_token.name, **form.version_data()
    )
    return Status(201, _answer(version.offering_id))


@router.patch("/my/offerings/{slug}", response=MyOfferingOut, summary="Change an offering's draft")
def change_offering(request, slug: Annotated[str, Path(pattern=SLUG)], payload: OfferingPatch):
    """Change the fields sent in the working version (a published offering gets its next
    version as a draft, as on the page; buyers keep seeing the published one until the
    staff publish the new one). A version in review cannot be changed. Scope
    offerings:write; audited with the token's name."""
    offering = _offering(request, slug, OFFERINGS_WRITE)
    if not request.user.has_perm("procurement.edit_offering", offering):
        raise AuthorizationError(message=_("You may not change this offering."))
    version = offering.working_version() or listing.new_version(request.user, offering)
    if not version.is_editable:
        raise ValidationError(
            _("This version has the status “%(status)s” and can no longer be changed.")
            % {"status": version.get_status_display()}
        )
    data = model_to_dict(version, fields=VERSION_FIELDS + M2M_FIELDS)
    data = {
        name: [o.pk for o in value] if name in M2M_FIELDS else value for name, value in data.items()
    }
    form = _form(data, payload.model_dump(exclude_unset=True), instance=version)
    listing.update_draft(request.user, version, via=request.api_token.name, **form.version_data())
    return _answer(offering.pk)


@router.post("/my/offerings/{slug}/submit", response=MyOfferingOut, summary="Submit for review")
def submit_offering(request, slug: Annotated[str, Path(pattern=SLUG)]):
    """Send the working version to the cluster staff for review; refused (422, the
    missing items as errors, the draft kept) while the checklist has missing items.
    Scope offerings:write."""
    offering = _offering(request, slug, OFFERINGS_WRITE)
    if not request.user.has_perm("procurement.edit_offering", offering):
        raise AuthorizationError(message=_("You may not change this offering."))
    version = offering.working_version()
    if version is None:
        raise ValidationError(_("There is no draft to submit; change the offering first."))
    listing.submit(request.user, version, via=request.api_token.name)
    return _answer(offering.pk)
