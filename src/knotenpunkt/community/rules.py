"""Who opens which enriched profile, and who acts on suggestions.

The community view belongs to the cluster management. Staff of a cluster see the people
and organisations related to it: people working at its member organisations (past or
present members, as the directory scopes), people registered to its events, members of
its groups and people its staff met (interactions); organisations that are or were its
members, registered people to its events, posted needs in it, are partners in its
cooperations or were met by its staff. Staff of another cluster find nothing (404), and
what a profile shows is again limited to the viewer's clusters (services/profiles.py).
"""

import rules
from django.db.models import Exists, OuterRef, Q, QuerySet

from knotenpunkt.cooperations.models import CooperationPartner
from knotenpunkt.core.permissions import is_platform_admin
from knotenpunkt.directory.models import Membership, Organisation, Person, Position
from knotenpunkt.directory.rules import clusters_looked_after, is_cluster_staff, is_staff_of_cluster
from knotenpunkt.events.models import Registration
from knotenpunkt.groups.models import GroupMembership
from knotenpunkt.interactions.models import Interaction
from knotenpunkt.matching.models import Need


def cluster_ids_of(user) -> list[int]:
    """The clusters whose data the user's enriched profiles show (once per request)."""
    cached = getattr(user, "_community_cluster_ids", None)
    if cached is None:
        cached = list(clusters_looked_after(user).order_by("pk").values_list("pk", flat=True))
        user._community_cluster_ids = cached
    return cached


def people_of_clusters(cluster_ids) -> QuerySet[Person]:
    """People (not erased) related to one of the clusters, as one query with subqueries."""
    members = Membership.objects.filter(cluster_id__in=cluster_ids).values("organisation_id")
    related = (
        Q(
            Exists(
                Position.objects.current().filter(
                    person=OuterRef("pk"), organisation_id__in=members
                )
            )
        )
        | Q(
            Exists(
                Registration.objects.filter(
                    person=OuterRef("pk"), event__clusters__in=cluster_ids
                ).exclude(status=Registration.Status.CANCELLED)
            )
        )
        | Q(
            Exists(
                GroupMembership.objects.filter(
                    person=OuterRef("pk"), group__clusters__in=cluster_ids
                )
            )
        )
        | Q(
            Exists(
                Interaction.people.through.objects.filter(
                    person_id=OuterRef("pk"), interaction__cluster_id__in=cluster_ids
                )
            )
        )
    )
    return Person.objects.filter(related, erased_at__isnull=True)


def organisations_of_clusters(cluster_ids) -> QuerySet[Organisation]:
    """Organisations related to one of the clusters, as one query with subqueries."""
    related = (
        Q(
            Exists(
                Membership.objects.filter(organisation=OuterRef("pk"), cluster_id__in=cluster_ids)
            )
        )
        | Q(
            Exists(
                Registration.objects.filter(
                    organisation=OuterRef("pk"), event__clusters__in=cluster_ids
                ).exclude(status=Registration.Status.CANCELLED)
            )
        )
        | Q(Exists(Need.objects.filter(organisation=OuterRef("pk"), cluster_id__in=cluster_ids)))
        | Q(
            Exists(
                CooperationPartner.objects.filter(
                    organisation=OuterRef("pk"), cooperation__cluster_id__in=cluster_ids
                )
            )
        )
        | Q(
            Exists(
                Interaction.objects.filter(cluster_id__in=cluster_ids).filter(
                    Q(organisation=OuterRef("pk")) | Q(introduced_to=OuterRef("pk"))
                )
            )
        )
    )
    return Organisation.objects.filter(related)


def visible_people(user) -> QuerySet[Person]:
    """People whose enriched profile the user may open: those of the clusters they look
    after (platform admins: everyone not erased)."""
    if user.is_authenticated and user.is_superuser:
        return Person.objects.filter(erased_at__isnull=True)
    return people_of_clusters(cluster_ids_of(user))


def visible_organisations(user) -> QuerySet[Organisation]:
    """Organisations whose enriched profile the user may open."""
    if user.is_authenticated and user.is_superuser:
        return Organisation.objects.all()
    return organisations_of_clusters(cluster_ids_of(user))


@rules.predicate
def sees_person_profile(user, person) -> bool:
    return bool(
        person is not None
        and person.pk is not None
        and visible_people(user).filter(pk=person.pk).exists()
    )


@rules.predicate
def sees_organisation_profile(user, organisation) -> bool:
    return bool(
        organisation is not None
        and organisation.pk is not None
        and visible_organisations(user).filter(pk=organisation.pk).exists()
    )


# The staff's community pages (lists of people and organisations, suggestions).
rules.add_perm("community.view_community", is_platform_admin | is_cluster_staff)
# One enriched profile (object: the person or the organisation).
rules.add_perm(
    "community.view_person_profile", (is_platform_admin | is_cluster_staff) & sees_person_profile
)
rules.add_perm(
    "community.view_organisation_profile",
    (is_platform_admin | is_cluster_staff) & sees_organisation_profile,
)
# Introducing or dismissing a suggested pair (object: the cluster).
rules.add_perm("community.decide_suggestion", is_platform_admin | is_staff_of_cluster)
