"""Who sees and records interactions.

Interactions belong to the cluster management: staff of the interaction's cluster see and
change them, staff of another cluster find nothing (404). Notes marked "only me" are read
by their author alone, whoever else may see the interaction (platform admins included).
"""

import rules
from django.db.models import QuerySet

from knotenpunkt.core.permissions import is_platform_admin
from knotenpunkt.directory.rules import (
    clusters_looked_after,
    is_cluster_staff,
    is_staff_for_organisation,
    is_staff_of_cluster,
)
from knotenpunkt.interactions.models import FollowUp, Interaction


def visible_interactions(user) -> QuerySet[Interaction]:
    return Interaction.objects.filter(cluster__in=clusters_looked_after(user))


def visible_follow_ups(user) -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(interaction__cluster__in=clusters_looked_after(user))


@rules.predicate
def is_staff_of_interaction_cluster(user, interaction) -> bool:
    return interaction is not None and is_staff_of_cluster(user, interaction.cluster)


@rules.predicate
def may_read_notes(user, interaction) -> bool:
    """Notes for the cluster staff: whoever sees the interaction; "only me": the author."""
    if interaction is None or not user.is_authenticated:
        return False
    if interaction.notes_are_private:
        return interaction.created_by_id == user.pk
    return True


def readable_notes(user, interaction) -> str:
    """The notes as `user` may read them: empty where they are someone else's private notes."""
    return interaction.notes if may_read_notes(user, interaction) else ""


# Staff's lists across their clusters (and the "my follow-ups" page).
rules.add_perm("interactions.view_interactions", is_platform_admin | is_cluster_staff)
# Recording an interaction with an organisation (object: the organisation).
rules.add_perm("interactions.record_interaction", is_platform_admin | is_staff_for_organisation)
# Changing one interaction and its follow-ups (object: the interaction).
rules.add_perm(
    "interactions.change_interaction", is_platform_admin | is_staff_of_interaction_cluster
)
rules.add_perm("interactions.read_notes", may_read_notes)
