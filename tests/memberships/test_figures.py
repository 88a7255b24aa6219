"""Fee figures: revenue spread over the service period by days and rounded per year at
the end; open items by dunning state; the dashboard's fee section."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from freezegun import freeze_time

from knotenpunkt.invoicing.services import cancel_invoice
from knotenpunkt.memberships.services.dunning import (
    default_levels,
    pause_dunning,
    send_due_reminders,
)
from knotenpunkt.memberships.services.figures import fee_revenue_per_year, open_items_summary
from knotenpunkt.memberships.services.open_items import open_items
from tests.factories import OrganisationFactory
from tests.memberships.dunning_helpers import fee_credit_note, fee_invoice, submitted_debit

JULY_TO_JUNE = (date(2026, 7, 1), date(2027, 6, 30))


@pytest.fixture
def nordlicht(member_org):
    return member_org


def test_revenue_spreads_a_fee_invoice_over_its_period(seller, nordlicht):
    fee_invoice(seller.cluster, nordlicht, amount="365.00", period=JULY_TO_JUNE)
    assert fee_revenue_per_year([seller.cluster]) == {
        2026: Decimal("184.00"),
        2027: Decimal("181.00"),
    }


def test_a_leap_year_counts_29_february(seller, nordlicht):
    # 2027-07-01..2028-06-30 has 366 days: 184 in 2027, 182 in 2028 (with 29 February).
    fee_invoice(
        seller.cluster, nordlicht, amount="366.00", period=(date(2027, 7, 1), date(2028, 6, 30))
    )
    assert fee_revenue_per_year([seller.cluster]) == {
        2027: Decimal("184.00"),
        2028: Decimal("182.00"),
    }


def test_revenue_is_rounded_per_year_not_per_invoice(seller, nordlicht):
    # 100.00 over 30 and 31 December 2026 and 1 January 2027, three times: 200.00 in
    # 2026 (rounding each invoice first would make it 3 x 66.67 = 200.01).
    three_days = (date(2026, 12, 30), date(2027, 1, 1))
    for name in ("Kieler Werft", "Hafenkontor", "Lotsenhaus"):
        fee_invoice(
            seller.cluster, OrganisationFactory(name=name), amount="100.00", period=three_days
        )
    assert fee_revenue_per_year([seller.cluster]) == {
        2026: Decimal("200.00"),
        2027: Decimal("100.00"),
    }


def test_revenue_counts_net_amounts_not_vat(seller, nordlicht):
    fee_invoice(seller.cluster, nordlicht, amount="100.00", vat_rate="19")
    assert fee_revenue_per_year([seller.cluster]) == {2026: Decimal("100.00")}


def test_a_cancelled_fee_invoice_contributes_nothing(seller, nordlicht):
    invoice = fee_invoice(seller.cluster, nordlicht, amount="365.00", period=JULY_TO_JUNE)
    kept = fee_invoice(
        seller.cluster,
        OrganisationFactory(name="Kieler Werft"),
        amount="300.00",
        period=(date(2026, 1, 1), date(2026, 12, 31)),
    )
    with freeze_time("2026-08-01"):
        cancel_invoice(None, invoice, "Doppelt berechnet")
    assert fee_revenue_per_year([seller.cluster]) == {2026: kept.net_total}


def test_a_credit_note_is_subtracted_over_its_period(seller, nordlicht):
    invoice = fee_invoice(seller.cluster, nordlicht, amount="1200.00", period=JULY_TO_JUNE)
    # Left at the end of 2026: the first half of 2027 (181 days) is credited.
    fee_credit_note(invoice, "595.07", (date(2027, 1, 1), date(2027, 6, 30)))
    assert fee_revenue_per_year([seller.cluster]) == {
        2026: Decimal("604.93"),
        2027: Decimal("0.00"),
    }


def test_a_credit_note_lowers_the_open_balance(seller, nordlicht):
    invoice = fee_invoice(seller.cluster, nordlicht, amount="1200.00")
    fee_credit_note(invoice, "600.00", (date(2026, 7, 1), date(2026, 12, 31)))
    [item] = open_items([seller.cluster], date(2026, 7, 2))
    assert (item.balance, item.credited) == (Decimal("600.00"), Decimal("-600.00"))


def test_revenue_is_scoped_by_cluster(seller, nordlicht, other_cluster):
    fee_invoice(seller.cluster, nordlicht, amount="300.00")
    assert fee_revenue_per_year([other_cluster]) == {}


def test_open_items_summary_by_dunning_state(seller, nordlicht, alice):
    default_levels(seller.cluster)
    due = date(2026, 3, 1)
    reminded = fee_invoice(seller.cluster, nordlicht, amount="300.00", due_on=due)
    fresh = OrganisationFactory(name="Förde Logistik")
    fee_invoice(seller.cluster, fresh, amount="120.00", due_on=date(2026, 3, 25))
    collected = OrganisationFactory(name="Hafen Energie")
    submitted_debit(fee_invoice(seller.cluster, collected, amount="600.00", due_on=due))
    paused = OrganisationFactory(name="Ostsee Bau")
    fee_invoice(seller.cluster, paused, amount="2400.00", due_on=due)
    pause_dunning(alice, paused, seller.cluster, "Insolvenzverfahren")
    not_due = OrganisationFactory(name="Sylt Digital")
    fee_invoice(seller.cluster, not_due, amount="50.00", due_on=date(2026, 6, 1))

    send_due_reminders(date(2026, 3, 20))
    summary = open_items_summary([seller.cluster], date(2026, 3, 30))

    assert reminded.reminders.count() == 1
    assert summary["levels"] == [
        {"level": 0, "count": 1, "sum": Decimal("120.00")},
        {"level": 1, "count": 1, "sum": Decimal("300.00")},
    ]
    assert summary["paused"] == {"count": 1, "sum": Decimal("2400.00")}
    assert summary["submitted"] == {"count": 1, "sum": Decimal("600.00")}
    assert summary["not_due"] == {"count": 1, "sum": Decimal("50.00")}
    assert summary["total"] == {"count": 5, "sum": Decimal("3470.00")}


def test_the_dashboard_shows_fee_revenue_and_open_items(client_for, alice, seller, nordlicht):
    fee_invoice(seller.cluster, nordlicht, amount="365.00", period=JULY_TO_JUNE)
    response = client_for(alice).get(reverse("directory:dashboard"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="fee-revenue-h"' in page
    assert "184,00 €" in page
    assert "181,00 €" in page
    assert 'id="fee-open-h"' in page
    assert "365,00 €" in page
