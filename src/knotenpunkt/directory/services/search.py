"""Directory search: German full-text search on PostgreSQL, a term match on SQLite.

Every organisation carries a search document (name, topics with their synonyms in both
languages, description, place). On PostgreSQL it is also kept as a weighted tsvector
(config 'german': "Häuser" finds "Haus"), ranked by relevance; SQLite gets a working
fallback that matches every query term, with umlauts folded and plural endings trimmed.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.utils import timezone

from knotenpunkt.core.richtext import plain_text
from knotenpunkt.directory.models import Membership, Organisation, Topic
from knotenpunkt.directory.services.listing_cache import directory_changed

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_SUFFIXES = ("ern", "en", "er", "es", "e", "n", "s")


def fold(text: str) -> str:
    """Lower case with German umlauts spelled out, so 'Müller' and 'Mueller' meet."""
    return text.lower().translate(_FOLD)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


def _stem(term: str) -> str:
    for suffix in _SUFFIXES:
        if term.endswith(suffix) and len(term) - len(suffix) >= 4:
            return term[: -len(suffix)]
    return term


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
        org.search_document = " " + " ".join(_words(f"{name} {topics} {rest}")) + " "
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
        active = active.filter(cluster=cluster)
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
    ids, frontier = [topic.pk], [topic.pk]
    while frontier:
        frontier = list(Topic.objects.filter(parent__in=frontier).values_list("pk", flat=True))
        ids.extend(frontier)
    return ids


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
    if uses_postgres_search():
        ts_query = SearchQuery(query, config="german", search_type="websearch")
        # The name is the highest-weighted part of the vector: no separate name match,
        # which would scan the table and find "KI" inside "Kiel".
        return (
            qs.filter(search_vector=ts_query)
            .annotate(rank=SearchRank(F("search_vector"), ts_query))
            .order_by("-rank", "name")
        )
    for word in _words(query):
        # Short words ("KI", "IT") must match a whole word; longer ones a word start.
        needle = f" {word} " if len(word) <= 3 else f" {_stem(word)}"
        qs = qs.filter(search_document__contains=needle)
    return qs.annotate(
        name_hit=Case(
            When(name__icontains=query, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    ).order_by("-name_hit", "name")
