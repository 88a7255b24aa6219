from django_tasks import task

from knotenpunkt.matching.services import indexing


@task()
def reindex_organisation_task(organisation_id: int) -> None:
    """Background entry point: rebuild one organisation's matching document."""
    indexing.reindex_organisation(organisation_id)


@task()
def reindex_all_task() -> int:
    """Background entry point: rebuild every matching document; returns the count."""
    return indexing.reindex_all()


@task()
def reindex_organisations_task(organisation_ids: list[int]) -> None:
    """Background entry point: rebuild the matching documents of several organisations."""
    for organisation_id in organisation_ids:
        indexing.reindex_organisation(organisation_id)
