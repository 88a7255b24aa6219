"""Importing into the central data repository is the cluster management's own work."""

import rules

from knotenpunkt.core.permissions import is_platform_admin
from knotenpunkt.directory.rules import clusters_looked_after, is_cluster_staff
from knotenpunkt.imports.models import ImportRun, ImportSource


def visible_import_sources(user):
    """The import sources of the clusters the user looks after."""
    return ImportSource.objects.filter(cluster__in=clusters_looked_after(user)).select_related(
        "cluster"
    )


def visible_import_runs(user):
    """The import runs (with their uploaded files and problem rows) of those sources."""
    return ImportRun.objects.filter(source__in=visible_import_sources(user)).select_related(
        "source", "source__cluster", "started_by"
    )


rules.add_perm("imports.import_data", is_platform_admin | is_cluster_staff)
