"""Who reads and who edits a strategy and its SWOT.

Staff of a cluster edit its strategy tree, its SWOT and its list of contributors; platform
admins edit the tree shared by all clusters (a field of action without a cluster), which
every staff member and contributor reads. Contributors (board members the staff invite)
write the SWOT with the staff and read the tree. Members see nothing of it.

The tree permissions take the cluster as their object; `None` stands for the shared tree.
"""

import rules
from django.db.models import Q, QuerySet

from knotenpunkt.core.permissions import is_platform_admin
from knotenpunkt.directory.models import Cluster
from knotenpunkt.directory.rules import (
    clusters_looked_after,
    is_cluster_staff,
    is_staff_of_cluster,
)
from knotenpunkt.strategy.models import (
    Activity,
    FieldOfAction,
    StrategyContributor,
    SwotItem,
)


def contributed_clusters(user) -> QuerySet[Cluster]:
    if not user.is_authenticated:
        return Cluster.objects.none()
    return Cluster.objects.filter(strategy_contributors__user=user)


def strategy_clusters(user) -> QuerySet[Cluster]:
    """The clusters whose strategy and SWOT the user reads: as staff or as contributor."""
    if not user.is_authenticated:
        return Cluster.objects.none()
    if user.is_superuser:
        return Cluster.objects.all()
    return Cluster.objects.filter(
        Q(pk__in=clusters_looked_after(user).values("pk"))
        | Q(pk__in=contributed_clusters(user).values("pk"))
    )


@rules.predicate
def contributes_somewhere(user) -> bool:
    if not user.is_authenticated:
        return False
    if getattr(user, "_contributes_to_strategy", None) is None:
        user._contributes_to_strategy = user.strategy_contributions.exists()
    return user._contributes_to_strategy


@rules.predicate
def contributes_to_cluster(user, cluster) -> bool:
    return bool(
        user.is_authenticated
        and cluster is not None
        and StrategyContributor.objects.filter(cluster=cluster, user=user).exists()
    )


@rules.predicate
def reads_tree(user, cluster) -> bool:
    """A cluster's tree: its staff and contributors; the shared tree (None): every staff
    member and contributor of the installation."""
    if cluster is None:
        return is_cluster_staff(user) or contributes_somewhere(user)
    return is_staff_of_cluster(user, cluster) or contributes_to_cluster(user, cluster)


@rules.predicate
def staffs_tree_cluster(user, cluster) -> bool:
    return cluster is not None and is_staff_of_cluster(user, cluster)


def may_read_tree(user, cluster) -> bool:
    return user.has_perm("strategy.view_tree", cluster)


def may_edit_tree(user, cluster) -> bool:
    return user.has_perm("strategy.edit_tree", cluster)


def visible_fields_of_action(user) -> QuerySet[FieldOfAction]:
    """Fields of action of the trees the user reads (the shared tree included)."""
    fields = FieldOfAction.objects.filter(cluster__in=strategy_clusters(user))
    if may_read_tree(user, None):
        fields = FieldOfAction.objects.filter(
            Q(cluster__in=strategy_clusters(user)) | Q(cluster__isnull=True)
        )
    return fields


def visible_activities(user) -> QuerySet[Activity]:
    return Activity.objects.filter(goal__field__in=visible_fields_of_action(user))


def visible_swot_items(user) -> QuerySet[SwotItem]:
    return SwotItem.objects.filter(cluster__in=strategy_clusters(user))


def visible_contributors(user) -> QuerySet[StrategyContributor]:
    """Contributors of the clusters the user looks after as staff."""
    return StrategyContributor.objects.filter(cluster__in=clusters_looked_after(user))


# The strategy pages in the navigation and their start page.
rules.add_perm(
    "strategy.view_strategy", is_platform_admin | is_cluster_staff | contributes_somewhere
)
# A tree (object: its cluster, None for the shared tree).
rules.add_perm("strategy.view_tree", is_platform_admin | reads_tree)
rules.add_perm("strategy.edit_tree", is_platform_admin | staffs_tree_cluster)
# A cluster's SWOT (object: the cluster): staff and board members write it together.
rules.add_perm(
    "strategy.edit_swot", is_platform_admin | is_staff_of_cluster | contributes_to_cluster
)
rules.add_perm("strategy.manage_contributors", is_platform_admin | is_staff_of_cluster)
