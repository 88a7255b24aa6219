"""Fee runs: one fee invoice per membership and year, through the invoicing app.

A run for a year bills every membership of the cluster that runs during that year and has
no fee for it yet: the first run of the year bills everybody, a later run (or the next
year's) bills whoever joined since, pro rata from their entry. Free and in-kind
memberships are listed with an exemption and no invoice. The unique fee per membership
and year makes a second run harmless, and the cluster's row lock makes two runs started at
the same moment queue instead of both billing (the constraint would refuse the second).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import log_action
from knotenpunkt.directory.models import Cluster, Membership
from knotenpunkt.invoicing.models import Invoice, money
from knotenpunkt.invoicing.services import (
    Draft,
    Line,
    create_invoices,
    draft_problems,
    issue_credit_note,
)
from knotenpunkt.memberships.models import FeeCharge, FeeRun, FeeSchedule
from knotenpunkt.memberships.services.billing import (
    address_problem,
    admin_addresses,
    billing_party,
    invoice_address,
)
from knotenpunkt.memberships.services.schedules import schedule_in_force, yearly_fee


@dataclass
class PlannedFee:
    membership: Membership
    year: int
    period_start: date
    period_end: date
    amount: Decimal
    basis: str
    email: str = ""

    @property
    def is_exempt(self) -> bool:
        return self.amount == 0


@dataclass
class Skipped:
    membership: Membership
    reason: str


@dataclass
class FeeRunPlan:
    cluster: Cluster
    year: int
    schedule: FeeSchedule
    due_date: date
    fees: list[PlannedFee] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    already_billed: int = 0
    credits: list["PlannedCredit"] = field(default_factory=list)

    @property
    def to_invoice(self) -> list[PlannedFee]:
        return [fee for fee in self.fees if not fee.is_exempt]

    @property
    def exempt(self) -> list[PlannedFee]:
        return [fee for fee in self.fees if fee.is_exempt]

    @property
    def total(self) -> Decimal:
        """Net of the fee invoices less the credit notes."""
        billed = sum((fee.amount for fee in self.to_invoice), Decimal("0.00"))
        return billed - sum((credit.amount for credit in self.credits), Decimal("0.00"))

    def summary(self) -> dict:
        """The command's last line: invoices, their net total, and memberships not billed."""
        return {
            "invoices": len(self.to_invoice) + len(self.credits),
            "total": str(self.total),
            "skipped": len(self.exempt) + len(self.skipped) + self.already_billed,
        }


def _units(start: date, end: date, rule: str) -> int:
    """Started quarters or (also for a schedule without pro rata) started months."""
    if rule == FeeSchedule.ProRata.QUARTER:
        return (end.month - 1) // 3 - (start.month - 1) // 3 + 1
    return end.month - start.month + 1


def prorated(yearly: Decimal, start: date, end: date, rule: str) -> Decimal:
    """The share of a yearly fee for the period start..end within one year."""
    if rule == FeeSchedule.ProRata.NONE:
        return money(yearly)
    per_year = 4 if rule == FeeSchedule.ProRata.QUARTER else 12
    return money(yearly * _units(start, end, rule) / per_year)


def _period(membership: Membership, year: int) -> tuple[date, date]:
    start = max(membership.start_date, date(year, 1, 1))
    end = min(membership.end_date or date(year, 12, 31), date(year, 12, 31))
    return start, end


@dataclass
class PlannedCredit:
    """The unused part of a billed fee, given back after an exit the statutes refund."""

    charge: FeeCharge
    period_start: date  # the day after the exit
    amount: Decimal


