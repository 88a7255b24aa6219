"""Issuing invoices: gap-free numbers, copied seller and buyer data, cancellation, payment.

Numbers are drawn from `InvoiceSequence`, one row per cluster and year, locked with
`select_for_update()` in the same transaction that stores the invoice: a rolled-back
invoice gives its number back, and two invoices issued at once queue on the lock instead
of taking the same number or leaving a hole (§14 UStG asks for a unique, sequential
number; the tax office reads gaps as missing invoices).

An invoice to a buyer with a Leitweg-ID is an XRechnung; it is issued only when it meets
the German rules the invoice portals check (`einvoice.xrechnung_problems`). The check runs
before a number is drawn, so a refused XRechnung leaves no gap.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import log_action
from knotenpunkt.directory.models import Cluster
from knotenpunkt.invoicing.models import (
    Invoice,
    InvoiceLine,
    InvoiceSequence,
    InvoiceSettings,
)
from knotenpunkt.invoicing.services.einvoice import xrechnung_problems


@dataclass
class Party:
    """The buyer as it is printed on the invoice."""

    name: str
    street: str
    postcode: str
    city: str
    country: str = "DE"
    email: str = ""
    vat_id: str = ""
    leitweg_id: str = ""  # Leitweg-ID for public buyers (XRechnung BT-10)


@dataclass
class Line:
    description: str
    quantity: Decimal
    unit_net: Decimal
    vat_rate: Decimal


def invoice_for(source) -> Invoice | None:
    """The (not cancelled) invoice issued for `source`, e.g. an event registration."""
    return (
        Invoice.objects.filter(
            source_type=ContentType.objects.get_for_model(source),
            source_id=str(source.pk),
            kind=Invoice.Kind.INVOICE,
        )
        .exclude(status=Invoice.Status.CANCELLED)
        .first()
    )


def number_prefix(cluster: Cluster) -> str:
    invoice_settings = InvoiceSettings.objects.filter(cluster=cluster).first()
    if invoice_settings and invoice_settings.number_prefix:
        return invoice_settings.number_prefix
    return slugify(cluster.slug).upper()


def _draw_number(cluster: Cluster, year: int) -> tuple[int, str]:
    """The next number of the cluster's year; the caller's transaction holds the lock."""
    number, _last = _draw_numbers(cluster, year, 1)
    return number, _formatted(number_prefix(cluster), year, number)


def _formatted(prefix: str, year: int, sequence_number: int) -> str:
    return f"{prefix}-{year}-{sequence_number:05d}"


def _draw_numbers(cluster: Cluster, year: int, count: int) -> tuple[int, int]:
    """The first and last of the next `count` numbers of the cluster's year, taken as one
    block; the caller's transaction holds the lock until its invoices are stored."""
    # The first invoice of a year creates the row; a concurrent first invoice finds it
    # (ON CONFLICT DO NOTHING waits for the other transaction) and then queues on the lock.
    InvoiceSequence.objects.bulk_create(
        [InvoiceSequence(cluster=cluster, year=year)], ignore_conflicts=True
    )
    sequence = InvoiceSequence.objects.select_for_update().get(cluster=cluster, year=year)
    first = sequence.last_number + 1
    sequence.last_number += count
    sequence.save(update_fields=["last_number"])
    return first, sequence.last_number


def _seller_fields(cluster: Cluster) -> dict:
    invoice_settings = InvoiceSettings.objects.filter(cluster=cluster).first()
    if invoice_settings is None or not (invoice_settings.vat_id or invoice_settings.tax_number):
        raise ValidationError(
            _(
                "%(cluster)s cannot issue invoices yet: its VAT ID or tax number is missing "
                "in the invoice settings."
            ),
            params={"cluster": cluster},
        )
    if not (cluster.street and cluster.postcode and cluster.city):
        raise ValidationError(
            _("%(cluster)s cannot issue invoices yet: its postal address is incomplete."),
            params={"cluster": cluster},
        )
    return {
        "seller_name": invoice_settings.legal_name or cluster.name,
        "seller_street": cluster.street,
        "seller_postcode": cluster.postcode,
        "seller_city": cluster.city,
        "seller_email": cluster.email,
        "seller_phone": str(cluster.phone) if cluster.phone else "",
        "seller_vat_id": invoice_settings.vat_id,
        "seller_tax_number": invoice_settings.tax_number,
        "seller_iban": invoice_settings.iban,
        "seller_bic": invoice_settings.bic,
        "seller_bank": invoice_settings.bank_name,
        "seller_footer": invoice_settings.footer,
    }, invoice_settings.payment_days


