"""The webhooks' operations (docs/api.md, "Webhooks")."""

from knotenpunkt.webhooks.services.addresses import RefusedAddress, check, resolve
from knotenpunkt.webhooks.services.delivery import (
    drain,
    retry_schedule,
    send_due,
    signed_headers,
)
from knotenpunkt.webhooks.services.emitting import emit, subscribers
from knotenpunkt.webhooks.services.subscriptions import (
    SUBSCRIBABLE,
    change_subscription,
    create_subscription,
    delete_subscription,
    disable,
    enable,
    redeliver,
    rotate_secret,
    send_test_event,
)

__all__ = [
    "SUBSCRIBABLE",
    "RefusedAddress",
    "change_subscription",
    "check",
    "create_subscription",
    "delete_subscription",
    "disable",
    "drain",
    "emit",
    "enable",
    "redeliver",
    "resolve",
    "retry_schedule",
    "rotate_secret",
    "send_due",
    "send_test_event",
    "signed_headers",
    "subscribers",
]
