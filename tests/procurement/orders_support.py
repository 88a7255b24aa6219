"""Helpers for the order, buyer and supplier-invoice tests: a listed offering, an order,
and the provider's data an XRechnung needs."""

import datetime
from decimal import Decimal

from django.utils import timezone

from knotenpunkt.procurement.models import Offering, OfferingVersion
from knotenpunkt.procurement.services.orders import record_order

DAY = datetime.date(2026, 2, 1)


def listed_offering(provider, slug="termin-online", *, category="appointments"):
    """A published offering of `provider` (services, appointment booking by default)."""
    offering = Offering.objects.create(provider=provider, slug=slug)
    version = OfferingVersion.objects.create(
        offering=offering,
        number=1,
        status=OfferingVersion.Status.PUBLISHED,
        name="Termin Online",
        summary="Online appointment booking for citizens' offices.",
        description="Book appointments online.",
        kind=OfferingVersion.Kind.SERVICE,
        category=category,
        procurement_category="services",
        deployment=OfferingVersion.Deployment.SAAS,
        hosting=OfferingVersion.Hosting.GERMANY,
        price_model=OfferingVersion.PriceModel.PER_USER_MONTH,
        price_amount=Decimal("4.50"),
        published_at=timezone.now(),
    )
    offering.published = version
    offering.save(update_fields=["published"])
    return version


def earlier_order(buyer, version, net_value, ordered_on, *, status="placed"):
    order = record_order(
        None,
        buyer=buyer,
        provider=version.offering.provider,
        title="Earlier order",
        offering_category=version.category,
        procurement_category=version.procurement_category,
        procedure="DA",
        net_value=Decimal(net_value),
        offering_version=version,
        ordered_on=ordered_on,
    )
    if status != "placed":
        order.status = status
        order.save(update_fields=["status"])
    return order


def complete_provider_address(provider):
    """What the directory entry must hold for an invoice: address and VAT ID."""
    provider.street = "Holstenstraße 1"
    provider.postcode = "24103"
    provider.city = "Kiel"
    provider.vat_id = "DE136695976"
    provider.save(update_fields=["street", "postcode", "city", "vat_id"])
    return provider


INVOICE_DATA = {
    "number": "TN-2026-0001",
    "issued_on": DAY,
    "service_date": DAY,
    "due_on": DAY + datetime.timedelta(days=30),
    "seller_email": "rechnung@termin-nord.example",
    "seller_phone": "+49 431 123456",
    "seller_iban": "DE89370400440532013000",
    "seller_bic": "COBADEFFXXX",
}
