"""The bookkeeping export: invoices as a DATEV-style Buchungsstapel (CSV).

One booking per invoice and VAT rate: the debtor is debited (Soll) with the gross amount
against the revenue account of the rate; a cancellation invoice books the same the other
way round (Haben). The accounts come from settings, so that the association's tax
adviser can map them to the chart of accounts in use:

``INVOICING_DATEV_DEBTOR_ACCOUNT``
    Konto of every booking, default ``"10000"`` (collective debtor account).
``INVOICING_DATEV_REVENUE_ACCOUNTS``
    Gegenkonto per VAT rate, default SKR03: ``{"19.00": "8400", "7.00": "8300",
    "0.00": "8100"}`` (revenue 19 %, revenue 7 %, tax-free revenue).
``INVOICING_DATEV_TAX_KEYS``
    BU-Schlüssel per VAT rate, default empty: the SKR03 revenue accounts above are
    automatic accounts (the VAT is booked by the account itself). With plain revenue
    accounts set e.g. ``{"19.00": "3", "7.00": "2"}``.

The layout follows DATEV's Buchungsstapel columns (Umsatz, Soll/Haben-Kennzeichen, WKZ,
Konto, Gegenkonto, BU-Schlüssel, Belegdatum as DDMM, Belegfeld 1, Buchungstext), semicolon
separated, decimal comma, Windows-1252 as DATEV expects. It is not a full EXTF file with
the DATEV header record; the bookkeeping imports it through the ASCII import.
"""

import io
from decimal import Decimal

from django.conf import settings

from knotenpunkt.core.csv_export import csv_writer, neutralise
from knotenpunkt.invoicing.models import Invoice

DEFAULT_DEBTOR_ACCOUNT = "10000"
DEFAULT_REVENUE_ACCOUNTS = {"19.00": "8400", "7.00": "8300", "0.00": "8100"}
HEADER = [
    "Umsatz (ohne Soll/Haben-Kz)",
    "Soll/Haben-Kennzeichen",
    "WKZ Umsatz",
    "Konto",
    "Gegenkonto (ohne BU-Schlüssel)",
    "BU-Schlüssel",
    "Belegdatum",
    "Belegfeld 1",
    "Buchungstext",
]
BOOKING_TEXT_LENGTH = 60  # DATEV's limit for Buchungstext


def _accounts():
    return (
        getattr(settings, "INVOICING_DATEV_DEBTOR_ACCOUNT", DEFAULT_DEBTOR_ACCOUNT),
        getattr(settings, "INVOICING_DATEV_REVENUE_ACCOUNTS", DEFAULT_REVENUE_ACCOUNTS),
        getattr(settings, "INVOICING_DATEV_TAX_KEYS", {}),
    )


def _amount(value: Decimal) -> str:
    return f"{abs(value):.2f}".replace(".", ",")


def booking_rows(invoices) -> list[list[str]]:
    """The booking lines of `invoices` (with their lines prefetched), in number order."""
    debtor, revenue, tax_keys = _accounts()
    rows = []
    for invoice in invoices:
        text = invoice.buyer_name
        if invoice.is_cancellation:
            text = f"Storno {invoice.cancels.number} {text}"
        for group in invoice.vat_breakdown():
            rate = f"{group.rate:.2f}"
            rows.append(
                [
                    _amount(group.gross),
                    "S" if group.gross >= 0 else "H",
                    invoice.currency,
                    debtor,
                    revenue.get(rate, ""),
                    tax_keys.get(rate, ""),
                    invoice.issued_on.strftime("%d%m"),
                    invoice.number,
                    # Neutralised before the cut, so the text stays within DATEV's limit.
                    neutralise(text)[:BOOKING_TEXT_LENGTH],
                ]
            )
    return rows


def bookings_csv(invoices) -> bytes:
    """The Buchungsstapel as CSV bytes (Windows-1252; unknown characters become "?")."""
    out = io.StringIO()
    writer = csv_writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(booking_rows(invoices))
    return out.getvalue().encode("cp1252", errors="replace")


def invoices_for_export(cluster, year: int, month: int | None = None):
    invoices = Invoice.objects.filter(cluster=cluster, year=year).select_related("cancels")
    if month:
        invoices = invoices.filter(issued_on__month=month)
    return invoices.prefetch_related("lines").order_by("sequence_number")