def plan_exit_credits(cluster: Cluster, year: int) -> list[PlannedCredit]:
    """Fees of `year` and before billed past a membership's end, where the billing
    schedule credits exits, and not credited yet. The member keeps paying for every
    started month (or quarter) up to the exit."""
    charges = (
        FeeCharge.objects.filter(
            membership__cluster=cluster,
            kind=FeeCharge.Kind.CHARGE,
            year__lte=year,
            run__schedule__credit_on_exit=True,
            membership__end_date__isnull=False,
            membership__end_date__lt=models.F("period_end"),
            invoice__status__in=[Invoice.Status.ISSUED, Invoice.Status.PAID],
        )
        .exclude(credit_notes__kind=FeeCharge.Kind.CREDIT)
        .select_related("membership__organisation", "invoice", "run__schedule")
    )
    credits = []
    for charge in charges:
        end = max(charge.membership.end_date, charge.period_start)
        rule = charge.run.schedule.pro_rata
        billed = _units(charge.period_start, charge.period_end, rule)
        kept = _units(charge.period_start, end, rule)
        amount = charge.amount - money(charge.amount * kept / billed)
        if amount > 0 and end < charge.period_end:
            credits.append(PlannedCredit(charge, end + timedelta(days=1), amount))
    return credits


def plan_fee_run(cluster: Cluster, year: int, due_date: date | None = None) -> FeeRunPlan:
    """What a run would bill, without writing anything (the preview and --dry-run)."""
    schedule = schedule_in_force(cluster, year)
    if schedule is None:
        raise ValidationError(
            _("%(cluster)s has no fee schedule for %(year)s yet: create it first."),
            params={"cluster": cluster, "year": year},
        )
    plan = FeeRunPlan(cluster, year, schedule, due_date or schedule.due_date)
    memberships = list(
        Membership.objects.filter(cluster=cluster, start_date__lte=date(year, 12, 31))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=date(year, 1, 1)))
        .select_related("organisation", "organisation__billing_details", "fee_override")
        .order_by("organisation__name", "pk")
    )
    billed = set(
        FeeCharge.objects.filter(
            membership__cluster=cluster,
            year=year,
            kind__in=[FeeCharge.Kind.CHARGE, FeeCharge.Kind.EXEMPT],
        ).values_list("membership_id", flat=True)
    )
    fallback = admin_addresses([m.organisation_id for m in memberships if not m.organisation.email])
    for membership in memberships:
        if membership.pk in billed:
            plan.already_billed += 1
            continue
        fee = yearly_fee(membership, schedule)
        if fee is None:
            plan.skipped.append(
                Skipped(
                    membership,
                    _("The schedule has no fee for %(kind)s.")
                    % {"kind": membership.get_kind_display()},
                )
            )
            continue
        start, end = _period(membership, year)
        amount = prorated(fee.amount, start, end, schedule.pro_rata)
        planned = PlannedFee(membership, year, start, end, amount, fee.basis)
        if amount:
            problem = address_problem(membership.organisation)
            if problem:
                plan.skipped.append(Skipped(membership, problem))
                continue
            planned.email = invoice_address(membership.organisation, fallback)
            # An XRechnung must meet the German rules; checked here, per public member,
            # so that one refusal leaves that member out instead of stopping the batch.
            details = getattr(membership.organisation, "billing_details", None)
            problems = draft_problems(cluster, _draft(planned, plan)) if details else []
            if problems:
                plan.skipped.append(Skipped(membership, " ".join(problems)))
                continue
        plan.fees.append(planned)
    plan.credits = plan_exit_credits(cluster, year)
    return plan


def _line_text(fee: PlannedFee, cluster: Cluster) -> str:
    full_year = fee.period_start == date(fee.year, 1, 1) and fee.period_end == date(
        fee.year, 12, 31
    )
    text = _("Membership fee %(year)s, %(cluster)s (%(basis)s)") % {
        "year": fee.year,
        "cluster": cluster,
        "basis": fee.basis,
    }
    if not full_year:
        text += ", " + _("pro rata %(start)s–%(end)s") % {
            "start": fee.period_start.strftime("%d.%m.%Y"),
            "end": fee.period_end.strftime("%d.%m.%Y"),
        }
    return text


