"""Turning something that happened into a message for the subscriptions that want it."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from knotenpunkt.webhooks.models import Delivery, Message, Subscription
from knotenpunkt.webhooks.services.delivery import schedule_drains


def _ids(items) -> list[int]:
    """Primary keys from model instances or keys, without None and repeats."""
    ids = (item if isinstance(item, int) else item.pk for item in items if item is not None)
    return list(dict.fromkeys(ids))


def subscribers(event_type: str, organisations=(), clusters=()) -> list[Subscription]:
    """Active subscriptions of these organisations and clusters that chose `event_type`."""
    org_ids, cluster_ids = _ids(organisations), _ids(clusters)
    if not org_ids and not cluster_ids:
        return []
    candidates = Subscription.objects.filter(is_active=True).filter(
        Q(organisation_id__in=org_ids) | Q(cluster_id__in=cluster_ids)
    )
    # The event types are a short JSON list; SQLite cannot filter JSON containment.
    return [s for s in candidates if event_type in s.event_types]


def emit(event_type: str, data: dict, *, organisations=(), clusters=()) -> Message | None:
    """Write a message and a delivery for each subscriber; sending starts after commit.

    `organisations` and `clusters` are those the event concerns: their subscriptions
    receive it. No subscriber, no message.
    """
    chosen = subscribers(event_type, organisations, clusters)
    if not chosen:
        return None
    now = timezone.now()
    org_ids, cluster_ids = _ids(organisations), _ids(clusters)
    with transaction.atomic():
        message = Message.objects.create(
            event_type=event_type,
            created_at=now,
            organisation_id=org_ids[0] if org_ids else None,
            cluster_id=cluster_ids[0] if cluster_ids else None,
            payload={
                "type": event_type,
                "timestamp": now.isoformat().replace("+00:00", "Z"),
                "data": data,
            },
        )
        Delivery.objects.bulk_create(
            Delivery(subscription=s, message=message, created_at=now, next_attempt_at=now)
            for s in chosen
        )
        ids = [s.pk for s in chosen]
        transaction.on_commit(lambda: schedule_drains(ids))
    return message
