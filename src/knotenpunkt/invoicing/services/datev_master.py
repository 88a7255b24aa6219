"""Debtor master data for DATEV: a personal debtor account per invoiced organisation and
the EXTF Debitoren/Kreditoren file that names them.

Organisations are booked on their own debtor account (not the collective one), so that
the tax adviser sees open items per customer, as DATEV's OPOS expects. The account is
given on the first export that books an invoice to the organisation and stays the same
afterwards (`DebtorAccount`). Invoices to a person rather than an organisation stay on
the collective debtor account: the master data file lists firms only, no private people.
Name and address in the file are those printed on the organisation's latest invoice of
the period, i.e. what was actually invoiced.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from knotenpunkt.invoicing.models import DebtorAccount, Invoice, InvoiceSettings
from knotenpunkt.invoicing.services.datev_format import (
    DEBTORS,
    Period,
    column_line,
    data_line,
    file_bytes,
    header_line,
    ledger_account,
    text,
)

FIRST_DEBTOR_ACCOUNT = 10000  # in the four-digit chart: debtors are 10000 to 69999
MAX_DEBTOR_NUMBER = 69999 - FIRST_DEBTOR_ACCOUNT


def debtor_account(number: int, account_length: int) -> str:
    """The DATEV account of debtor `number` (1 → 10001, lengthened like every account)."""
    return ledger_account(str(FIRST_DEBTOR_ACCOUNT + number), account_length, personal=True)


@transaction.atomic
def debtor_numbers(cluster, organisation_ids) -> dict[int, int]:
    """Organisation id → its debtor number in the cluster, giving new ones as needed.

    The settings row is locked while numbers are given, so two exports at once queue
    instead of giving one number twice; the counter on it never goes back.
    """
    invoice_settings = InvoiceSettings.objects.select_for_update().get(cluster=cluster)
    ids = set(organisation_ids)
    numbers = dict(
        DebtorAccount.objects.filter(cluster=cluster, organisation_id__in=ids).values_list(
            "organisation_id", "number"
        )
    )
    new = sorted(ids - numbers.keys())
    if not new:
        return numbers
    last = invoice_settings.datev_last_debtor_number
    if last + len(new) > MAX_DEBTOR_NUMBER:
        raise ValidationError(_("No DATEV debtor account numbers are left for this cluster."))
    accounts = [
        DebtorAccount(cluster=cluster, organisation_id=organisation_id, number=last + i)
        for i, organisation_id in enumerate(new, start=1)
    ]
    DebtorAccount.objects.bulk_create(accounts)
    invoice_settings.datev_last_debtor_number = last + len(new)
    invoice_settings.save(update_fields=["datev_last_debtor_number"])
    numbers.update({a.organisation_id: a.number for a in accounts})
    return numbers


def _debtor_row(account: str, invoice: Invoice) -> str:
    vat_id = invoice.buyer_vat_id.replace(" ", "").upper()
    cells = {
        "Konto": account,
        "Name (Adressattyp Unternehmen)": text(invoice.buyer_name, 50),
        "Adressattyp": text("2", 1),  # 2 = Unternehmen
        "Kurzbezeichnung": text(invoice.buyer_name, 15),
        "Adressart": text("STR", 3),  # street address
        "Straße": text(invoice.buyer_street, 36),
        "Postleitzahl": text(invoice.buyer_postcode, 10),
        "Ort": text(invoice.buyer_city, 30),
        "Land": text(invoice.buyer_country, 2),
        "E-Mail": text(invoice.buyer_email, 60),
        "Nummer Fremdsystem": text(invoice.organisation_id, 15),
    }
    if len(vat_id) > 2 and vat_id[:2].isalpha():
        cells["EU-Land"] = text(vat_id[:2], 2)
        cells["EU-UStID"] = text(vat_id[2:], 13)
    return data_line(DEBTORS, cells)


def debtors_file(
    invoice_settings: InvoiceSettings,
    period: Period,
    created,
    debtors: list[tuple[str, Invoice]],
) -> bytes:
    """The EXTF Debitoren/Kreditoren file: one line per (account, latest invoice)."""
    lines = [
        header_line(
            DEBTORS,
            invoice_settings,
            period.fiscal_year_start,
            created,
            title=f"Debitoren {invoice_settings.cluster.slug}",
        ),
        column_line(DEBTORS),
        *(_debtor_row(account, invoice) for account, invoice in debtors),
    ]
    return file_bytes(lines)
