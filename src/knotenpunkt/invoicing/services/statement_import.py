"""Applying a bank statement: incoming transfers mark invoices paid by reference.

Each payment of the file (see `camt`) ends in one of three outcomes:

* matched: a booked credit in the account's currency whose reference names an open
  invoice of the cluster with the same currency and total; the invoice is marked paid on
  the booking date (or, in a dry run, would be);
* ignored: not a payment to apply at all: a debit, a reversal, an entry not booked yet
  (pending or information only), one in another currency than the account, or one
  without a booking date or a readable amount;
* unmatched: a booked credit that should pay something but does not match: no invoice
  number in its reference, no such invoice of the cluster, the invoice no longer open or
  already paid by an earlier entry of the file, another currency than the invoice, an
  amount that differs from the total (partial or combined payments), or a payment date
  the invoice refuses (before the invoice date).

Nothing is guessed: only an exact match is applied, everything else is listed with its
reason for a human to look at. References are searched in the structured creditor
reference (`RmtInf/Strd/CdtrRefInf/Ref`: an RF reference, see `payment_reference`, or the
plain invoice number), the unstructured remittance text (`Ustrd`), the end-to-end id and
the additional entry and transaction information (`AddtlNtryInf`, `AddtlTxInf`).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from knotenpunkt.invoicing.models import Invoice
from knotenpunkt.invoicing.services.camt import (
    BOOKED,
    Outcome,
    Payment,
    Reason,
    read_statements,
)
from knotenpunkt.invoicing.services.issuing import mark_paid
from knotenpunkt.invoicing.services.payment_reference import (
    compact_number,
    invoice_numbers_in,
    reference_part,
    rf_reference_parts_in,
    split_reference_part,
)


@dataclass
class StatementResult:
    payments: list[Payment]
    statements: int
    dry_run: bool = False

    def _with(self, outcome: str) -> list[Payment]:
        return [p for p in self.payments if p.outcome == outcome]

    @property
    def matched(self) -> list[Payment]:
        return self._with(Outcome.MATCHED)

    @property
    def unmatched(self) -> list[Payment]:
        return self._with(Outcome.UNMATCHED)

    @property
    def ignored(self) -> list[Payment]:
        return self._with(Outcome.IGNORED)

    @property
    def not_applied(self) -> list[Payment]:
        return [p for p in self.payments if p.outcome != Outcome.MATCHED]

    @property
    def paid(self) -> list[Invoice]:
        return [p.invoice for p in self.matched]

    def counts(self) -> dict[str, int]:
        return {
            "entries": len(self.payments),
            "matched": len(self.matched),
            "unmatched": len(self.unmatched),
            "ignored": len(self.ignored),
        }


def _not_applicable(payment: Payment) -> tuple[str, str] | None:
    """(reason, detail) when the payment is nothing to apply, else None."""
    if not payment.credit:
        return Reason.DEBIT, ""
    if payment.reversal:
        return Reason.REVERSAL, ""
    if payment.status != BOOKED:
        return Reason.PENDING, payment.status or "?"
    if payment.amount is None or payment.amount <= 0:
        return Reason.UNREADABLE, ""
    if payment.account_currency and payment.currency != payment.account_currency:
        return Reason.OTHER_CURRENCY, payment.currency or "?"
    if payment.booked_on is None:
        return Reason.NO_BOOKING_DATE, ""
    return None


def _candidates(payment: Payment, clusters) -> tuple[bool, list[Invoice]]:
    """(whether the payment names any invoice number, the invoices of `clusters` it names,
    in the order the references name them)."""
    numbers, rf_parts = [], []
    for reference in payment.creditor_references:
        part = reference_part(reference)
        if part:
            rf_parts.append(part)
        else:
            numbers += invoice_numbers_in(reference)
    for text in payment.texts:
        numbers += invoice_numbers_in(text)
        rf_parts += rf_reference_parts_in(text)
    wanted = Q(number__in=numbers)
    shapes = [s for s in map(split_reference_part, rf_parts) if s]
    for _prefix, year, sequence in shapes:
        wanted |= Q(year=year, sequence_number=sequence)
    if not numbers and not shapes:
        return bool(rf_parts), []
    found = Invoice.objects.filter(wanted, cluster__in=clusters, kind=Invoice.Kind.INVOICE)
    order = {number: i for i, number in reversed(list(enumerate(numbers)))}
    by_rf = {part: i for i, part in reversed(list(enumerate(rf_parts)))}
    named = []
    for invoice in found:
        if invoice.number in order:
            named.append((order[invoice.number], invoice))
        elif compact_number(invoice.number) in by_rf:
            named.append((by_rf[compact_number(invoice.number)], invoice))
    return True, [invoice for _i, invoice in sorted(named, key=lambda pair: pair[0])]


def _match(payment: Payment, clusters, paid_here: set[int]) -> tuple[str, str, Invoice | None]:
    names_any, invoices = _candidates(payment, clusters)
    if not names_any:
        return Reason.NO_REFERENCE, "", None
    if not invoices:
        return Reason.NO_INVOICE, "", None
    for invoice in invoices:
        if invoice.pk in paid_here:
            continue
        if (
            invoice.status == Invoice.Status.ISSUED
            and invoice.currency == payment.currency
            and invoice.gross_total == payment.amount
        ):
            return "", "", invoice
    first = invoices[0]
    if first.pk in paid_here:
        return Reason.PAID_IN_FILE, first.number, first
    if first.status != Invoice.Status.ISSUED:
        return Reason.NOT_OPEN, f"{first.number}: {first.get_status_display()}", first
    if first.currency != payment.currency:
        return Reason.INVOICE_CURRENCY, f"{first.number}: {first.currency}", first
    return (
        Reason.AMOUNT_DIFFERS,
        _("%(number)s totals %(total)s %(currency)s")
        % {
            "number": first.number,
            "total": f"{first.gross_total:.2f}".replace(".", ","),
            "currency": first.currency,
        },
        first,
    )


@transaction.atomic
def import_statement(actor, clusters, content: bytes, dry_run: bool = False) -> StatementResult:
    """Mark paid every open invoice of `clusters` that a booked credit pays in full; with
    `dry_run`, only say what would happen. Every payment of the file is in the result."""
    statements, payments = read_statements(content)
    paid_here: set[int] = set()
    for payment in payments:
        not_applicable = _not_applicable(payment)
        if not_applicable:
            payment.reason, payment.detail = not_applicable
            continue
        reason, detail, invoice = _match(payment, clusters, paid_here)
        payment.invoice = invoice
        if reason:
            payment.reason, payment.detail = reason, detail
            continue
        if dry_run:
            payment.reason, payment.detail = Reason.WOULD_PAY, invoice.number
            paid_here.add(invoice.pk)
            continue
        try:
            payment.invoice = mark_paid(actor, invoice, payment.booked_on)
        except ValidationError as error:
            payment.reason, payment.detail = Reason.REFUSED, " ".join(error.messages)
        else:
            payment.reason, payment.detail = Reason.PAID, invoice.number
            paid_here.add(invoice.pk)
    return StatementResult(payments, statements, dry_run)
