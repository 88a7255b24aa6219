"""Background entry points of the open data."""

from django_tasks import task

from knotenpunkt.opendata.models import Dataset
from knotenpunkt.opendata.services.distributions import refresh_dataset, refresh_published


@task()
def refresh_published_datasets() -> dict:
    """Regenerate the files of every published dataset (nightly, `refresh-opendata`)."""
    return refresh_published()


@task()
def refresh_one_dataset(dataset_id: int) -> bool:
    """Regenerate one dataset's files (after publishing it, or "refresh now")."""
    dataset = Dataset.objects.select_related("cluster").filter(pk=dataset_id).first()
    if dataset is None:
        return False
    return refresh_dataset(dataset)
