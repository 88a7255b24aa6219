"""Reminding providers of certificates that run out.

An expired certificate is shown as expired on the offering page and no longer counts for
the catalogue's certificate filter; the provider should hear about it before buyers see
it. Run daily (`knotenpunkt remind-expiring-certificates`): a document is mentioned 30
days before it expires and on the day after it expired, so a daily run writes about each
document twice, without storing whom it told.
"""

import datetime
from collections import defaultdict

from django.db.models import Q
from django.utils import timezone

from knotenpunkt.directory.services.organisations import contact_addresses
from knotenpunkt.outbox.services import queue_mail
from knotenpunkt.procurement.models.catalogue import OfferingDocument, OfferingVersion

WARN_DAYS = 30


def remind_expiring_certificates(today: datetime.date | None = None) -> int:
    """Mail each provider whose listed offerings have a document expiring in 30 days or
    expired yesterday; returns the number of mails queued."""
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=WARN_DAYS)
    yesterday = today - datetime.timedelta(days=1)
    documents = (
        OfferingDocument.objects.filter(Q(valid_until=soon) | Q(valid_until=yesterday))
        .filter(
            version__status=OfferingVersion.Status.PUBLISHED,
            version__offering__withdrawn_at__isnull=True,
        )
        .select_related("version__offering__provider")
        .order_by("valid_until", "pk")
    )
    per_provider = defaultdict(list)
    for document in documents:
        per_provider[document.version.offering.provider].append(document)
    sent = 0
    for provider, provider_documents in per_provider.items():
        for address in contact_addresses(provider):
            queue_mail(
                "procurement_certificates_expiring",
                address,
                {
                    "provider": provider,
                    "expiring": [d for d in provider_documents if d.valid_until == soon],
                    "expired": [d for d in provider_documents if d.valid_until == yesterday],
                },
            )
            sent += 1
    return sent
