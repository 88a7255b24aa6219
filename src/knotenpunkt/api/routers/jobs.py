"""The public job board (knotenpunkt.jobs.services.board): listed postings, searched and
filtered as on the board page. Contact name and address are shown because the board
shows them to everybody (the organisation published them for applications)."""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from knotenpunkt.api.openapi import SLUG, TEXT, choice_of
from knotenpunkt.api.pagination import PageNumbers
from knotenpunkt.api.routers.directory import TopicRef, by_slug, topic_refs
from knotenpunkt.directory.models import Cluster, Organisation, Topic
from knotenpunkt.jobs.models import JobPosting
from knotenpunkt.jobs.services.board import BoardFilters, board_postings, listed_postings

router = Router(tags=["jobs"])

ORDERINGS = {"-published": ("-published_at", "-pk"), "valid_until": ("valid_until", "pk")}


class PostingOut(Schema):
    slug: str
    kind: choice_of(JobPosting.Kind)
    title: str
    organisation: str = Field(description="The organisation's slug in the directory.")
    organisation_name: str
    description: str
    topics: list[TopicRef]
    work_mode: str
    employment_type: str
    city: str
    postcode: str
    start_date: datetime.date | None
    salary_min: Decimal | None
    salary_max: Decimal | None
    salary_unit: str
    currency: str
    contact_name: str
    contact_email: str
    application_url: str
    valid_until: datetime.date
    published_at: datetime.datetime | None
    url: str

    @staticmethod
    def resolve_organisation(posting) -> str:
        return posting.organisation.slug

    @staticmethod
    def resolve_organisation_name(posting) -> str:
        return posting.organisation.name

    @staticmethod
    def resolve_topics(posting) -> list[dict]:
        return topic_refs(posting.topics.all())

    @staticmethod
    def resolve_url(posting, context) -> str:
        return context["request"].build_absolute_uri(posting.get_absolute_url())


class PostingFilters(Schema):
    q: str = Field("", max_length=200, pattern=TEXT, description="Words to search for.")
    kind: choice_of(JobPosting.Kind) | None = None
    work_mode: choice_of(JobPosting.WorkMode) | None = None
    employment_type: choice_of(JobPosting.EmploymentType) | None = None
    topic: str = Field(
        "", pattern=SLUG, description="A topic's slug: postings with it or a narrower one."
    )
    cluster: str = Field("", pattern=SLUG, description="A cluster's slug: postings shown in it.")
    organisation: str = Field("", pattern=SLUG, description="An organisation's slug: its postings.")
    ordering: Literal["", "-published", "valid_until"] = Field(
        "", description="-published (newest first, the default without a search) or valid_until."
    )


def _with_relations(postings):
    return postings.select_related("organisation").prefetch_related("topics")


@router.get("/jobs", response=list[PostingOut], summary="List job postings")
@paginate(PageNumbers)
def list_postings(request, filters: Query[PostingFilters]):
    """Jobs, internships, theses and training offers on the public board (published and
    not past their date), as on the board page."""
    found = board_postings(
        BoardFilters(
            query=filters.q,
            kind=filters.kind or "",
            work_mode=filters.work_mode or "",
            employment_type=filters.employment_type or "",
            topic=by_slug(Topic, filters.topic, "topic") if filters.topic else None,
            cluster=by_slug(Cluster, filters.cluster, "cluster") if filters.cluster else None,
            organisation=(
                by_slug(Organisation, filters.organisation, "organisation")
                if filters.organisation
                else None
            ),
        )
    )
    if filters.ordering:
        found = found.order_by(*ORDERINGS[filters.ordering])
    return _with_relations(found)


@router.get("/jobs/{slug}", response=PostingOut, summary="One job posting")
def get_posting(request, slug: Annotated[str, Path(pattern=SLUG)]):
    """A posting on the public board (404 once it is withdrawn or past its date)."""
    return get_object_or_404(_with_relations(listed_postings()), slug=slug)
