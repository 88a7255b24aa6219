"""The one-stop shop's catalogue (knotenpunkt.procurement.services.catalogue_search):
listed offerings of member firms, searched and filtered with the catalogue page's facets,
for municipalities' procurement systems."""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from knotenpunkt.api.answer_cache import cached_for_anonymous
from knotenpunkt.api.openapi import SLUG, TEXT, choice_of
from knotenpunkt.api.pagination import PageNumbers
from knotenpunkt.directory.services.listing_cache import LISTING
from knotenpunkt.procurement.models.catalogue import OfferingVersion
from knotenpunkt.procurement.services.catalogue_search import (
    CERTIFICATE_OPTIONS,
    HOSTING_OPTIONS,
    badges,
    listed_versions,
    matching_versions,
)
from knotenpunkt.procurement.services.listing import CATALOGUE

router = Router(tags=["catalogue"])
V = OfferingVersion


class ThemenfeldRef(Schema):
    key: str
    label_de: str
    label_en: str


class OfferingOut(Schema):
    slug: str = Field(description="The offering's address on the platform.")
    version: int
    name: str
    summary: str
    description: str
    provider: str = Field(description="The providing organisation's slug.")
    provider_name: str
    kind: choice_of(V.Kind)
    category: choice_of(V.OfferingCategory)
    deployment: choice_of(V.Deployment)
    hosting: choice_of(V.Hosting)
    price_model: choice_of(V.PriceModel)
    price_amount: Decimal | None
    price_note: str
    open_source_licence: str
    accessibility: str
    themenfelder: list[ThemenfeldRef]
    badges: list[str] = Field(description="Valid certificates and other marks, as shown.")
    published_at: datetime.datetime | None
    url: str

    @staticmethod
    def resolve_slug(version) -> str:
        return version.offering.slug

    @staticmethod
    def resolve_version(version) -> int:
        return version.number

    @staticmethod
    def resolve_provider(version) -> str:
        return version.offering.provider.slug

    @staticmethod
    def resolve_provider_name(version) -> str:
        return version.offering.provider.name

    @staticmethod
    def resolve_themenfelder(version) -> list[dict]:
        return [
            {"key": t.key, "label_de": t.label_de, "label_en": t.label_en}
            for t in version.themenfelder.all()
        ]

    @staticmethod
    def resolve_badges(version) -> list[str]:
        return [str(badge) for badge in badges(version)]

    @staticmethod
    def resolve_url(version, context) -> str:
        return context["request"].build_absolute_uri(version.offering.get_absolute_url())


class CatalogueFilters(Schema):
    q: str = Field("", max_length=200, pattern=TEXT, description="Words to search for.")
    category: list[choice_of(V.OfferingCategory)] = Field(
        [], description="Any of these categories."
    )
    hosting: Literal["", *HOSTING_OPTIONS] = Field("", description="Where it is hosted.")
    certificate: Literal["", *CERTIFICATE_OPTIONS] = Field(
        "", description="A valid security certificate."
    )
    open_source: bool = Field(False, description="Open-source offerings only.")
    themenfeld: list[Annotated[str, Field(pattern=SLUG)]] = Field(
        [], description="Any of these Themenfelder (keys)."
    )
    price_model: list[choice_of(V.PriceModel)] = []
    deployment: list[choice_of(V.Deployment)] = []


def _with_relations(versions):
    return versions.select_related("offering__provider").prefetch_related(
        "themenfelder", "documents"
    )


@router.get("/offerings", response=list[OfferingOut], summary="List offerings")
# Provider names and slugs are the directory's: its generation counts too.
@decorate_view(cached_for_anonymous(CATALOGUE, LISTING))
@paginate(PageNumbers)
def list_offerings(request, filters: Query[CatalogueFilters]):
    """Listed offerings of the one-stop shop, best matches first for a search, else by
    name; the filters are the catalogue page's facets."""
    facets = {
        "category": filters.category,
        "hosting": filters.hosting,
        "certificate": filters.certificate,
        "open_source": "yes" if filters.open_source else "",
        "themenfeld": filters.themenfeld,
        "price_model": filters.price_model,
        "deployment": filters.deployment,
    }
    return _with_relations(matching_versions(filters.q, facets))


@router.get("/offerings/{slug}", response=OfferingOut, summary="One offering")
def get_offering(request, slug: Annotated[str, Path(pattern=SLUG)]):
    """The published version of a listed offering."""
    return get_object_or_404(_with_relations(listed_versions()), offering__slug=slug)
