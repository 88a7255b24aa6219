"""Who manages which webhook subscriptions.

- An organisation's admins manage its subscriptions; staff of a cluster manage the
  cluster's. Platform admins manage all.
- Staff of one cluster never see another cluster's subscriptions, nor an organisation's
  (`visible_subscriptions`).
"""

import rules
from django.db.models import Q, QuerySet

from knotenpunkt.core.permissions import is_platform_admin
from knotenpunkt.directory.rules import (
    clusters_looked_after,
    is_cluster_staff,
    is_organisation_admin,
    is_staff_of_cluster,
)
from knotenpunkt.jobs.rules import administered_organisations
from knotenpunkt.webhooks.models import Delivery, Subscription


def visible_subscriptions(user) -> QuerySet[Subscription]:
    """The subscriptions of the organisations the user administers and of the clusters
    they look after (all for platform admins)."""
    if not user.is_authenticated:
        return Subscription.objects.none()
    if user.is_superuser:
        return Subscription.objects.all()
    return Subscription.objects.filter(
        Q(organisation__in=administered_organisations(user))
        | Q(cluster__in=clusters_looked_after(user))
    )


def visible_deliveries(user) -> QuerySet[Delivery]:
    return Delivery.objects.filter(subscription__in=visible_subscriptions(user))


@rules.predicate
def manages_subscription(user, subscription) -> bool:
    if subscription is None:
        return False
    if subscription.organisation_id:
        return is_organisation_admin(user, subscription.organisation)
    return is_staff_of_cluster(user, subscription.cluster)


@rules.predicate
def administers_an_organisation(user) -> bool:
    return administered_organisations(user).exists()


rules.add_perm("webhooks.use", is_platform_admin | is_cluster_staff | administers_an_organisation)
# The management menu's link: no query beyond the cached staff check.
rules.add_perm("webhooks.manage_any", is_platform_admin | is_cluster_staff)
rules.add_perm("webhooks.manage_organisation", is_platform_admin | is_organisation_admin)
rules.add_perm("webhooks.manage_cluster", is_platform_admin | is_staff_of_cluster)
rules.add_perm("webhooks.manage_subscription", is_platform_admin | manages_subscription)
