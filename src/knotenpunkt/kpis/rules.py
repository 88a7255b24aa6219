"""Who sees the key figures and sets their targets.

Staff see the figures of the clusters they look after, one by one and taken together,
and set their clusters' targets. The installation's targets (all clusters as one body)
and the KPI definitions, shared by every cluster, are the platform admins'.
"""

import rules

from knotenpunkt.core.permissions import is_platform_admin
from knotenpunkt.directory.rules import clusters_looked_after, is_cluster_staff, is_staff_of_cluster
from knotenpunkt.kpis.models import KpiTarget


def visible_targets(user):
    return KpiTarget.objects.filter(cluster__in=clusters_looked_after(user)) | (
        KpiTarget.objects.filter(cluster__isnull=True)
        if user.is_authenticated and user.is_superuser
        else KpiTarget.objects.none()
    )


@rules.predicate
def may_set_target_of(user, cluster) -> bool:
    """`cluster` None: the installation's target."""
    if cluster is None:
        return is_platform_admin(user)
    return is_staff_of_cluster(user, cluster)


rules.add_perm("kpis.view_dashboard", is_platform_admin | is_cluster_staff)
rules.add_perm("kpis.view_cluster_figures", is_platform_admin | is_staff_of_cluster)
rules.add_perm("kpis.set_target", may_set_target_of)
rules.add_perm("kpis.edit_definitions", is_platform_admin)