def _check_lines(lines: list[Line]) -> None:
    if not lines:
        raise ValidationError(_("An invoice needs at least one line."))
    for line in lines:
        if Decimal(line.unit_net) < 0:
            raise ValidationError(_("A unit price cannot be negative."))
        if not Decimal(0) <= Decimal(line.vat_rate) <= Decimal(100):
            raise ValidationError(_("A VAT rate lies between 0 and 100 %."))
        if not line.description.strip():
            raise ValidationError(_("Every invoice line needs a description."))


def _refuse_invalid_xrechnung(invoice: Invoice) -> None:
    """Raise, naming every missing piece, when the (unsaved) invoice would be an XRechnung
    that the KoSIT rules reject."""
    problems = xrechnung_problems(invoice)
    if problems:
        raise ValidationError(
            [
                _(
                    "No XRechnung was issued to %(buyer)s: the buyer has a Leitweg-ID, so "
                    "the invoice must meet the German e-invoice rules, and it does not yet."
                )
                % {"buyer": invoice.buyer_name},
                *problems,
            ]
        )


def _price(invoice: Invoice, lines: list[Line]) -> list[InvoiceLine]:
    """The (unsaved) rows of `lines`, with the invoice's totals set from them."""
    rows = [
        InvoiceLine.priced(position, line.description, line.quantity, line.unit_net, line.vat_rate)
        for position, line in enumerate(lines, start=1)
    ]
    invoice.set_totals(rows)
    return rows


def _store(invoice: Invoice, rows: list[InvoiceLine]) -> Invoice:
    """Draw the invoice's number and save it with its priced rows."""
    invoice.year = invoice.issued_on.year
    invoice.sequence_number, invoice.number = _draw_number(invoice.cluster, invoice.year)
    invoice.save()
    for row in rows:
        row.invoice = invoice
    InvoiceLine.objects.bulk_create(rows)
    return invoice


@dataclass
class Draft:
    """One invoice of a batch (see `create_invoices`): what differs from invoice to invoice."""

    buyer: Party
    lines: list[Line]
    organisation: object = None
    person: object = None
    service_date: date | None = None
    # The billing period (EN 16931 BG-14), e.g. a membership year.
    period: tuple[date, date] | None = None
    # What the invoice is for, e.g. a membership or an event registration.
    source: object = None


