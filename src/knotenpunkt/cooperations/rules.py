"""Who documents and who sees cooperations, partner networks, agreements and trips.

Staff of a cluster manage its records; every staff list is scoped by
`directory.rules.clusters_looked_after`, so staff of one cluster never see another's
cooperations or networks (their pages answer 404). The admins of a partner organisation
may read the cooperations their organisation takes part in.
"""

import rules
from django.db.models import Q

from knotenpunkt.cooperations.models import (
    Cooperation,
    CooperationAgreement,
    CooperationPartner,
    PartnerNetwork,
    TripDestination,
)
from knotenpunkt.core.permissions import is_platform_admin
from knotenpunkt.directory.models import Position
from knotenpunkt.directory.rules import (
    clusters_looked_after,
    is_cluster_staff,
    is_staff_of_cluster,
)


def visible_cooperations(user):
    return Cooperation.objects.filter(cluster__in=clusters_looked_after(user))


def visible_partners(user):
    return CooperationPartner.objects.filter(cooperation__cluster__in=clusters_looked_after(user))


def visible_networks(user):
    return PartnerNetwork.objects.filter(cluster__in=clusters_looked_after(user))


def visible_agreements(user):
    return CooperationAgreement.objects.filter(network__cluster__in=clusters_looked_after(user))


def visible_trip_destinations(user):
    return TripDestination.objects.filter(network__cluster__in=clusters_looked_after(user))


def administered_organisations(user):
    """The organisations the user is a current admin of (as ids, for a subquery)."""
    if not user.is_authenticated:
        return Position.objects.none().values("organisation")
    return (
        Position.objects.current()
        .filter(person__user=user, person__erased_at__isnull=True, is_admin=True)
        .values("organisation")
    )


def cooperations_of_own_organisations(user):
    """Cooperations an organisation the user administers takes part in (read only)."""
    return Cooperation.objects.filter(
        pk__in=CooperationPartner.objects.filter(
            organisation__in=administered_organisations(user)
        ).values("cooperation")
    )


def readable_cooperations(user):
    """What a user may open: the staff's cooperations and their own organisations'."""
    if not user.is_authenticated:
        return Cooperation.objects.none()
    return Cooperation.objects.filter(
        Q(cluster__in=clusters_looked_after(user))
        | Q(pk__in=cooperations_of_own_organisations(user).values("pk"))
    )


@rules.predicate
def is_staff_of_object_cluster(user, obj) -> bool:
    """For a cooperation or partner network: staff of its cluster."""
    return obj is not None and is_staff_of_cluster(user, obj.cluster)


@rules.predicate
def administers_a_partner(user, cooperation) -> bool:
    if cooperation is None or not user.is_authenticated:
        return False
    return cooperation.partners.filter(organisation__in=administered_organisations(user)).exists()


@rules.predicate
def administers_an_organisation(user) -> bool:
    return administered_organisations(user).exists()


# Staff's overview pages (lists, exports, the network pages) across their clusters.
rules.add_perm("cooperations.view_cooperations", is_platform_admin | is_cluster_staff)
# Documenting a cooperation or a network for a cluster (object: the cluster).
rules.add_perm("cooperations.manage_cooperations", is_platform_admin | is_staff_of_cluster)
# Changing one cooperation or network (object: the record).
rules.add_perm("cooperations.change_cooperation", is_platform_admin | is_staff_of_object_cluster)
rules.add_perm("cooperations.change_network", is_platform_admin | is_staff_of_object_cluster)
# Reading one cooperation (object: the cooperation): its staff and its partners' admins.
rules.add_perm(
    "cooperations.view_cooperation",
    is_platform_admin | is_staff_of_object_cluster | administers_a_partner,
)
# The page of "our organisation's cooperations".
rules.add_perm("cooperations.view_own_cooperations", administers_an_organisation)
