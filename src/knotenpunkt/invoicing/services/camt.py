"""Bank statement import (CAMT.053): incoming transfers mark invoices paid by reference.

A credit entry whose remittance information names an open invoice number and whose amount
equals the invoice's total marks that invoice paid on the booking date. Anything else (a
partial payment, an unknown reference, a debit) is reported back for a human to look at;
nothing is guessed.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from lxml import etree

from knotenpunkt.core.uploads import upload_limit
from knotenpunkt.invoicing.models import Invoice
from knotenpunkt.invoicing.services.issuing import mark_paid

NUMBER = re.compile(r"\b[A-Z0-9][A-Z0-9-]*-\d{4}-\d{5}\b")


@dataclass
class StatementEntry:
    amount: Decimal
    booked_on: date
    reference: str


@dataclass
class StatementResult:
    paid: list[Invoice] = field(default_factory=list)
    unmatched: list[StatementEntry] = field(default_factory=list)


def _local(element, name):
    return element.xpath(f".//*[local-name()='{name}']")


def read_statement(content: bytes) -> list[StatementEntry]:
    """The credit entries of a CAMT.053 statement (any schema version)."""
    if len(content) > upload_limit("bank_statement"):
        raise ValidationError(_("The statement file is too large."))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as error:
        raise ValidationError(_("This file is not a readable XML bank statement.")) from error
    if not _local(root, "BkToCstmrStmt"):
        raise ValidationError(_("This file is not a CAMT.053 bank statement."))
    entries = []
    for entry in _local(root, "Ntry"):
        indicator = next(iter(_local(entry, "CdtDbtInd")), None)
        if indicator is None or indicator.text != "CRDT":
            continue
        try:
            amount = Decimal(_local(entry, "Amt")[0].text.strip())
            booked = date.fromisoformat(_local(entry, "BookgDt")[0][0].text.strip()[:10])
        except (IndexError, InvalidOperation, ValueError, AttributeError):
            continue
        reference = " ".join(
            (e.text or "").strip() for e in _local(entry, "Ustrd") + _local(entry, "EndToEndId")
        )
        entries.append(StatementEntry(amount, booked, reference))
    return entries


def import_statement(actor, clusters, content: bytes) -> StatementResult:
    """Mark paid every open invoice of `clusters` a credit entry pays in full."""
    result = StatementResult()
    for entry in read_statement(content):
        numbers = set(NUMBER.findall(entry.reference.upper()))
        invoice = (
            Invoice.objects.filter(
                cluster__in=clusters,
                number__in=numbers,
                kind=Invoice.Kind.INVOICE,
                status=Invoice.Status.ISSUED,
                gross_total=entry.amount,
            ).first()
            if numbers
            else None
        )
        if invoice is None:
            result.unmatched.append(entry)
            continue
        try:
            result.paid.append(mark_paid(actor, invoice, entry.booked_on))
        except ValidationError:
            result.unmatched.append(entry)
    return result