def _credit(actor, run: FeeRun, credit: PlannedCredit) -> FeeCharge:
    charge = credit.charge
    period = (credit.period_start, charge.period_end)
    text = _("Credit: membership fee %(year)s after the exit on %(end)s, %(start)s–%(to)s") % {
        "year": charge.year,
        "end": charge.membership.end_date.strftime("%d.%m.%Y"),
        "start": period[0].strftime("%d.%m.%Y"),
        "to": period[1].strftime("%d.%m.%Y"),
    }
    note = issue_credit_note(
        actor,
        charge.invoice,
        [Line(text, Decimal(1), credit.amount, charge.invoice.lines.first().vat_rate)],
        _("Exit on %(end)s") % {"end": charge.membership.end_date.strftime("%d.%m.%Y")},
        period=period,
    )
    return FeeCharge.objects.create(
        membership=charge.membership,
        run=run,
        kind=FeeCharge.Kind.CREDIT,
        year=charge.year,
        period_start=period[0],
        period_end=period[1],
        amount=-credit.amount,
        basis=text[:300],
        invoice=note,
        credits=charge,
    )


def _draft(fee: PlannedFee, plan: FeeRunPlan) -> Draft:
    return Draft(
        buyer=billing_party(fee.membership.organisation, fee.email),
        lines=[Line(_line_text(fee, plan.cluster), Decimal(1), fee.amount, plan.schedule.vat_rate)],
        organisation=fee.membership.organisation,
        period=(fee.period_start, fee.period_end),
        # What makes it a fee invoice for the revenue figures (services/figures.py).
        source=fee.membership,
    )


@dataclass
class FeeRunResult:
    plan: FeeRunPlan
    run: FeeRun | None

    def summary(self) -> dict:
        return self.plan.summary()


def run_fees(
    actor,
    cluster: Cluster,
    year: int,
    *,
    due_date: date | None = None,
    dry_run: bool = False,
    on: date | None = None,
) -> FeeRunResult:
    """Bill the cluster's memberships for `year` (see the module's docstring).

    The invoices are issued in one batch; their mails (PDF, XRechnung, and for members
    with a SEPA mandate the debit's pre-notification) go out from a background task.
    """
    if due_date is not None and due_date < timezone.localdate() and not dry_run:
        raise ValidationError(_("The due date lies in the past."))
    if dry_run:
        return FeeRunResult(plan_fee_run(cluster, year, due_date), None)
    with transaction.atomic():
        # Two runs for the cluster queue here; the second then plans after the first
        # committed and finds everything billed.
        Cluster.objects.select_for_update().get(pk=cluster.pk)
        plan = plan_fee_run(cluster, year, due_date)
        run = _bill(actor, plan, on)
    if run is not None:
        from knotenpunkt.memberships.tasks import mail_fee_invoices

        transaction.on_commit(lambda: mail_fee_invoices.enqueue(run.pk))
    return FeeRunResult(plan, run)


def _bill(actor, plan: FeeRunPlan, on: date | None = None) -> FeeRun | None:
    if not plan.fees and not plan.credits:
        return None
    schedule = plan.schedule
    drafts = [_draft(fee, plan) for fee in plan.to_invoice]
    invoices = create_invoices(
        actor, cluster=plan.cluster, drafts=drafts, due_on=plan.due_date, issued_on=on
    )
    run = FeeRun.objects.create(
        cluster=plan.cluster,
        year=plan.year,
        schedule=schedule,
        due_date=plan.due_date,
        invoices=len(invoices) + len(plan.credits),
        total=plan.total,
        skipped=plan.summary()["skipped"],
        started_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    by_fee = dict(zip((id(f) for f in plan.to_invoice), invoices, strict=True))
    FeeCharge.objects.bulk_create(
        [
            FeeCharge(
                membership=fee.membership,
                run=run,
                kind=FeeCharge.Kind.EXEMPT if fee.is_exempt else FeeCharge.Kind.CHARGE,
                year=fee.year,
                period_start=fee.period_start,
                period_end=fee.period_end,
                amount=fee.amount,
                basis=fee.basis[:300],
                invoice=by_fee.get(id(fee)),
            )
            for fee in plan.fees
        ],
        batch_size=2000,
    )
    if on is not None and on != timezone.localdate():
        # A run taken over from history carries its own day, like its invoices.
        run.started_at = timezone.make_aware(datetime.combine(on, time(9)))
        run.save(update_fields=["started_at"])
    for credit in plan.credits:
        _credit(actor, run, credit)
    log_action(
        actor,
        "memberships.fee_run.done",
        plan.cluster,
        year=plan.year,
        schedule_version=schedule.version,
        **plan.summary(),
    )
    return run
