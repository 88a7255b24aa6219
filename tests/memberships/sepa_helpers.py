"""Data for the SEPA tests: a cluster that collects, fee invoices, mandates."""

from datetime import date
from decimal import Decimal

import pytest
from freezegun import freeze_time

from knotenpunkt.directory.models import Membership
from knotenpunkt.invoicing.services import Line, Party, create_invoice
from knotenpunkt.memberships.models import DirectDebitSettings, FeeCharge
from knotenpunkt.memberships.services.mandates import enter_paper_mandate
from tests.factories import MembershipFactory, OrganisationFactory

CREDITOR_ID = "DE98ZZZ09999999999"
IBAN = "DE89370400440532013000"
OTHER_IBAN = "DE02120300000000202051"
COLLECTION = date(2026, 2, 16)  # a Monday, 14 days after the invoices of `announced`
BIC = "COBADEFFXXX"


@pytest.fixture(autouse=True)
def english_ui(settings):
    """These tests read the English source texts; the German ones come from the catalogue."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def collecting(seller):
    """The standing cluster, ready to invoice and to collect by direct debit."""
    return DirectDebitSettings.objects.create(
        cluster=seller.cluster,
        creditor_id=CREDITOR_ID,
        mandate_prefix="DIWISH",
        return_fee=Decimal("3.50"),
    )


def fee_invoice(cluster, organisation, amount=Decimal("600.00"), year=2026, email=None):
    """A fee invoice of `organisation`'s membership, as a fee run issues it."""
    membership = Membership.objects.filter(organisation=organisation, cluster=cluster).first()
    if membership is None:
        membership = Membership.objects.create(
            organisation=organisation, cluster=cluster, start_date=date(2020, 1, 1)
        )
    invoice = create_invoice(
        None,
        cluster=cluster,
        buyer=Party(
            name=organisation.name,
            street="Holtenauer Straße 12a",
            postcode="24105",
            city="Kiel",
            email=email if email is not None else f"buchhaltung@{organisation.slug}.example",
        ),
        lines=[Line(f"Mitgliedsbeitrag {year}", Decimal("1"), amount, Decimal("0"))],
        organisation=organisation,
    )
    FeeCharge.objects.create(
        membership=membership,
        year=year,
        period_start=date(year, 1, 1),
        period_end=date(year, 12, 31),
        amount=amount,
        invoice=invoice,
    )
    return invoice


def paper_mandate(cluster, organisation, **changes):
    details = {
        "signed_on": date(2025, 12, 1),
        "account_holder": organisation.name,
        "iban": IBAN,
        "bic": BIC,
        "street": "Holtenauer Straße 12a",
        "postcode": "24105",
        "city": "Kiel",
        "country": "DE",
        "signed_by": "Bob Brandt",
        **changes,
    }
    return enter_paper_mandate(None, organisation, cluster, **details)


@pytest.fixture
def fjord(cluster):
    organisation = OrganisationFactory(name="Fjord Logistik GmbH", slug="fjord")
    MembershipFactory(organisation=organisation, cluster=cluster)
    return organisation


@pytest.fixture
def announced(collecting, member_org, fjord):
    """Two fee invoices issued on 2 February, each with a mandate and pre-notified for
    the 16th (the mandate, given after the invoice, announces it)."""
    cluster = collecting.cluster
    with freeze_time("2026-02-02 10:00"):
        first = fee_invoice(cluster, member_org, Decimal("600.00"))
        paper_mandate(cluster, member_org)
        second = fee_invoice(cluster, fjord, Decimal("300.00"))
        paper_mandate(cluster, fjord, account_holder="Fjord Logistik", street="Kai 3")
    return first, second
