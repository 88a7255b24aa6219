"""The directory's rules, and the one answer to "which clusters does this user look after"
that every list, export, dashboard and admin changelist of the platform is scoped by."""

from django.db.models import Q, QuerySet

from knotenpunkt.directory.models import Cluster, Organisation, Person


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
    if not clusters.exists():
        return organisations.none()
    # A subquery instead of .distinct(), so that callers can aggregate and annotate freely.
    visible = Organisation.objects.filter(
        Q(memberships__cluster__in=clusters) | Q(memberships__cluster__isnull=True)
    ).values("pk")
    return organisations.filter(pk__in=visible)


def visible_people(user) -> QuerySet[Person]:
    """People (not erased) staff work on: those at organisations they see, or at none."""
    people = Person.objects.filter(erased_at__isnull=True)
    if user.is_authenticated and user.is_superuser:
        return people
    clusters = clusters_looked_after(user)
    if not clusters.exists():
        return people.none()
    visible = Person.objects.filter(
        Q(positions__organisation__memberships__cluster__in=clusters)
        | Q(positions__organisation__memberships__cluster__isnull=True)
    ).values("pk")
    return people.filter(pk__in=visible)
