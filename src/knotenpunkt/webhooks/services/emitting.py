"""Turning something that happened into a message for the subscriptions that want it."""

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from knotenpunkt.webhooks.models import Delivery, Message, Subscription
from knotenpunkt.webhooks.services.delivery import schedule_drains


def _ids(items) -> list[int]:
    """Primary keys from model instances or keys, without None and repeats."""
    ids = (item if isinstance(item, int) else item.pk for item in items if item is not None)
    return list(dict.fromkeys(ids))


def subscribers(event_type: str, organisations=(), clusters=()) -> list[int]:
    """The ids of the active subscriptions of these organisations and clusters that chose
    `event_type`."""
    org_ids, cluster_ids = _ids(organisations), _ids(clusters)
    if not org_ids and not cluster_ids:
        return []
    candidates = (
        Subscription.objects.filter(is_active=True)
        .filter(Q(organisation_id__in=org_ids) | Q(cluster_id__in=cluster_ids))
        .order_by("pk")
        .values_list("pk", "event_types")
    )
    # The event types are a short JSON list; SQLite cannot filter JSON containment.
    return [pk for pk, event_types in candidates if event_type in event_types]


def _insert_deliveries(message_id: str, subscription_ids: list[int], now) -> None:
    """One pending delivery per subscription, in one statement run for all of them: an
    event to 50 subscribers must not build 50 model instances (the fan-out benchmark)."""
    columns = [
        "subscription_id",
        "message_id",
        "status",
        "attempts",
        "next_attempt_at",
        "claim",
        "response_body",
        "error",
        "manual",
        "created_at",
    ]
    when = Delivery._meta.get_field("created_at").get_db_prep_save(now, connection)
    rows = [
        (pk, message_id, Delivery.Status.PENDING.value, 0, when, "", "", "", False, when)
        for pk in subscription_ids
    ]
    table = connection.ops.quote_name(Delivery._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    placeholders = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", rows)  # noqa: S608


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
        _insert_deliveries(message.pk, chosen, now)
        transaction.on_commit(lambda: schedule_drains(chosen))
    return message
