"""The editors of a cluster's website follow its staff.

Who is staff of a cluster is the directory's business (changed by platform admins in the
back office, audited there); the website learns of a change through the m2m signal of
`Cluster.staff`, so the directory needs no knowledge of the website.
"""

from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from knotenpunkt.directory.models import Cluster
from knotenpunkt.website.models import ClusterSite


@receiver(m2m_changed, sender=Cluster.staff.through, dispatch_uid="website_sync_editors")
def sync_editors_with_staff(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    from knotenpunkt.website.services.sites import sync_site_groups

    if reverse:
        # Changed from the user's side (user.staffed_clusters): `instance` is the user.
        sites = ClusterSite.objects.select_related("cluster", "editors")
        if pk_set is not None:
            sites = sites.filter(cluster__in=pk_set)
    else:
        sites = ClusterSite.objects.filter(cluster=instance).select_related("cluster", "editors")
    for cluster_site in sites:
        sync_site_groups(cluster_site)
