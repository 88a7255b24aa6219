from django_tasks import task

from knotenpunkt.directory.services import search


@task()
def rebuild_search_index(organisation_ids: list[int] | None = None) -> int:
    """Background entry point: recompute the directory search index; returns the count."""
    return search.refresh_search_index(organisation_ids)
