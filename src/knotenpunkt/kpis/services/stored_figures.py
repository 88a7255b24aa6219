"""Figures of closed years, kept so that a dashboard computes only the current year live.

A year is closed once it has ended (Berlin time). Its figures rarely change afterwards,
but they can: a late check-in, a membership ended after the fact, a credit note on last
year's fee. Therefore:

- saving or deleting a row of one of a measure's source models (Measure.sources) clears
  that measure's kept figures at once and again when the transaction commits (signals,
  connected in KpisConfig.ready): the first for what the same transaction computes next,
  the second for figures a concurrent request kept from the data before the commit;
- bulk changes that send no signals (a queryset's update, bulk inserts such as the
  opening counters of mailings) are caught by `knotenpunkt refresh-kpis`, which
  recomputes every kept figure: run it nightly;
- the dashboard says when the kept figures were computed and lets staff recompute them.

A figure is kept per *scope*: one cluster, or a body of several (an organisation in two
of them counts once there), named by the clusters' ids.
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from knotenpunkt.core.registry import MeasureQuery, measure
from knotenpunkt.kpis.models import StoredFigure


def scope_of(cluster_ids) -> str:
    return ",".join(str(pk) for pk in sorted(set(cluster_ids)))


def is_closed(year: int) -> bool:
    return year < timezone.localdate().year


def _encode(value):
    """JSON for a figure: an exact decimal as its string (a count stays a number)."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {key: _encode(share) for key, share in value.items()}
    return value


def _decode(value):
    if isinstance(value, str):
        return Decimal(value)
    if isinstance(value, dict):
        return {key: _decode(share) for key, share in value.items()}
    return value


def measure_values(keys, clusters, years, memo: dict, *, fresh: bool = False) -> dict:
    """{measure key: {cluster id or None (the body): {year: value}}} for the clusters.

    Closed years come from the kept figures where all scopes have them; the rest is
    computed and the closed years among it kept. `fresh` computes everything and
    overwrites what was kept (refresh-kpis)."""
    clusters = tuple(clusters)
    ids = [cluster.pk for cluster in clusters]
    scopes = {pk: scope_of([pk]) for pk in ids}
    scopes[None] = scope_of(ids)
    closed = [year for year in years if is_closed(year)]
    kept = {}
    if closed and not fresh:
        rows = StoredFigure.objects.filter(
            measure__in=keys, scope__in=set(scopes.values()), year__in=closed
        ).values_list("measure", "scope", "year", "value")
        kept = {(key, scope, year): value for key, scope, year, value in rows}
    result, new = {}, {}
    now = timezone.now()
    for key in sorted(keys):
        missing = [
            year for year in closed if any((key, s, year) not in kept for s in scopes.values())
        ]
        live = tuple(year for year in years if year not in closed or year in missing)
        computed = {}
        if live:
            # Measures share intermediate results only within one set of clusters and years.
            shared = memo.setdefault((tuple(ids), live), {})
            computed = measure(key).compute(MeasureQuery(clusters, live, shared))
        result[key] = {}
        for pk, scope in scopes.items():
            values = {
                year: _decode(kept[(key, scope, year)])
                for year in closed
                if year not in missing and kept[(key, scope, year)] is not None
            }
            values.update(
                (year, value) for year, value in computed.get(pk, {}).items() if year in live
            )
            result[key][pk] = values
            for year in missing:
                new[(key, scope, year)] = StoredFigure(
                    measure=key,
                    scope=scope,
                    year=year,
                    value=_encode(values.get(year)),
                    computed_at=now,
                )
    if new:
        StoredFigure.objects.bulk_create(
            new.values(),
            update_conflicts=True,
            unique_fields=["measure", "scope", "year"],
            update_fields=["value", "computed_at"],
        )
    return result


def computed_at(clusters, years):
    """When the oldest of the kept figures of the clusters' scopes was computed (None if
    none is kept)."""
    ids = [cluster.pk for cluster in clusters]
    scopes = {scope_of([pk]) for pk in ids} | {scope_of(ids)}
    return (
        StoredFigure.objects.filter(scope__in=scopes, year__in=years)
        .order_by("computed_at")
        .values_list("computed_at", flat=True)
        .first()
    )


def forget(keys) -> None:
    """Clear the kept figures of the measures `keys`, now and after the transaction."""
    kept = StoredFigure.objects.filter(measure__in=sorted(keys))
    kept.delete()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(kept.delete)
