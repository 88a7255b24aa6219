"""Who posts, edits, reviews and sees job postings.

- Everyone sees a listed posting (published and not past its date) on the public board.
- Organisation admins of a member organisation post for it and manage its postings;
  cluster staff post on behalf of a member organisation of their clusters.
- Staff of a cluster a posting is shown in manage and review it; staff of one cluster
  never see another cluster's unpublished postings (`visible_postings`).
- Staff of a cluster decide whether its postings need review.
"""

import rules
from django.db.models import Q, QuerySet
from django.utils import timezone

from knotenpunkt.core.permissions import is_platform_admin
from knotenpunkt.directory.models import Membership, Organisation, Position
from knotenpunkt.directory.rules import (
    clusters_looked_after,
    is_cluster_staff,
    is_organisation_admin,
    is_staff_of_cluster,
)
from knotenpunkt.jobs.models import JobPosting


def administered_organisations(user) -> QuerySet[Organisation]:
    """The organisations whose admin the user is (a current admin function)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        pk__in=Position.objects.current()
        .filter(person__user=user, person__erased_at__isnull=True, is_admin=True)
        .values("organisation")
    )


def member_organisations(clusters=None) -> QuerySet[Organisation]:
    """Organisations with a membership in force (in one of `clusters`, if given)."""
    memberships = Membership.objects.in_force()
    if clusters is not None:
        memberships = memberships.filter(cluster__in=clusters)
    return Organisation.objects.filter(pk__in=memberships.values("organisation"))


def organisations_for_posting(user) -> QuerySet[Organisation]:
    """The member organisations the user may post for: those they administer, and, for
    cluster staff, the members of their clusters (all members for platform admins)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    if user.is_superuser:
        return member_organisations()
    return member_organisations().filter(
        Q(pk__in=administered_organisations(user).values("pk"))
        | Q(pk__in=member_organisations(clusters_looked_after(user)).values("pk"))
    )


def visible_postings(user) -> QuerySet[JobPosting]:
    """The staff's view (review queue, back office): every posting shown in a cluster
    they look after, whatever its state. Platform admins see all."""
    if user.is_authenticated and user.is_superuser:
        return JobPosting.objects.all()
    shown_in = JobPosting.clusters.through.objects.filter(
        cluster__in=clusters_looked_after(user)
    ).values("jobposting_id")
    return JobPosting.objects.filter(pk__in=shown_in)


def own_postings(user) -> QuerySet[JobPosting]:
    """The postings of the organisations the user administers ("my postings")."""
    return JobPosting.objects.filter(organisation__in=administered_organisations(user))


@rules.predicate
def is_listed(user, posting) -> bool:
    return posting is not None and posting.is_listed(timezone.localdate())


@rules.predicate
def may_post_for(user, organisation) -> bool:
    """`organisation` None: whether the user may post for any organisation at all."""
    if not user.is_authenticated:
        return False
    if organisation is None:
        return (
            is_cluster_staff(user)
            or administered_organisations(user)
            .filter(pk__in=member_organisations().values("pk"))
            .exists()
        )
    memberships = Membership.objects.in_force().filter(organisation=organisation)
    if is_organisation_admin(user, organisation):
        return memberships.exists()
    return memberships.filter(cluster__in=clusters_looked_after(user)).exists()


@rules.predicate
def staff_of_a_cluster_of(user, posting) -> bool:
    """Staff of one of the clusters the posting is shown in."""
    if posting is None or posting.pk is None or not user.is_authenticated:
        return False
    return posting.clusters.filter(pk__in=clusters_looked_after(user)).exists()


@rules.predicate
def administers_organisation_of(user, posting) -> bool:
    return posting is not None and is_organisation_admin(user, posting.organisation)


rules.add_perm(
    "jobs.view_posting",
    is_listed | is_platform_admin | staff_of_a_cluster_of | administers_organisation_of,
)
# Object: None ("may post at all", the board's button) or the organisation.
rules.add_perm("jobs.post_job", is_platform_admin | may_post_for)
rules.add_perm(
    "jobs.edit_posting", is_platform_admin | staff_of_a_cluster_of | administers_organisation_of
)
rules.add_perm("jobs.review_posting", is_platform_admin | staff_of_a_cluster_of)
# The review queue of the clusters one looks after.
rules.add_perm("jobs.review_postings", is_platform_admin | is_cluster_staff)
# Object: the cluster whose board settings are changed.
rules.add_perm("jobs.configure_board", is_platform_admin | is_staff_of_cluster)
