"""The webhooks hear of everything that happens through the audit log's signal."""

import logging

from django.db import transaction
from django.dispatch import receiver

from knotenpunkt.core.audit import action_logged
from knotenpunkt.webhooks import sources
from knotenpunkt.webhooks.models import Subscription
from knotenpunkt.webhooks.services.emitting import emit

logger = logging.getLogger(__name__)


@receiver(action_logged, dispatch_uid="webhooks_from_audit")
def emit_webhooks(sender, entry, target, data, **kwargs):
    if entry.action not in sources.SOURCES:
        return
    # Most installations have few subscriptions: skip the lookups when there are none.
    if not Subscription.objects.filter(is_active=True).exists():
        return
    try:
        # A savepoint: a fault in a payload must not undo the invoice or registration
        # whose transaction this runs in; the fault is logged instead.
        with transaction.atomic():
            for event in sources.events_for(entry.action, target, data):
                emit(
                    event.type,
                    event.data,
                    organisations=event.organisations,
                    clusters=event.clusters,
                )
    except Exception:
        logger.exception("Webhook messages for %s could not be written", entry.action)
