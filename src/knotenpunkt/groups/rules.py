"""Topic groups and clubs: every decision is taken by knotenpunkt.groups.access (the one
place for the group policies); these rules make it available to views and templates."""

import rules

from knotenpunkt.core.permissions import is_platform_admin
from knotenpunkt.directory.rules import clusters_looked_after, is_cluster_staff
from knotenpunkt.groups import access
from knotenpunkt.groups.models import Group


def managed_groups(user):
    """Groups of the clusters the user looks after, whatever their policy (the admin's
    list); what anyone may see in lists is `access.visible_groups`."""
    looked_after = Group.clusters.through.objects.filter(cluster__in=clusters_looked_after(user))
    return Group.objects.filter(pk__in=looked_after.values("group"))


def _group_rule(name):
    @rules.predicate(name=f"groups_{name}")
    def predicate(user, group) -> bool:
        return group is not None and getattr(access, name)(user, group)

    return predicate


rules.add_perm("groups.view_group", _group_rule("can_view_group"))
rules.add_perm("groups.view_members", _group_rule("can_view_members"))
rules.add_perm("groups.view_documents", _group_rule("can_view_documents"))
rules.add_perm("groups.join_group", _group_rule("may_join"))
rules.add_perm("groups.request_membership", _group_rule("may_request"))
rules.add_perm("groups.leave_group", _group_rule("may_leave"))
rules.add_perm("groups.invite_to_group", _group_rule("may_invite"))
rules.add_perm("groups.manage_group", _group_rule("may_manage"))
rules.add_perm("groups.add_group_members", _group_rule("is_staff_for_group"))
rules.add_perm("groups.create_group", is_platform_admin | is_cluster_staff)
