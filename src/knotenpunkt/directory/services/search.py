"""Directory search: German full-text search on PostgreSQL, a term match on SQLite.

Every organisation carries a search document (name, topics with their synonyms in both
languages, description, place). On PostgreSQL it is also kept as a weighted tsvector
(config 'german': "Häuser" finds "Haus"), ranked by relevance; SQLite gets a working
fallback that matches every query term, with umlauts folded and plural endings trimmed.
On both, an abbreviation of the taxonomy and its long form find the same organisations
("KI" and "künstliche Intelligenz", see services.abbreviations).
"""

import time
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
    Window,
)
from django.utils import timezone
from django.utils.translation import get_language

from knotenpunkt.core.richtext import plain_text
from knotenpunkt.directory.models import Cluster, Membership, Organisation, Region, Topic
from knotenpunkt.directory.services.abbreviations import (
    QueryPart,
    Rings,
    TopicNames,
    abbreviation_rings,
    expand_query,
    stem,
    words,
)
from knotenpunkt.directory.services.listing_cache import (
    LISTING_SECONDS,
    current_generation,
    directory_changed,
)
from knotenpunkt.directory.services.taxonomy import topic_tree


def uses_postgres_search() -> bool:
    return connection.vendor == "postgresql"


def _document_parts(org: Organisation) -> tuple[str, str, str]:
    topics = list(org.topics.all())
    topic_words = " ".join(" ".join([t.label_de, t.label_en, *t.synonym_list]) for t in topics)
    place = " ".join(p for p in (org.city, org.region.name if org.region else "") if p)
    return org.name, topic_words, f"{plain_text(org.description)} {place}"


def refresh_search_index(organisation_ids=None) -> int:
    """Recompute the search document (and tsvector) of the given organisations, or all."""
    organisations = Organisation.objects.select_related("region").prefetch_related("topics")
    if organisation_ids is not None:
        organisations = organisations.filter(pk__in=list(organisation_ids))
    count, batch = 0, []
    for org in organisations.iterator(chunk_size=500):
        name, topics, rest = _document_parts(org)
        # Padded with spaces so that the SQLite fallback can match at word starts.
        org.search_document = " " + " ".join(words(f"{name} {topics} {rest}")) + " "
        if uses_postgres_search():
            org.search_vector = (
                SearchVector(Value(name, output_field=TextField()), weight="A", config="german")
                + SearchVector(Value(topics, output_field=TextField()), weight="B", config="german")
                + SearchVector(Value(rest, output_field=TextField()), weight="C", config="german")
            )
        batch.append(org)
        if len(batch) == 500:
            count += _save_search_fields(batch)
            batch = []
    count += _save_search_fields(batch)
    directory_changed()
    return count


def _save_search_fields(organisations: list[Organisation]) -> int:
    fields = ["search_document"] + (["search_vector"] if uses_postgres_search() else [])
    Organisation.objects.bulk_update(organisations, fields)
    return len(organisations)


def listed_organisations(cluster=None) -> QuerySet[Organisation]:
    """Organisations the public directory shows: listed, with an active membership."""
    active = Membership.objects.active_on(timezone.localdate())
    if cluster is not None:
        # IN, not EXISTS: without statistics SQLite runs a correlated EXISTS through the
        # (cluster, start_date) index, i.e. all the cluster's memberships once per
        # organisation (minutes for 13,500); IN reads them once. PostgreSQL plans both
        # as the same semi-join.
        return Organisation.objects.filter(
            pk__in=active.filter(cluster=cluster).values("organisation_id"), is_listed=True
        )
    return Organisation.objects.filter(
        Exists(active.filter(organisation=OuterRef("pk"))), is_listed=True
    )


@dataclass
class DirectoryFilters:
    query: str = ""
    cluster: object = None
    actor_type: str = ""
    topic: Topic | None = None
    region: object = None
    size_class: str = ""


