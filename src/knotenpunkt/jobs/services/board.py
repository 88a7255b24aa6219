"""The public board: listed postings, their filters and full-text search.

Listed means published and not past its date, decided at read time, so an expired
posting leaves the board the day after its date whether or not the nightly run has
marked it. The search follows the directory's: German full-text search on the stored
tsvector on PostgreSQL, ranked; on SQLite every query word at a word start of the search
document, with umlauts folded and endings trimmed.
"""

import datetime
from dataclasses import dataclass
from functools import reduce
from operator import and_

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from knotenpunkt.directory.models import Cluster, Organisation, Region, Topic
from knotenpunkt.directory.services.abbreviations import stem, words
from knotenpunkt.directory.services.taxonomy import topic_and_narrower, topic_tree
from knotenpunkt.jobs.models import JobPosting

PAGE_SIZE = 20
ORGANISATION_SECTION_SIZE = 10


def listed_postings(today: datetime.date | None = None) -> QuerySet[JobPosting]:
    """What the board shows: published postings whose date has not passed."""
    today = today or timezone.localdate()
    return JobPosting.objects.filter(status=JobPosting.Status.PUBLISHED, valid_until__gte=today)


@dataclass
class BoardFilters:
    query: str = ""
    kind: str = ""
    topic: Topic | None = None
    region: Region | None = None
    work_mode: str = ""
    employment_type: str = ""
    organisation: Organisation | None = None
    cluster: Cluster | None = None


def _all_words(query: str) -> Q:
    needles = [
        # Short words ("KI", "IT") must match a whole word; longer ones a word start.
        Q(search_document__contains=f" {word} " if len(word) <= 3 else f" {stem(word)}")
        for word in words(query)
    ]
    return reduce(and_, needles, Q())


def board_postings(filters: BoardFilters, today: datetime.date | None = None):
    """The listed postings for the filters, best matches first for a search, else the
    newest first."""
    qs = listed_postings(today)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.work_mode:
        qs = qs.filter(work_mode=filters.work_mode)
    if filters.employment_type:
        qs = qs.filter(employment_type=filters.employment_type)
    if filters.region is not None:
        qs = qs.filter(region=filters.region)
    if filters.organisation is not None:
        qs = qs.filter(organisation=filters.organisation)
    if filters.cluster is not None:
        qs = qs.filter(
            pk__in=JobPosting.clusters.through.objects.filter(cluster=filters.cluster).values(
                "jobposting_id"
            )
        )
    if filters.topic is not None:
        qs = qs.filter(
            pk__in=JobPosting.topics.through.objects.filter(
                topic_id__in=topic_and_narrower(filters.topic)
            ).values("jobposting_id")
        )
    query = filters.query.strip()
    if not query:
        return qs.order_by("-published_at", "-pk")
    if connection.vendor == "postgresql":
        ts_query = SearchQuery(query, config="german", search_type="websearch")
        return (
            qs.filter(search_vector=ts_query)
            .annotate(rank=SearchRank(F("search_vector"), ts_query))
            .order_by("-rank", "-published_at", "-pk")
        )
    return qs.filter(_all_words(query)).order_by("-published_at", "-pk")


def board_page(filters: BoardFilters, number, per_page: int = PAGE_SIZE) -> Page:
    """One page of the board with what each row shows (organisation, region, topics)."""
    postings = (
        board_postings(filters)
        .select_related("organisation", "region")
        .prefetch_related("topics")
        .defer("description", "search_document", "search_vector")
    )
    page = Paginator(postings, per_page).get_page(number)
    page.object_list = list(page.object_list)
    return page


@dataclass(frozen=True)
class FilterOptions:
    """What the filter form offers: only values some listed posting has, so no choice
    leads to an empty board."""

    topics: list[tuple[str, str]]
    regions: list[tuple[str, str]]
    organisations: list[tuple[str, str]]
    clusters: list[tuple[str, str]]


def filter_options(today: datetime.date | None = None) -> FilterOptions:
    listed = listed_postings(today)
    used_topics = set(
        JobPosting.topics.through.objects.filter(jobposting__in=listed).values_list(
            "topic_id", flat=True
        )
    )
    # A used topic and the topics above it: the parent finds the postings of its children.
    offered, path = set(), []
    tree = topic_tree()
    for t, depth in tree:
        path[depth:] = [t.pk]
        if t.pk in used_topics:
            offered.update(path)
    topics = [(t.slug, "\u2003" * depth + t.label) for t, depth in tree if t.pk in offered]
    regions = [
        (r.ags, r.name)
        for r in Region.objects.filter(job_postings__in=listed).distinct().order_by("name")
    ]
    organisations = [
        (o.slug, o.name)
        for o in Organisation.objects.filter(job_postings__in=listed)
        .distinct()
        .only("slug", "name")
        .order_by("name")
    ]
    clusters = [
        (c.slug, str(c))
        for c in Cluster.objects.filter(job_postings__in=listed).distinct().order_by("name")
    ]
    return FilterOptions(topics, regions, organisations, clusters)


def organisation_section(request, organisation) -> dict | None:
    """The "Jobs & training" part of an organisation's directory page: its listed
    postings, and the way to post one for those who may."""
    postings = list(
        listed_postings()
        .filter(organisation=organisation)
        .order_by("-published_at", "-pk")
        .only("slug", "title", "kind", "valid_until", "city", "work_mode")[
            :ORGANISATION_SECTION_SIZE
        ]
    )
    may_post = request.user.has_perm("jobs.post_job", organisation)
    if not postings and not may_post:
        return None
    return {"postings": postings, "may_post": may_post, "organisation": organisation}
