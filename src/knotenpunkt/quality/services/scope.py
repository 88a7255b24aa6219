"""Which records a member of staff works on: those of their clusters, plus the ones that
belong to no cluster yet (prospects), exactly as the directory's back office scopes them.
Platform admins see everything."""

from django.db.models import Q, QuerySet

from knotenpunkt.directory.models import Organisation, Person


def people_in_scope(user) -> QuerySet[Person]:
    people = Person.objects.filter(erased_at__isnull=True)
    if user.is_superuser:
        return people
    clusters = user.staffed_clusters.all()
    # A subquery instead of .distinct(), so that callers can aggregate and annotate freely.
    visible = Person.objects.filter(
        Q(positions__organisation__memberships__cluster__in=clusters)
        | Q(positions__organisation__memberships__cluster__isnull=True)
    ).values("pk")
    return people.filter(pk__in=visible)


def organisations_in_scope(user) -> QuerySet[Organisation]:
    organisations = Organisation.objects.all()
    if user.is_superuser:
        return organisations
    clusters = user.staffed_clusters.all()
    visible = Organisation.objects.filter(
        Q(memberships__cluster__in=clusters) | Q(memberships__cluster__isnull=True)
    ).values("pk")
    return organisations.filter(pk__in=visible)


def records_in_scope(kind: str, user) -> QuerySet:
    return people_in_scope(user) if kind == "person" else organisations_in_scope(user)