def _with_descendants(topic: Topic) -> list[int]:
    """The topic and every topic below it (one query for the whole tree of 228 topics)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Topic.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    ids, frontier = [topic.pk], [topic.pk]
    while frontier:
        frontier = [child for pk in frontier for child in children.get(pk, [])]
        ids.extend(frontier)
    return ids


@dataclass(frozen=True)
class FilterOptions:
    """What the directory's filter form offers: choices, and the objects by their key."""

    clusters: dict[str, Cluster]
    topics: dict[str, Topic]
    regions: dict[str, Region]
    topics_by_pk: dict[int, Topic]
    topic_order: dict[int, int]  # position by German label, in the database's collation
    cluster_choices: list[tuple[str, str]]
    topic_choices: list[tuple[str, str]]
    region_choices: list[tuple[str, str]]


# Per process and language: the form's clusters, 228 topics and regions cost three
# queries and a tree walk, on every page that is not served from the listing cache. They
# are kept for the listing generation (every change to the directory starts a new one)
# and at most LISTING_SECONDS, as long as a cached page keeps its form.
_OPTIONS: dict[str, tuple[int, float, FilterOptions]] = {}


def filter_options() -> FilterOptions:
    """The filter form's options in the active language, built once per generation."""
    language = get_language() or "de"
    generation = current_generation()
    cached = _OPTIONS.get(language)
    now = time.monotonic()
    if (
        cached is None
        or generation is None  # a cache that keeps nothing: no generation to keep them for
        or cached[0] != generation
        or now - cached[1] > LISTING_SECONDS
    ):
        cached = _OPTIONS[language] = (generation, now, _build_filter_options())
    return cached[2]


def _build_filter_options() -> FilterOptions:
    clusters = list(Cluster.objects.all())
    regions = list(Region.objects.all())
    tree = topic_tree()
    return FilterOptions(
        clusters={c.slug: c for c in clusters},
        topics={t.slug: t for t, _depth in tree},
        regions={r.ags: r for r in regions},
        topics_by_pk={t.pk: t for t, _depth in tree},
        topic_order={
            pk: n
            for n, pk in enumerate(Topic.objects.order_by("label_de").values_list("pk", flat=True))
        },
        cluster_choices=[(c.slug, str(c)) for c in clusters],
        topic_choices=[(t.slug, "\u2003" * depth + t.label) for t, depth in tree],
        region_choices=[(r.ags, str(r)) for r in regions],
    )


