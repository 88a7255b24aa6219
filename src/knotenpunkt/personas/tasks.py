"""Background entry points of the personas: the nightly computation and "recompute now"."""

from django_tasks import task

from knotenpunkt.personas.services.computation import compute_all


@task()
def compute_personas(cluster_ids: list[int] | None = None) -> dict:
    """Recompute the personas of the given clusters (all when None)."""
    return compute_all(cluster_ids)
