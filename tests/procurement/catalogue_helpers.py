"""Offerings for the catalogue tests: complete by default, so a test changes only its point."""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from knotenpunkt.procurement.models.catalogue import OfferingDocument, Themenfeld
from knotenpunkt.procurement.services import listing

COMPLETE = {
    "name": "Terminbuchung Nord",
    "summary": "Online appointment booking for citizens' offices.",
    "description": (
        "Citizens book appointments at the citizens' office online, around the clock. "
        "The office plans counters and staff, sends reminders and cuts waiting times; "
        "connects to FIT-Connect and the BundID login."
    ),
    "kind": "product",
    "category": "appointments",
    "deployment": "saas",
    "hosting": "de",
    "price_model": "per_user_month",
    "price_amount": Decimal("4.50"),
}


def add_document(version, kind="data_sheet", title="Data sheet", valid_until=None, issuer=""):
    document = OfferingDocument(
        version=version, kind=kind, title=title, valid_until=valid_until, issuer=issuer
    )
    document.file.save(f"{kind}.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    document.save()
    return document


def make_offering(provider, actor=None, *, publish_by=None, documents=(), **fields):
    """A draft (or, with `publish_by`, a published offering) of `provider`."""
    version = listing.start_offering(actor, provider, **{**COMPLETE, **fields})
    for document in documents:
        add_document(version, **document)
    if publish_by is not None:
        listing.submit(actor, version)
        listing.publish(publish_by, version)
        version.refresh_from_db()
    return version


def themenfeld(key="querschnittsleistungen"):
    return Themenfeld.objects.get(key=key)


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)
