"""Counting helpers for the apps' measures (core.registry.register_measure): how many
things of a queryset fall into each year, per cluster and for the clusters as one body.

Years are calendar years in Europe/Berlin: an event at 23:30 UTC on 31 December belongs
to the next year, as the people who were there would say. A date (not a moment) is in
its own year.
"""

import datetime
from zoneinfo import ZoneInfo

from django.db.models import Count, DateTimeField, QuerySet
from django.db.models.functions import ExtractYear

BERLIN = ZoneInfo("Europe/Berlin")


def year_bounds(years) -> tuple[datetime.datetime, datetime.datetime]:
    """The first moment of the first of `years` and of the year after the last, in Berlin:
    a filter on a date-time field that lets the database use its index."""
    return (
        datetime.datetime(min(years), 1, 1, tzinfo=BERLIN),
        datetime.datetime(max(years) + 1, 1, 1, tzinfo=BERLIN),
    )


def year_of(field: str, queryset: QuerySet | None = None):
    """The Berlin calendar year of a date-time field (or, given the queryset that shows
    it is a date field, of that date) as a database expression."""
    if queryset is not None:
        output = queryset.all().query.resolve_ref(field).output_field
        if not isinstance(output, DateTimeField):
            return ExtractYear(field)
    return ExtractYear(field, tzinfo=BERLIN)


def count_per_cluster(
    queryset: QuerySet, cluster_path: str, year_field: str, query, *, shared: bool = False
) -> dict:
    """{cluster id or None: {year: count}} of `queryset`'s rows whose `cluster_path` is
    one of the query's clusters. Every year of the query is present.

    A row belongs to one cluster, and the body's count is the sum of its clusters' (one
    query); with `shared`, a row may belong to several (a co-hosted event): it counts for
    each and once for the body (a second query)."""
    ids = query.cluster_ids
    result = {pk: dict.fromkeys(query.years, 0) for pk in [*ids, None]}
    if not ids or not query.years:
        return result
    rows = (
        queryset.filter(**{f"{cluster_path}__in": ids})
        .annotate(kpi_year=year_of(year_field, queryset))
        .filter(kpi_year__in=query.years)
    )
    per_cluster = (
        rows.values_list(cluster_path, "kpi_year").annotate(n=Count("pk", distinct=True)).order_by()
    )
    for cluster, year, n in per_cluster:
        result[cluster][year] = n
        if not shared:
            result[None][year] += n
    if shared:
        body = (
            queryset.filter(pk__in=rows.values("pk"))
            .annotate(kpi_year=year_of(year_field, queryset))
            .values_list("kpi_year")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for year, n in body:
            result[None][year] = n
    return result
