"""Open fee items: the fee invoices not paid yet, what each still owes and how far dunning
has gone.

An item's balance is the invoice's total, less its credit notes, plus the reminder fees
sent for it and the fees the bank charged for its returned debits. An invoice whose SEPA
debit is submitted is not overdue for dunning while the bank collects it: the debit
either arrives (and settles the invoice) or comes back as a return, which reopens it.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import DecimalField, Exists, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from knotenpunkt.invoicing.models import Invoice
from knotenpunkt.memberships.models import (
    DebitReturn,
    DirectDebit,
    DunningPause,
    FeeCharge,
    Reminder,
)

ZERO = Decimal("0.00")
_MONEY = DecimalField(max_digits=14, decimal_places=2)


def fee_invoices(clusters):
    """Every fee invoice (not a credit note, not a cancellation) of `clusters`."""
    return Invoice.objects.filter(
        cluster__in=clusters,
        kind=Invoice.Kind.INVOICE,
        fee_charge__isnull=False,
        fee_charge__kind=FeeCharge.Kind.CHARGE,
    )


def with_balance(invoices):
    """Annotate credit notes (negative), reminder fees, return fees, the highest level
    sent, the day of the last reminder and whether a debit is with the bank; subqueries,
    so no join multiplies."""
    reminders = Reminder.objects.filter(invoice=OuterRef("pk")).order_by()
    reminder_fees = reminders.values("invoice").annotate(total=Sum("fee")).values("total")
    return_fees = (
        DebitReturn.objects.filter(debit__invoice=OuterRef("pk"))
        .order_by()
        .values("debit__invoice")
        .annotate(total=Sum("fee"))
        .values("total")
    )
    credited = (
        Invoice.objects.filter(corrects=OuterRef("pk"), kind=Invoice.Kind.CREDIT_NOTE)
        .exclude(status=Invoice.Status.CANCELLED)
        .order_by()
        .values("corrects")
        .annotate(total=Sum("gross_total"))
        .values("total")
    )
    return invoices.annotate(
        credited=Coalesce(Subquery(credited, output_field=_MONEY), Value(ZERO)),
        reminder_fees=Coalesce(Subquery(reminder_fees, output_field=_MONEY), Value(ZERO)),
        return_fees=Coalesce(Subquery(return_fees, output_field=_MONEY), Value(ZERO)),
        dunning_level=Coalesce(
            Subquery(reminders.order_by("-level").values("level")[:1]),
            Value(0),
            output_field=IntegerField(),
        ),
        last_reminded_on=Subquery(reminders.order_by("-sent_on").values("sent_on")[:1]),
        debit_submitted=Exists(
            DirectDebit.objects.filter(invoice=OuterRef("pk"), status=DirectDebit.Status.SUBMITTED)
        ),
    ).select_related("cluster", "organisation", "fee_charge__membership__organisation")


def running_pauses(clusters) -> dict[tuple[int, int], DunningPause]:
    """The running dunning pauses of `clusters`, by (cluster id, organisation id)."""
    return {
        (pause.cluster_id, pause.organisation_id): pause
        for pause in DunningPause.objects.filter(cluster__in=clusters, ended_at__isnull=True)
    }


@dataclass
class OpenItem:
    invoice: Invoice
    organisation: object
    balance: Decimal
    credited: Decimal  # credit notes, negative
    reminder_fees: Decimal
    return_fees: Decimal
    level: int  # the highest reminder level sent, 0 for none
    last_reminded_on: date | None
    days_overdue: int  # 0 while not yet due
    debit_submitted: bool
    paused: bool

    @property
    def cluster(self):
        return self.invoice.cluster

    @property
    def fees(self) -> Decimal:
        """Reminder and return fees together."""
        return self.reminder_fees + self.return_fees

    @property
    def is_overdue(self) -> bool:
        """Overdue for dunning: past the due date, no debit with the bank."""
        return self.days_overdue > 0 and not self.debit_submitted

    @property
    def state(self) -> str:
        """Exactly one of: submitted, paused, not_due, overdue (the figures' buckets)."""
        if self.debit_submitted:
            return "submitted"
        if self.paused:
            return "paused"
        if self.days_overdue <= 0:
            return "not_due"
        return "overdue"

    @classmethod
    def of(cls, invoice: Invoice, today: date, pauses: dict) -> "OpenItem":
        organisation = invoice.organisation or invoice.fee_charge.membership.organisation
        return cls(
            invoice=invoice,
            organisation=organisation,
            balance=_balance(invoice),
            credited=invoice.credited,
            reminder_fees=invoice.reminder_fees,
            return_fees=invoice.return_fees,
            level=invoice.dunning_level,
            last_reminded_on=invoice.last_reminded_on,
            days_overdue=max((today - invoice.due_on).days, 0),
            debit_submitted=invoice.debit_submitted,
            paused=(invoice.cluster_id, organisation.pk) in pauses,
        )


def open_items(clusters, today: date, *, organisation=None, level: int | None = None):
    """The open fee items of `clusters` (optionally of one organisation, or at one dunning
    level), oldest due date first."""
    invoices = fee_invoices(clusters).filter(status=Invoice.Status.ISSUED)
    if organisation is not None:
        invoices = invoices.filter(fee_charge__membership__organisation=organisation)
    invoices = with_balance(invoices).order_by("due_on", "number")
    if level is not None:
        invoices = invoices.filter(dunning_level=level)
    pauses = running_pauses(clusters)
    return [OpenItem.of(invoice, today, pauses) for invoice in invoices]


def _balance(annotated: Invoice) -> Decimal:
    return (
        annotated.gross_total + annotated.credited + annotated.reminder_fees + annotated.return_fees
    )


def balance_of(invoice: Invoice) -> Decimal:
    """What the fee invoice still owes: its total less credit notes, plus reminder fees
    and return fees."""
    return _balance(with_balance(Invoice.objects.filter(pk=invoice.pk)).get())


@dataclass
class OrganisationSummary:
    """One organisation's open fee items in one cluster."""

    organisation: object
    cluster: object
    items: list[OpenItem] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def balance(self) -> Decimal:
        return sum((item.balance for item in self.items), ZERO)

    @property
    def level(self) -> int:
        return max((item.level for item in self.items), default=0)

    @property
    def days_overdue(self) -> int:
        return max((item.days_overdue for item in self.items), default=0)

    @property
    def debit_submitted(self) -> bool:
        return any(item.debit_submitted for item in self.items)

    @property
    def paused(self) -> bool:
        return any(item.paused for item in self.items)


def per_organisation(items: list[OpenItem]) -> list[OrganisationSummary]:
    """The items grouped by organisation and cluster, the largest balance first."""
    groups: dict[tuple[int, int], OrganisationSummary] = {}
    for item in items:
        key = (item.organisation.pk, item.invoice.cluster_id)
        if key not in groups:
            groups[key] = OrganisationSummary(item.organisation, item.invoice.cluster)
        groups[key].items.append(item)
    return sorted(
        groups.values(),
        key=lambda g: (-g.balance, g.organisation.name, g.cluster.name),
    )


@dataclass
class Bucket:
    count: int = 0
    total: Decimal = ZERO

    def add(self, item: OpenItem) -> None:
        self.count += 1
        self.total += item.balance


def per_level(items: list[OpenItem]) -> dict[int, Bucket]:
    """Overdue items (not paused, no debit with the bank) per dunning level reached;
    level 0: overdue, not reminded yet."""
    buckets: dict[int, Bucket] = defaultdict(Bucket)
    for item in items:
        if item.state == "overdue":
            buckets[item.level].add(item)
    return dict(sorted(buckets.items()))
