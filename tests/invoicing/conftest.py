from decimal import Decimal

import pytest

from knotenpunkt.invoicing.services import Line, Party, create_invoice
from tests.factories import InvoiceSettingsFactory


@pytest.fixture
def seller(cluster):
    """The cluster of the standing personas, ready to issue invoices."""
    cluster.street, cluster.postcode, cluster.city = "Lorentzendamm 24", "24103", "Kiel"
    cluster.email = "rechnung@diwish.example"
    cluster.save()
    return InvoiceSettingsFactory(cluster=cluster, number_prefix="DIWISH")


@pytest.fixture
def buyer():
    return Party(
        name="Nordlicht Software GmbH",
        street="Holtenauer Straße 1",
        postcode="24105",
        city="Kiel",
        email="buchhaltung@nordlicht.example",
        vat_id="DE136695976",
    )


@pytest.fixture
def ticket_line():
    return Line("Ticket Zukunftsgipfel 2026", Decimal("1"), Decimal("100.00"), Decimal("19"))


@pytest.fixture
def issue(seller, buyer, ticket_line):
    """Issue an invoice of the seller cluster; keyword arguments override the defaults."""

    def issue(actor=None, **kwargs):
        kwargs.setdefault("cluster", seller.cluster)
        kwargs.setdefault("buyer", buyer)
        kwargs.setdefault("lines", [ticket_line])
        return create_invoice(actor, **kwargs)

    return issue


@pytest.fixture(autouse=True)
def english_ui(settings):
    """These tests read the English UI texts (their source strings); the German catalogue is
    checked on its own in tests/core/test_translations.py."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
