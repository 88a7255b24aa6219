"""Counting helpers for the apps' measures (core.registry.register_measure): how many
things of a queryset fall into each year, per cluster and for the clusters as one body.

Years are calendar years in Europe/Berlin: an event at 23:30 UTC on 31 December belongs
to the next year, as the people who were there would say.
"""

from zoneinfo import ZoneInfo

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear

BERLIN = ZoneInfo("Europe/Berlin")


def year_of(field: str):
    """The Berlin calendar year of a date or date-time field, as a database expression."""
    return ExtractYear(field, tzinfo=BERLIN)


def count_per_cluster(queryset: QuerySet, cluster_path: str, year_field: str, query) -> dict:
    """{cluster id or None: {year: count}} of `queryset`'s rows whose `cluster_path` is
    one of the query's clusters; a row that belongs to several of them (a co-hosted event)
    counts for each, and once for the body. Every year of the query is present."""
    ids = query.cluster_ids
    rows = queryset.filter(**{f"{cluster_path}__in": ids}).annotate(kpi_year=year_of(year_field))
    result = {pk: dict.fromkeys(query.years, 0) for pk in [*ids, None]}
    per_cluster = (
        rows.filter(kpi_year__in=query.years)
        .values_list(cluster_path, "kpi_year")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    for cluster, year, n in per_cluster:
        result[cluster][year] = n
    body = (
        queryset.filter(pk__in=rows.filter(kpi_year__in=query.years).values("pk"))
        .annotate(kpi_year=year_of(year_field))
        .values_list("kpi_year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for year, n in body:
        result[None][year] = n
    return result
