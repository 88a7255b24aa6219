"""Background entry points of the KPIs."""

from django_tasks import task

from knotenpunkt.directory.models import Cluster
from knotenpunkt.kpis.services.refresh import refresh_all, refresh_clusters


@task()
def refresh_kept_figures(cluster_ids: list[int] | None = None) -> dict:
    """Recompute the kept figures of closed years: of the clusters' dashboard, or (no ids)
    every one of them, as `refresh-kpis` does nightly."""
    if cluster_ids is None:
        return refresh_all()
    clusters = Cluster.objects.filter(pk__in=cluster_ids).order_by("pk")
    return {"figures": refresh_clusters(clusters)}
