"""The mailings' rules.

Target groups (segments) reach into the whole central data (functions, memberships,
events), so only the staff of the segment's cluster define, see and preview them. Lists
are run by the staff of their cluster; subscribing, confirming and unsubscribing need no
login (the signed link in the mail authorises). A mailing speaks for its cluster to the
cluster's subscribers: only the staff of that cluster compose, preview, test, schedule and
cancel it. Sent mailings in the public archive are for everyone; those archived for members
only for the people of the cluster: its staff, platform admins, and whoever currently works
at an organisation with a running membership of the cluster.
"""

import rules

from knotenpunkt.core.permissions import is_platform_admin
from knotenpunkt.directory.models import Membership, Position
from knotenpunkt.directory.rules import clusters_looked_after, is_cluster_staff, is_staff_of_cluster
from knotenpunkt.mailings.models import Mailing, MailingList, Segment


@rules.predicate
def is_staff_of_segment_cluster(user, segment) -> bool:
    return segment is not None and is_staff_of_cluster(user, segment.cluster)


@rules.predicate
def is_staff_of_mailing_list_cluster(user, mailing_list) -> bool:
    return mailing_list is not None and is_staff_of_cluster(user, mailing_list.cluster)


@rules.predicate
def is_staff_of_mailing_cluster(user, mailing) -> bool:
    return mailing is not None and is_staff_of_cluster(user, mailing.cluster)


@rules.predicate
def works_at_member_of_cluster(user, cluster) -> bool:
    if not user.is_authenticated or cluster is None:
        return False
    organisations = (
        Position.objects.current()
        .filter(person__user=user, person__erased_at__isnull=True)
        .values("organisation")
    )
    return (
        Membership.objects.in_force()
        .filter(cluster=cluster, organisation__in=organisations)
        .exists()
    )


@rules.predicate
def is_in_public_archive(user, mailing) -> bool:
    return (
        mailing is not None
        and mailing.status == Mailing.Status.SENT
        and mailing.archive == Mailing.Archive.PUBLIC
    )


@rules.predicate
def is_in_members_archive_of_own_cluster(user, mailing) -> bool:
    if (
        mailing is None
        or mailing.status != Mailing.Status.SENT
        or mailing.archive != Mailing.Archive.MEMBERS
    ):
        return False
    return user.has_perm("mailings.view_members_archive", mailing.cluster)


def visible_segments(user):
    """The target groups of the clusters the user looks after."""
    return Segment.objects.filter(cluster__in=clusters_looked_after(user))


def visible_mailing_lists(user):
    """The mailing lists (and so their subscribers) of the clusters the user looks after."""
    return MailingList.objects.filter(cluster__in=clusters_looked_after(user))


def visible_mailings(user):
    """The mailings (drafts, scheduled, sent) of the clusters the user looks after."""
    return Mailing.objects.filter(cluster__in=clusters_looked_after(user))


rules.add_perm("mailings.view_segments", is_platform_admin | is_cluster_staff)
rules.add_perm("mailings.manage_segments", is_platform_admin | is_staff_of_segment_cluster)
rules.add_perm("mailings.manage_list", is_platform_admin | is_staff_of_mailing_list_cluster)
rules.add_perm("mailings.view_mailings", is_platform_admin | is_cluster_staff)
rules.add_perm("mailings.manage_mailing", is_platform_admin | is_staff_of_mailing_cluster)
rules.add_perm(
    "mailings.view_members_archive",
    is_platform_admin | is_staff_of_cluster | works_at_member_of_cluster,
)
rules.add_perm(
    "mailings.view_archived_mailing",
    is_in_public_archive | is_in_members_archive_of_own_cluster,
)
