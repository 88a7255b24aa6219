"""Recomputing the kept figures of closed years (stored_figures): nightly for all, on
request for the clusters a dashboard shows."""

from django.utils import timezone

from knotenpunkt.directory.models import Cluster
from knotenpunkt.kpis.models import StoredFigure
from knotenpunkt.kpis.services.dashboard import trend_years
from knotenpunkt.kpis.services.definitions import active_kpis
from knotenpunkt.kpis.services.values import compute


def _closed_trend_years(clusters) -> list[int]:
    return trend_years(clusters, timezone.localdate().year)[:-1]


def refresh_clusters(clusters) -> int:
    """Recompute the closed years of the clusters' dashboard (each cluster and the body of
    them); returns how many figures were kept."""
    clusters = list(clusters)
    years = _closed_trend_years(clusters)
    if not clusters or not years:
        return 0
    kpis = active_kpis()
    compute(kpis, clusters, years, fresh=True)
    return len({kpi.measure for kpi in kpis}) * len(years) * (len(clusters) + 1)


def refresh_all() -> dict:
    """Recompute every kept figure: each body that was kept, each cluster alone and all
    clusters together; then drop what no dashboard can ask for any more (a deleted
    cluster, a retired measure, a year out of the trend)."""
    started = timezone.now()
    everyone = list(Cluster.objects.order_by("pk"))
    by_id = {cluster.pk: cluster for cluster in everyone}
    bodies = {tuple(sorted(by_id))}
    for scope in StoredFigure.objects.values_list("scope", flat=True).distinct():
        ids = tuple(int(pk) for pk in scope.split(","))
        if len(ids) > 1 and all(pk in by_id for pk in ids):
            bodies.add(ids)
    kept = 0
    for ids in sorted(bodies, key=len, reverse=True):
        kept += refresh_clusters([by_id[pk] for pk in ids if pk in by_id])
    covered = {pk for ids in bodies for pk in ids}
    for cluster in everyone:
        if cluster.pk not in covered:
            kept += refresh_clusters([cluster])
    dropped, _ = StoredFigure.objects.filter(computed_at__lt=started).delete()
    return {"bodies": len(bodies), "figures": kept, "dropped": dropped}
