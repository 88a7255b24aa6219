"""The bookkeeping export: a cluster's invoices as a DATEV EXTF Buchungsstapel (format
category 21, version 13) and the invoiced organisations as EXTF Debitoren/Kreditoren.

One booking per invoice and VAT rate: the debtor is debited (Soll) with the gross amount
against the revenue account of the rate; a cancellation invoice books the same the other
way round (Haben). Belegdatum is the invoice date (DDMM), Belegfeld 1 the invoice number.
An organisation's invoices go to its personal debtor account (`datev_master`), a
person's to the collective debtor account. A VAT rate whose gross amount is 0,00 gives no
booking (DATEV refuses a zero amount).

Consultant and client number, fiscal year start and account length come from the
cluster's invoice settings; the export refuses while the numbers are missing. The
accounts come from Django settings, so that the tax adviser can map them to the chart of
accounts in use (four-digit form, lengthened to the account length, see `datev_format`):

``INVOICING_DATEV_DEBTOR_ACCOUNT``
    Collective debtor account for invoices to people, default ``"10000"``.
``INVOICING_DATEV_REVENUE_ACCOUNTS``
    Gegenkonto per VAT rate, default SKR03: ``{"19.00": "8400", "7.00": "8300",
    "0.00": "8100"}`` (revenue 19 %, revenue 7 %, tax-free revenue).
``INVOICING_DATEV_TAX_KEYS``
    BU-Schlüssel per VAT rate, default empty: the SKR03 revenue accounts above are
    automatic accounts (the VAT is booked by the account itself). With plain revenue
    accounts set e.g. ``{"19.00": "3", "7.00": "2"}``.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from knotenpunkt.invoicing.models import Invoice, InvoiceSettings
from knotenpunkt.invoicing.services.datev_format import (
    BOOKINGS,
    Period,
    amount,
    checked_settings,
    column_line,
    data_line,
    ddmm,
    export_period,
    file_bytes,
    header_line,
    ledger_account,
    text,
)
from knotenpunkt.invoicing.services.datev_master import (
    debtor_account,
    debtor_numbers,
    debtors_file,
)

DEFAULT_DEBTOR_ACCOUNT = "10000"
DEFAULT_REVENUE_ACCOUNTS = {"19.00": "8400", "7.00": "8300", "0.00": "8100"}
BOOKING_TEXT_LENGTH = 60  # DATEV's limit for Buchungstext
DOCUMENT_FIELD_LENGTH = 36  # and for Belegfeld 1


@dataclass
class DatevExport:
    """The two files of one export and what they cover."""

    bookings: bytes
    debtors: bytes
    bookings_name: str
    debtors_name: str
    booking_count: int
    debtor_count: int
    period: Period


def invoices_for_export(cluster, period: Period):
    """Invoices and cancellations dated within the period, by date and number."""
    return (
        Invoice.objects.filter(cluster=cluster, issued_on__range=(period.start, period.end))
        .select_related("cancels", "corrects")
        .prefetch_related("lines")
        .order_by("issued_on", "year", "sequence_number")
    )


def _revenue_accounts(length: int) -> tuple[str, dict[str, str], dict[str, str]]:
    collective = getattr(settings, "INVOICING_DATEV_DEBTOR_ACCOUNT", DEFAULT_DEBTOR_ACCOUNT)
    revenue = getattr(settings, "INVOICING_DATEV_REVENUE_ACCOUNTS", DEFAULT_REVENUE_ACCOUNTS)
    return (
        ledger_account(collective, length, personal=True),
        {rate: ledger_account(account, length) for rate, account in revenue.items()},
        getattr(settings, "INVOICING_DATEV_TAX_KEYS", {}),
    )


def booking_lines(invoices, invoice_settings: InvoiceSettings, debtors: dict[int, str]):
    """The data lines of `invoices` (lines prefetched); `debtors` maps organisation ids to
    their personal debtor accounts."""
    collective, revenue, tax_keys = _revenue_accounts(invoice_settings.datev_account_length)
    lines = []
    for invoice in invoices:
        booking_text = invoice.buyer_name
        if invoice.is_cancellation:
            booking_text = f"Storno {invoice.cancels.number} {booking_text}"
        elif invoice.is_credit_note:
            booking_text = f"Gutschrift {invoice.corrects.number} {booking_text}"
        for group in invoice.vat_breakdown():
            if not group.gross:
                continue
            rate = f"{group.rate:.2f}"
            if rate not in revenue:
                raise ValidationError(
                    _(
                        "Invoice %(number)s has VAT at %(rate)s %%, for which no revenue "
                        "account is set (INVOICING_DATEV_REVENUE_ACCOUNTS)."
                    )
                    % {"number": invoice.number, "rate": rate}
                )
            cells = {
                "Umsatz (ohne Soll/Haben-Kz)": amount(group.gross),
                "Soll/Haben-Kennzeichen": text("S" if group.gross > 0 else "H", 1),
                "WKZ Umsatz": text(invoice.currency, 3),
                "Konto": debtors.get(invoice.organisation_id, collective),
                "Gegenkonto (ohne BU-Schlüssel)": revenue[rate],
                "BU-Schlüssel": text(tax_keys.get(rate, ""), 4),
                "Belegdatum": ddmm(invoice.issued_on),
                "Belegfeld 1": text(invoice.number, DOCUMENT_FIELD_LENGTH),
                "Buchungstext": text(booking_text, BOOKING_TEXT_LENGTH),
            }
            lines.append(data_line(BOOKINGS, cells))
    return lines


def datev_export(cluster, year: int, month: int | None = None, now: datetime | None = None):
    """Both EXTF files of the cluster for a month or a fiscal year (see `export_period`).
    Gives debtor accounts to organisations invoiced for the first time."""
    invoice_settings = checked_settings(cluster)
    period = export_period(invoice_settings, year, month)
    created = timezone.localtime(now)
    invoices = list(invoices_for_export(cluster, period))
    numbers = debtor_numbers(cluster, {i.organisation_id for i in invoices if i.organisation_id})
    length = invoice_settings.datev_account_length
    accounts = {org: debtor_account(number, length) for org, number in numbers.items()}
    lines = booking_lines(invoices, invoice_settings, accounts)
    latest = {i.organisation_id: i for i in invoices if i.organisation_id}
    debtors = [(accounts[org], latest[org]) for org in sorted(latest, key=accounts.get)]
    span = f"{period.start:%Y%m%d}-{period.end:%Y%m%d}"
    bookings = file_bytes(
        [
            header_line(
                BOOKINGS,
                invoice_settings,
                period.fiscal_year_start,
                created,
                title=f"Rechnungen {cluster.slug}",
                period=period,
            ),
            column_line(BOOKINGS),
            *lines,
        ]
    )
    return DatevExport(
        bookings=bookings,
        debtors=debtors_file(invoice_settings, period, created, debtors),
        bookings_name=f"EXTF_Buchungsstapel_{cluster.slug}_{span}.csv",
        debtors_name=f"EXTF_Debitoren_{cluster.slug}_{span}.csv",
        booking_count=len(lines),
        debtor_count=len(debtors),
        period=period,
    )
