"""Who manages a cluster's open data: its staff (and platform admins). What anyone may
download is what `published_datasets` lists; nothing else is served."""

import rules
from django.db.models import QuerySet

from knotenpunkt.core.permissions import is_platform_admin
from knotenpunkt.directory.rules import clusters_looked_after, is_cluster_staff, is_staff_of_cluster
from knotenpunkt.opendata.models import Dataset


def visible_datasets(user) -> QuerySet[Dataset]:
    """The datasets of the clusters the user looks after (published or not)."""
    return Dataset.objects.filter(cluster__in=clusters_looked_after(user))


def published_datasets() -> QuerySet[Dataset]:
    """What the public page, the downloads and the catalogue offer."""
    return Dataset.objects.filter(is_published=True)


@rules.predicate
def is_staff_of_dataset_cluster(user, dataset) -> bool:
    return dataset is not None and is_staff_of_cluster(user, dataset.cluster)


rules.add_perm("opendata.manage_any", is_platform_admin | is_cluster_staff)
rules.add_perm("opendata.manage_cluster", is_platform_admin | is_staff_of_cluster)
rules.add_perm("opendata.change_dataset", is_platform_admin | is_staff_of_dataset_cluster)