def _draft_invoice(actor, cluster, seller: dict, draft: Draft, issued_on: date, due_on: date):
    """The unsaved invoice of `draft`, checked; raises before any number is drawn."""
    _check_lines(draft.lines)
    buyer = draft.buyer
    if not buyer.name.strip():
        raise ValidationError(_("The buyer's name is missing."))
    period_start, period_end = draft.period or (None, None)
    invoice = Invoice(
        cluster=cluster,
        kind=Invoice.Kind.INVOICE,
        issued_on=issued_on,
        service_date=draft.service_date or period_end or issued_on,
        period_start=period_start,
        period_end=period_end,
        due_on=due_on,
        **seller,
        buyer_name=buyer.name[:200],
        buyer_street=buyer.street.strip(),
        buyer_postcode=buyer.postcode.strip(),
        buyer_city=buyer.city.strip(),
        buyer_country=(buyer.country or "DE").upper(),
        buyer_email=buyer.email.strip(),
        buyer_vat_id=buyer.vat_id,
        buyer_leitweg_id=buyer.leitweg_id.strip(),
        organisation=draft.organisation,
        person=draft.person,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if draft.source is not None:
        invoice.source_type = ContentType.objects.get_for_model(draft.source)
        invoice.source_id = str(draft.source.pk)
    _refuse_invalid_xrechnung(invoice)
    return invoice


def draft_problems(cluster: Cluster, draft: Draft) -> list[str]:
    """Why `draft` would be refused (no seller data, no lines, an XRechnung the German
    rules reject), without drawing a number: a batch leaves such buyers out up front."""
    try:
        seller, _days = _seller_fields(cluster)
        today = timezone.localdate()
        _draft_invoice(None, cluster, seller, draft, today, today)
    except ValidationError as error:
        return error.messages
    return []


@transaction.atomic
def create_invoice(
    actor,
    *,
    cluster: Cluster,
    buyer: "Party",
    lines: list[Line],
    organisation=None,
    person=None,
    source=None,
    service_date: date | None = None,
) -> Invoice:
    """Issue an invoice of `cluster` to `buyer` with the next number of the year.

    `service_date` is the date of delivery (§14 UStG), e.g. the event's day; it defaults
    to the invoice date.
    """
    seller, payment_days = _seller_fields(cluster)
    today = timezone.localdate()
    draft = Draft(buyer, lines, organisation, person, service_date, source=source)
    invoice = _draft_invoice(
        actor, cluster, seller, draft, today, today + timedelta(days=payment_days)
    )
    _store(invoice, _price(invoice, lines))
    log_action(
        actor,
        "invoicing.invoice.issued",
        invoice,
        buyer=invoice.buyer_name,
        gross_total=str(invoice.gross_total),
    )
    return invoice


@transaction.atomic
def create_invoices(
    actor,
    *,
    cluster: Cluster,
    drafts: list[Draft],
    due_on: date | None = None,
    issued_on: date | None = None,
) -> list[Invoice]:
    """Issue many invoices of `cluster` at once, e.g. a year's membership fees.

    Every draft is checked first, so one bad buyer stops the batch before a number is
    drawn. Then the sequence is locked once and the invoices take a block of consecutive
    numbers, inserted in bulk: thousands of invoices in seconds, still without a gap.
    One audit entry names the range. Returns the invoices in the order of `drafts`.

    `issued_on` (default today) is for history taken over from an earlier system (and
    the demo's): the numbers are drawn from that date's year all the same.
    """
    if not drafts:
        return []
    seller, payment_days = _seller_fields(cluster)
    today = issued_on or timezone.localdate()
    due_on = due_on or today + timedelta(days=payment_days)
    invoices, rows_per_invoice = [], []
    for draft in drafts:
        invoice = _draft_invoice(actor, cluster, seller, draft, today, due_on)
        rows = _price(invoice, draft.lines)
        invoice.year = today.year
        invoices.append(invoice)
        rows_per_invoice.append(rows)
    first, last = _draw_numbers(cluster, today.year, len(invoices))
    prefix = number_prefix(cluster)
    for sequence_number, invoice in zip(range(first, last + 1), invoices, strict=True):
        invoice.sequence_number = sequence_number
        invoice.number = _formatted(prefix, today.year, sequence_number)
    Invoice.objects.bulk_create(invoices, batch_size=1000)
    lines = []
    for invoice, rows in zip(invoices, rows_per_invoice, strict=True):
        for row in rows:
            row.invoice = invoice
            lines.append(row)
    InvoiceLine.objects.bulk_create(lines, batch_size=2000)
    log_action(
        actor,
        "invoicing.invoices.issued",
        None,
        cluster=cluster.name,
        count=len(invoices),
        first=invoices[0].number,
        last=invoices[-1].number,
        gross_total=str(sum((i.gross_total for i in invoices), Decimal("0.00"))),
    )
    return invoices


def _correction(actor, original: Invoice, reason: str, **fields) -> Invoice:
    """The (unsaved) document correcting `original`, a cancellation or a credit note: the
    seller's and buyer's data copied from it, dated and due today."""
    copied = {
        field.name: getattr(original, field.name)
        for field in Invoice._meta.concrete_fields
        if field.name.startswith(("seller_", "buyer_"))
        or field.name in ("cluster", "organisation", "person", "source_type", "source_id")
    }
    today = timezone.localdate()
    return Invoice(
        **copied,
        **fields,
        cancel_reason=reason[:300],
        issued_on=today,
        service_date=original.service_date,
        due_on=today,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


@transaction.atomic
def cancel_invoice(actor, invoice: Invoice, reason: str) -> Invoice:
    """Cancel an invoice by issuing its Stornorechnung (negated lines, own number).

    The original stays as it is, only marked cancelled; the cancellation invoice is
    returned.
    """
    original = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if original.kind != Invoice.Kind.INVOICE:
        raise ValidationError(_("A cancellation invoice cannot be cancelled itself."))
    if original.status == Invoice.Status.CANCELLED:
        raise ValidationError(
            _("Invoice %(number)s has been cancelled already."), params={"number": original}
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give a reason for the cancellation."))
    cancellation = _correction(
        actor, original, reason, kind=Invoice.Kind.CANCELLATION, cancels=original
    )
    # The cancellation copies the original's data; an original issued before the guard
    # existed may lack what an XRechnung needs, and its cancellation would be rejected too.
    _refuse_invalid_xrechnung(cancellation)
    negated = [
        Line(line.description, -line.quantity, line.unit_net, line.vat_rate)
        for line in original.lines.all()
    ]
    _store(cancellation, _price(cancellation, negated))
    original.status = Invoice.Status.CANCELLED
    original.cancel_reason = reason[:300]
    original.save(update_fields=["status", "cancel_reason"])
    log_action(
        actor,
        "invoicing.invoice.cancelled",
        original,
        cancellation=cancellation.number,
        reason=reason,
    )
    return cancellation


@transaction.atomic
def issue_credit_note(
    actor,
    invoice: Invoice,
    lines: list[Line],
    reason: str,
    *,
    period: tuple[date, date] | None = None,
) -> Invoice:
    """Take back part of an invoice with a credit note of its own number (the original
    stays valid): `lines` are what is credited, with positive quantities; the note carries
    them negated, like a cancellation. It may not credit more than the invoice less its
    earlier credit notes."""
    original = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if original.kind != Invoice.Kind.INVOICE or original.status == Invoice.Status.CANCELLED:
        raise ValidationError(
            _("Invoice %(number)s cannot be credited: it is %(status)s."),
            params={"number": original, "status": original.get_status_display()},
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give a reason for the credit note."))
    _check_lines(lines)
    credited = [
        Line(line.description, -abs(line.quantity), line.unit_net, line.vat_rate) for line in lines
    ]
    period_start, period_end = period or (None, None)
    note = _correction(
        actor,
        original,
        reason,
        kind=Invoice.Kind.CREDIT_NOTE,
        corrects=original,
        period_start=period_start,
        period_end=period_end,
    )
    rows = _price(note, credited)
    if original.net_of_credit_notes + note.gross_total < 0:
        raise ValidationError(
            _("A credit note cannot take back more than is left of invoice %(number)s."),
            params={"number": original},
        )
    _refuse_invalid_xrechnung(note)
    _store(note, rows)
    log_action(
        actor,
        "invoicing.invoice.credited",
        original,
        credit_note=note.number,
        amount=str(note.gross_total),
        reason=reason,
    )
    return note


@transaction.atomic
def mark_paid(actor, invoice: Invoice, paid_on: date) -> Invoice:
    """Record that the invoice has been paid in full on `paid_on`."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if not invoice.may_be_marked_paid:
        raise ValidationError(
            _("Invoice %(number)s is %(status)s and cannot be marked paid."),
            params={"number": invoice, "status": invoice.get_status_display()},
        )
    if paid_on < invoice.issued_on:
        raise ValidationError(_("The payment cannot lie before the invoice date."))
    if paid_on > timezone.localdate():
        raise ValidationError(_("The payment date cannot lie in the future."))
    invoice.status = Invoice.Status.PAID
    invoice.paid_on = paid_on
    invoice.save(update_fields=["status", "paid_on"])
    log_action(actor, "invoicing.invoice.paid", invoice, paid_on=paid_on.isoformat())
    return invoice


@transaction.atomic
def reopen_invoice(actor, invoice: Invoice, reason: str) -> Invoice:
    """Set a paid invoice open again, e.g. when its direct debit came back from the
    debtor's bank; `reason` is audited."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.kind != Invoice.Kind.INVOICE or invoice.status != Invoice.Status.PAID:
        raise ValidationError(
            _("Invoice %(number)s is %(status)s and cannot be reopened."),
            params={"number": invoice, "status": invoice.get_status_display()},
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give a reason for reopening the invoice."))
    paid_on = invoice.paid_on
    invoice.status = Invoice.Status.ISSUED
    invoice.paid_on = None
    invoice.save(update_fields=["status", "paid_on"])
    log_action(
        actor,
        "invoicing.invoice.reopened",
        invoice,
        reason=reason,
        paid_on=paid_on.isoformat() if paid_on else None,
    )
    return invoice