def search_organisations(filters: DirectoryFilters) -> QuerySet[Organisation]:
    """The directory listing for the given query and filters, best matches first."""
    qs = listed_organisations(filters.cluster)
    if filters.actor_type:
        qs = qs.filter(actor_type=filters.actor_type)
    if filters.size_class:
        qs = qs.filter(size_class=filters.size_class)
    if filters.region is not None:
        qs = qs.filter(region=filters.region)
    if filters.topic is not None:
        qs = qs.filter(
            pk__in=Organisation.topics.through.objects.filter(
                topic_id__in=_with_descendants(filters.topic)
            ).values("organisation_id")
        )
    query = filters.query.strip()
    if not query:
        return qs.order_by("name")
    parts = expand_query(query, rings_in_use())
    if uses_postgres_search():
        ts_query = reduce(and_, (_ts_query(part) for part in parts))
        # The name is the highest-weighted part of the vector: no separate name match,
        # which would scan the table and find "KI" inside "Kiel".
        return (
            qs.filter(search_vector=ts_query)
            .annotate(rank=SearchRank(F("search_vector"), ts_query))
            .order_by("-rank", "name")
        )
    for part in parts:
        qs = qs.filter(_document_match(part))
    return qs.annotate(
        name_hit=Case(
            When(name__icontains=query, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    ).order_by("-name_hit", "name")


def _ts_query(part: QueryPart) -> SearchQuery:
    """A stretch of the query for PostgreSQL: an abbreviation or long form as any member of
    its ring (each with all its words), other words as a web search ("quotes", -not)."""
    if not part.alternatives:
        return SearchQuery(part.text, config="german", search_type="websearch")
    return reduce(or_, (SearchQuery(a, config="german") for a in part.alternatives))


def _document_match(part: QueryPart) -> Q:
    """A stretch of the query for the SQLite search document: every word of it, or of
    one member of its ring."""
    if part.alternatives:
        return reduce(or_, (_all_words(a) for a in part.alternatives))
    return _all_words(part.text)


def _all_words(text: str) -> Q:
    needles = [
        # Short words ("KI", "IT") must match a whole word; longer ones a word start.
        Q(search_document__contains=f" {word} " if len(word) <= 3 else f" {stem(word)}")
        for word in words(text)
    ]
    return reduce(and_, needles, Q())


# Per process: the abbreviation rings of the taxonomy. A search in the listing generation
# they were checked for costs no query; the first one in a new generation (every change
# to the directory starts one) asks whether a topic changed, and only then are they
# rebuilt (some 40 ms, the first time in a process about a second for the word list).
_RINGS: dict[str, tuple[object, tuple, Rings]] = {}


def rings_in_use() -> Rings:
    """The taxonomy's abbreviations and long forms, as the search expands them."""
    generation = current_generation()
    cached = _RINGS.get("rings")
    if cached is not None and generation is not None and cached[0] == generation:
        return cached[2]
    state = tuple(Topic.objects.aggregate(n=Count("pk"), changed=Max("updated_at")).values())
    if cached is not None and cached[1] == state:
        rings = cached[2]
    else:
        rings = abbreviation_rings(
            TopicNames(t.label_de, t.label_en, tuple(t.synonym_list))
            for t in Topic.objects.only("label_de", "label_en", "synonyms")
        )
    _RINGS["rings"] = (generation, state, rings)
    return rings


LISTED_FIELDS = ("name", "slug", "actor_type", "city", "size_class")
LISTED_TOPICS = 6


def directory_page(filters: DirectoryFilters, number, per_page: int) -> Page:
    """One page of the listing, with its total and each organisation's first topics
    (`listed_topics`, at most LISTED_TOPICS, by German label).

    Like Paginator.get_page (a number that is not one gives the first page, one out of
    range the last), but a search is evaluated once: ranking reads every match anyway,
    so the total comes with the page's rows (COUNT(*) OVER ()) instead of from a second
    query that finds all matches again. A listing without a search keeps the separate
    COUNT, which lets the page itself stop after 20 rows in name order.
    """
    results = search_organisations(filters).only(*LISTED_FIELDS)
    paginator = Paginator(results, per_page)
    try:
        wanted = int(number)
    except (TypeError, ValueError):
        wanted = 1
    page = None
    if filters.query.strip() and wanted >= 1:
        offset = (wanted - 1) * per_page
        rows = list(results.annotate(total=Window(Count("*")))[offset : offset + per_page])
        if rows:
            paginator.count = rows[0].total
            page = Page(rows, wanted, paginator)
        elif wanted == 1:
            paginator.count = 0
            page = Page([], 1, paginator)
    if page is None:  # a listing, or a page beyond the last
        page = paginator.get_page(number)
        page.object_list = list(page.object_list)
    _attach_topics(page.object_list)
    return page


def _attach_topics(organisations: list[Organisation]) -> None:
    """Their topics from the link table and the topics kept with the filter options:
    no join, no Topic rows read per page."""
    options = filter_options()
    topics = options.topics_by_pk
    links = Organisation.topics.through.objects.filter(
        organisation_id__in=[org.pk for org in organisations]
    ).values_list("organisation_id", "topic_id")
    by_organisation: dict[int, list[Topic]] = {}
    for organisation_id, topic_id in links:
        topic = topics.get(topic_id)
        if topic is None:  # created since the options were built: read it
            topic = Topic.objects.get(pk=topic_id)
        by_organisation.setdefault(organisation_id, []).append(topic)
    order = options.topic_order
    for org in organisations:
        found = sorted(by_organisation.get(org.pk, []), key=lambda t: order.get(t.pk, 0))
        org.listed_topics = found[:LISTED_TOPICS]
