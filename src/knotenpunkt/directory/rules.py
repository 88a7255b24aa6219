"""The directory's rules, and the one answer to "which clusters does this user look after"
that every list, export, dashboard and admin changelist of the platform is scoped by.

Roles: platform admin (superuser); cluster staff (everything in their clusters);
organisation admin (their organisation's profile and people); member person; registered
non-member; anonymous. The permission names are object-level (`directory.edit_organisation`),
distinct from Django's model permissions, so that the admin's model permissions for cluster
staff never leak into member self-service. Later apps build their rules on the predicates
here (staff of a cluster, organisation admin, own person).
"""

import rules
from django.db.models import Exists, Q, QuerySet

from knotenpunkt.core.permissions import is_platform_admin
from knotenpunkt.directory.models import Cluster, Membership, Organisation, Person, Position
from knotenpunkt.directory.services.search import listed_organisations


def clusters_looked_after(user) -> QuerySet[Cluster]:
    """The clusters whose data this user works on as staff: all for platform admins."""
    if not user.is_authenticated:
        return Cluster.objects.none()
    if user.is_superuser:
        return Cluster.objects.all()
    return Cluster.objects.filter(staff=user)


def visible_organisations(user) -> QuerySet[Organisation]:
    """Organisations staff work on: members (past or present) of their clusters, plus the
    ones that belong to no cluster yet (prospects). Platform admins see all."""
    organisations = Organisation.objects.all()
    if user.is_authenticated and user.is_superuser:
        return organisations
    clusters = clusters_looked_after(user)
    # A subquery instead of .distinct(), so that callers can aggregate and annotate freely;
    # Exists() keeps "staff of no cluster see nothing" inside the same query.
    visible = Organisation.objects.filter(
        Q(memberships__cluster__in=clusters) | Q(memberships__cluster__isnull=True)
    ).values("pk")
    return organisations.filter(Exists(clusters), pk__in=visible)


def visible_people(user) -> QuerySet[Person]:
    """People (not erased) staff work on: those at organisations they see, or at none."""
    people = Person.objects.filter(erased_at__isnull=True)
    if user.is_authenticated and user.is_superuser:
        return people
    clusters = clusters_looked_after(user)
    visible = Person.objects.filter(
        Q(positions__organisation__memberships__cluster__in=clusters)
        | Q(positions__organisation__memberships__cluster__isnull=True)
    ).values("pk")
    return people.filter(Exists(clusters), pk__in=visible)


@rules.predicate
def is_cluster_staff(user) -> bool:
    # Asked by several navigation links on every page: once per user object (= request).
    if not user.is_authenticated:
        return False
    if getattr(user, "_is_cluster_staff", None) is None:
        user._is_cluster_staff = user.staffed_clusters.exists()
    return user._is_cluster_staff


@rules.predicate
def is_staff_of_cluster(user, cluster) -> bool:
    return bool(
        user.is_authenticated and cluster is not None and cluster.staff.filter(pk=user.pk).exists()
    )


@rules.predicate
def is_staff_for_organisation(user, organisation) -> bool:
    """Staff of a cluster the organisation is or was a member of.

    An organisation that never was a member (a prospect, a registered firm) is looked after
    by every cluster management of the installation.
    """
    if not user.is_authenticated or organisation is None or organisation.pk is None:
        return False
    clusters = organisation.memberships.values("cluster")
    if not clusters.exists():
        return user.staffed_clusters.exists()
    return user.staffed_clusters.filter(pk__in=clusters).exists()


@rules.predicate
def is_organisation_admin(user, organisation) -> bool:
    if not user.is_authenticated or organisation is None or organisation.pk is None:
        return False
    return organisation.positions.current().filter(person__user=user, is_admin=True).exists()


@rules.predicate
def is_listed_member(user, organisation) -> bool:
    return organisation is not None and listed_organisations().filter(pk=organisation.pk).exists()


@rules.predicate
def is_own_person(user, person) -> bool:
    return bool(user.is_authenticated and person is not None and person.user_id == user.pk)


@rules.predicate
def is_staff_for_person(user, person) -> bool:
    """Staff of a cluster one of the person's organisations belongs to (or any, if none)."""
    if not user.is_authenticated or person is None or person.pk is None:
        return False
    clusters = Membership.objects.filter(organisation__positions__person=person).values("cluster")
    if not clusters.exists():
        return user.staffed_clusters.exists()
    return user.staffed_clusters.filter(pk__in=clusters).exists()


@rules.predicate
def administers_person(user, person) -> bool:
    """An organisation admin looks after the people of their organisation."""
    if not user.is_authenticated or person is None or person.pk is None:
        return False
    organisations = person.positions.current().values("organisation")
    return (
        Position.objects.current()
        .filter(person__user=user, is_admin=True, organisation__in=organisations)
        .exists()
    )


@rules.predicate
def works_at_an_organisation(user) -> bool:
    # Asked by the navigation on every page: one query, once per user object (= request).
    if not user.is_authenticated:
        return False
    if getattr(user, "_works_at_an_organisation", None) is None:
        user._works_at_an_organisation = (
            Position.objects.current()
            .filter(person__user=user, person__erased_at__isnull=True)
            .exists()
        )
    return user._works_at_an_organisation


rules.add_perm(
    "directory.view_organisation",
    is_listed_member | is_platform_admin | is_staff_for_organisation | is_organisation_admin,
)
rules.add_perm(
    "directory.edit_organisation",
    is_platform_admin | is_staff_for_organisation | is_organisation_admin,
)
rules.add_perm(
    "directory.manage_people", is_platform_admin | is_staff_for_organisation | is_organisation_admin
)
rules.add_perm(
    "directory.edit_person",
    is_platform_admin | is_own_person | is_staff_for_person | administers_person,
)
rules.add_perm("directory.view_dashboard", is_platform_admin | is_cluster_staff)
rules.add_perm("directory.view_cluster_figures", is_platform_admin | is_staff_of_cluster)
