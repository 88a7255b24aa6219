"""What owners do with their subscriptions: create, change, renew the secret, switch off
and on, delete, send a delivery again, send a test event. Each write is audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import changes_between, log_action, snapshot
from knotenpunkt.directory.services.organisations import contact_addresses
from knotenpunkt.outbox.services import queue_mail
from knotenpunkt.webhooks.models import (
    Delivery,
    EventType,
    Message,
    Subscription,
    new_secret,
)
from knotenpunkt.webhooks.services import addresses
from knotenpunkt.webhooks.services.delivery import schedule_drains

SUBSCRIBABLE = [code for code in EventType.values if code != EventType.PING]
TRACKED_FIELDS = ["url", "description", "event_types"]


def clean_subscription(url: str, event_types: list[str]) -> list[str]:
    """The event types in a fixed order; raises ValidationError (per field) for an address
    that may not receive webhooks or an unknown event."""
    errors = {}
    refusal = addresses.check(url)
    if refusal:
        errors["url"] = refusal
    unknown = [code for code in event_types if code not in SUBSCRIBABLE]
    if unknown or not event_types:
        errors["event_types"] = _("Please choose at least one of the listed events.")
    if errors:
        raise ValidationError(errors)
    return [code for code in SUBSCRIBABLE if code in event_types]


@transaction.atomic
def create_subscription(
    actor,
    *,
    url: str,
    event_types: list[str],
    description: str = "",
    organisation=None,
    cluster=None,
) -> Subscription:
    """A subscription of an organisation or a cluster (exactly one of them)."""
    if (organisation is None) == (cluster is None):
        raise ValueError("A subscription belongs to an organisation or to a cluster.")
    subscription = Subscription.objects.create(
        organisation=organisation,
        cluster=cluster,
        url=url,
        description=description,
        event_types=clean_subscription(url, event_types),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    log_action(
        actor,
        "webhooks.subscription.created",
        subscription,
        owner=str(subscription.owner),
        events=subscription.event_types,
    )
    return subscription


@transaction.atomic
def change_subscription(
    actor, subscription: Subscription, *, url: str, event_types: list[str], description: str
) -> Subscription:
    before = snapshot(subscription, TRACKED_FIELDS)
    subscription.event_types = clean_subscription(url, event_types)
    subscription.url = url
    subscription.description = description
    subscription.save(update_fields=TRACKED_FIELDS)
    changes = changes_between(before, snapshot(subscription, TRACKED_FIELDS))
    if changes:
        log_action(actor, "webhooks.subscription.changed", subscription, changes=changes)
    return subscription


@transaction.atomic
def delete_subscription(actor, subscription: Subscription) -> None:
    """Delete the subscription with its delivery log."""
    log_action(actor, "webhooks.subscription.deleted", subscription, owner=str(subscription.owner))
    subscription.delete()


@transaction.atomic
def rotate_secret(actor, subscription: Subscription) -> Subscription:
    """A new signing secret; the old one stops working at once."""
    subscription.secret = new_secret()
    subscription.save(update_fields=["secret"])
    log_action(actor, "webhooks.subscription.secret_rotated", subscription)
    return subscription


def _owner_addresses(subscription: Subscription) -> list[str]:
    """Who hears that a subscription was switched off: its creator and the owner's
    admins (an organisation) or staff (a cluster)."""
    found = []
    if subscription.created_by_id and subscription.created_by.email:
        found.append(subscription.created_by.email)
    if subscription.organisation_id:
        found += contact_addresses(subscription.organisation)
    else:
        found += subscription.cluster.staff.exclude(email="").values_list("email", flat=True)
    return list(dict.fromkeys(found))


def subscription_path(subscription: Subscription) -> str:
    return reverse("webhooks:subscription", args=[subscription.pk])


@transaction.atomic
def disable(actor, subscription: Subscription, reason: str, *, notify: bool = False):
    """Switch a subscription off: no new deliveries, open ones are given up. With `notify`
    (switched off for failing), its owners get a mail."""
    subscription.is_active = False
    subscription.disabled_at = timezone.now()
    subscription.disabled_reason = reason[:300]
    subscription.save(update_fields=["is_active", "disabled_at", "disabled_reason"])
    Delivery.objects.filter(
        subscription=subscription,
        status__in=(Delivery.Status.PENDING, Delivery.Status.FAILED, Delivery.Status.SENDING),
    ).update(status=Delivery.Status.GIVEN_UP, claim="", leased_until=None)
    log_action(actor, "webhooks.subscription.disabled", subscription, reason=reason[:300])
    if notify:
        for address in _owner_addresses(subscription):
            queue_mail(
                "webhooks_subscription_disabled",
                address,
                {
                    "subscription": subscription,
                    "owner": str(subscription.owner),
                    "reason": reason,
                    "subscription_path": subscription_path(subscription),
                },
            )
    return subscription


@transaction.atomic
def enable(actor, subscription: Subscription) -> Subscription:
    """Switch a subscription on again, after the owner repaired the receiver."""
    refusal = addresses.check(subscription.url)
    if refusal:
        raise ValidationError(refusal)
    subscription.is_active = True
    subscription.disabled_at = None
    subscription.disabled_reason = ""
    subscription.consecutive_failures = 0
    subscription.save(
        update_fields=["is_active", "disabled_at", "disabled_reason", "consecutive_failures"]
    )
    log_action(actor, "webhooks.subscription.enabled", subscription)
    return subscription


@transaction.atomic
def redeliver(actor, delivery: Delivery) -> Delivery:
    """Send a logged message again (a new delivery with the same webhook-id, so that a
    receiver that already processed it can tell)."""
    subscription = delivery.subscription
    if not subscription.is_active:
        raise ValidationError(_("Please switch the subscription on before sending again."))
    again = Delivery.objects.create(
        subscription=subscription, message_id=delivery.message_id, manual=True
    )
    log_action(actor, "webhooks.delivery.redelivered", subscription, message=delivery.message_id)
    transaction.on_commit(lambda: schedule_drains([subscription.pk]))
    return again


@transaction.atomic
def send_test_event(actor, subscription: Subscription) -> Delivery:
    """A `webhook.test` message to this subscription alone."""
    if not subscription.is_active:
        raise ValidationError(_("Please switch the subscription on before sending a test."))
    now = timezone.now()
    message = Message.objects.create(
        event_type=EventType.PING,
        organisation=subscription.organisation,
        cluster=subscription.cluster,
        created_at=now,
        payload={
            "type": EventType.PING.value,
            "timestamp": now.isoformat().replace("+00:00", "Z"),
            "data": {"subscription": subscription.pk},
        },
    )
    delivery = Delivery.objects.create(subscription=subscription, message=message)
    log_action(actor, "webhooks.subscription.tested", subscription, message=message.pk)
    transaction.on_commit(lambda: schedule_drains([subscription.pk]))
    return delivery
