import csv
import io
from decimal import Decimal

from django.test import override_settings

from knotenpunkt.invoicing.services import Line, Party, cancel_invoice
from knotenpunkt.invoicing.services.datev import HEADER, bookings_csv, invoices_for_export


def _rows(cluster, year):
    text = bookings_csv(invoices_for_export(cluster, year)).decode("cp1252")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_export_starts_with_the_buchungsstapel_columns(issue, seller):
    invoice = issue()
    assert _rows(seller.cluster, invoice.year)[0] == HEADER


def test_invoice_is_booked_on_the_debtor_against_revenue(issue, seller):
    invoice = issue()
    row = _rows(seller.cluster, invoice.year)[1]
    assert row == [
        "119,00",
        "S",
        "EUR",
        "10000",
        "8400",
        "",
        invoice.issued_on.strftime("%d%m"),
        invoice.number,
        "Nordlicht Software GmbH",
    ]


def test_invoice_with_two_rates_gives_two_bookings(issue, seller):
    invoice = issue(
        lines=[
            Line("Ticket", Decimal("1"), Decimal("100"), Decimal("19")),
            Line("Buch", Decimal("1"), Decimal("20"), Decimal("7")),
        ]
    )
    rows = _rows(seller.cluster, invoice.year)[1:]
    assert [(r[0], r[4]) for r in rows] == [("119,00", "8400"), ("21,40", "8300")]


def test_cancellation_is_booked_on_the_credit_side(issue, seller, alice):
    original = issue()
    cancellation = cancel_invoice(alice, original, "storniert")
    row = _rows(seller.cluster, original.year)[2]
    assert (row[0], row[1], row[7]) == ("119,00", "H", cancellation.number)
    assert row[8].startswith(f"Storno {original.number}")


@override_settings(
    INVOICING_DATEV_DEBTOR_ACCOUNT="12000",
    INVOICING_DATEV_REVENUE_ACCOUNTS={"19.00": "4400"},
    INVOICING_DATEV_TAX_KEYS={"19.00": "3"},
)
def test_accounts_come_from_the_settings(issue, seller):
    invoice = issue()
    row = _rows(seller.cluster, invoice.year)[1]
    assert (row[3], row[4], row[5]) == ("12000", "4400", "3")


def test_long_buyer_names_are_cut_to_sixty_characters(issue, seller):
    invoice = issue(buyer=Party("A" * 80, "Weg 1", "24103", "Kiel"))
    assert len(_rows(seller.cluster, invoice.year)[1][8]) == 60


def test_export_holds_only_the_clusters_invoices(issue, seller):
    from tests.factories import InvoiceSettingsFactory

    other = InvoiceSettingsFactory(number_prefix="LOGI")
    invoice = issue()
    issue(cluster=other.cluster)
    assert [r[7] for r in _rows(seller.cluster, invoice.year)[1:]] == [invoice.number]


def test_a_buyer_named_like_a_formula_is_booked_as_text_and_the_amount_as_a_number(issue, buyer):
    buyer.name = '=HYPERLINK("https://evil.example","Klick")'
    invoice = issue(buyer=buyer)
    row = _rows(invoice.cluster, invoice.year)[1]
    assert row[8] == "'" + buyer.name
    assert row[0] == "119,00"
