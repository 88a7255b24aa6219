from django_tasks import task

from knotenpunkt.quality.models import BulkMergeRun
from knotenpunkt.quality.services import bulk_merge


@task()
def run_bulk_merge(run_id: int) -> int:
    """Background entry point of a bulk merge; returns how many pairs were merged."""
    run = BulkMergeRun.objects.get(pk=run_id)
    return bulk_merge.execute_bulk_merge(run).merged_count


# duplicates
@task()
def scan_for_duplicates(kind: str | None = None) -> dict:
    """Background entry point: search people and/or organisations for duplicates."""
    from knotenpunkt.quality.services.duplicates import scan

    return {
        r.kind: {"found": r.found, "created": r.created, "removed": r.removed} for r in scan(kind)
    }


@task()
def rebuild_similarity_keys(kind: str | None = None) -> int:
    """Background entry point: recreate the keys of the as-you-type duplicate warning."""
    from knotenpunkt.quality.services.similarity_keys import rebuild_keys

    return rebuild_keys(kind)
