"""Fee schedules: which version is in force, what a membership owes for a year, and how a
change becomes a new version."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import log_action
from knotenpunkt.directory.models import Cluster, Membership
from knotenpunkt.invoicing.models import money
from knotenpunkt.memberships.models import FeeOverride, FeeRate, FeeSchedule

# Kinds that are listed by a fee run but never billed.
UNBILLED_KINDS = (Membership.Kind.COMPENSATING, Membership.Kind.FREE)


def schedule_in_force(cluster: Cluster, year: int) -> FeeSchedule | None:
    """The newest version of the cluster's schedule for `year`."""
    return (
        FeeSchedule.objects.filter(cluster=cluster, year=year)
        .prefetch_related("rates")
        .order_by("-version")
        .first()
    )


@dataclass(frozen=True)
class YearlyFee:
    amount: Decimal
    basis: str  # what the invoice line and the fee run's list say the fee comes from


def rate_for(schedule: FeeSchedule, kind: str, size_class: str) -> Decimal | None:
    """The schedule's yearly fee for a kind and size class: the size's own rate, else the
    kind's rate for every size, else None (the schedule does not name the kind)."""
    rates = {(r.kind, r.size_class): r.amount for r in schedule.rates.all()}
    amount = rates.get((kind, size_class), rates.get((kind, "")))
    if amount is None:
        return None
    amount = max(amount, schedule.minimum_fee) if amount else amount
    if schedule.maximum_fee is not None:
        amount = min(amount, schedule.maximum_fee)
    return money(amount)


def yearly_fee(membership: Membership, schedule: FeeSchedule) -> YearlyFee | None:
    """What the membership owes for a full year: an individual fee set by staff, else the
    schedule's rate for its kind and the organisation's size class; free and in-kind
    memberships owe nothing. None when the schedule has no rate for the membership."""
    if membership.kind in UNBILLED_KINDS:
        return YearlyFee(Decimal("0.00"), membership.get_kind_display())
    override = getattr(membership, "fee_override", None)
    if override is not None:
        return YearlyFee(money(override.amount), _("Individual fee: %s") % override.reason)
    size = membership.organisation.size_class
    amount = rate_for(schedule, membership.kind, size)
    if amount is None:
        return None
    label = membership.get_kind_display()
    if size:
        label = f"{label}, {membership.organisation.get_size_class_display()}"
    return YearlyFee(amount, label)


def validate_rates(rates: list[tuple[str, str, Decimal]]) -> None:
    seen = set()
    for kind, size_class, amount in rates:
        if amount is None or Decimal(amount) < 0:
            raise ValidationError(_("A fee cannot be negative."))
        if (kind, size_class) in seen:
            raise ValidationError(
                _("The fee for %(kind)s is given twice for the same size."),
                params={"kind": Membership.Kind(kind).label},
            )
        seen.add((kind, size_class))


@transaction.atomic
def save_schedule(
    actor,
    cluster: Cluster,
    year: int,
    *,
    rates: list[tuple[str, str, Decimal]],
    due_date: date,
    pro_rata: str = FeeSchedule.ProRata.MONTH,
    minimum_fee: Decimal = Decimal("0"),
    maximum_fee: Decimal | None = None,
    vat_rate: Decimal = Decimal("0"),
    accepts_direct_debit: bool = True,
    accepts_transfer: bool = True,
    credit_on_exit: bool = False,
    change_reason: str = "",
) -> FeeSchedule:
    """Store the cluster's schedule for `year` as its next version (the first is 1).

    Earlier versions stay as they are: a run that billed one keeps pointing at it.
    """
    Cluster.objects.select_for_update().get(pk=cluster.pk)
    validate_rates(rates)
    if due_date.year not in (year - 1, year, year + 1):
        raise ValidationError(_("The due date must lie in the year of the schedule."))
    if not (accepts_direct_debit or accepts_transfer):
        raise ValidationError(_("Allow at least one way to pay."))
    latest = FeeSchedule.objects.filter(cluster=cluster, year=year).aggregate(v=Max("version"))
    version = (latest["v"] or 0) + 1
    if version > 1 and not change_reason.strip():
        raise ValidationError(_("Say why the schedule changes: the reason is kept with it."))
    schedule = FeeSchedule(
        cluster=cluster,
        year=year,
        version=version,
        pro_rata=pro_rata,
        due_date=due_date,
        minimum_fee=minimum_fee,
        maximum_fee=maximum_fee,
        vat_rate=vat_rate,
        accepts_direct_debit=accepts_direct_debit,
        accepts_transfer=accepts_transfer,
        credit_on_exit=credit_on_exit,
        change_reason=change_reason.strip(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    schedule.full_clean()
    schedule.save()
    FeeRate.objects.bulk_create(
        FeeRate(schedule=schedule, kind=kind, size_class=size_class, amount=money(amount))
        for kind, size_class, amount in rates
    )
    log_action(
        actor,
        "memberships.schedule.saved",
        schedule,
        year=year,
        version=version,
        reason=schedule.change_reason,
        rates=[[k, s, str(a)] for k, s, a in rates],
    )
    return schedule


@transaction.atomic
def set_individual_fee(actor, membership: Membership, amount: Decimal | None, reason: str):
    """Give one membership its own yearly fee (or, with `amount` None, return it to the
    schedule). The reason is required and audited with the old and new fee."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give a reason for the individual fee."))
    old = FeeOverride.objects.filter(membership=membership).first()
    if amount is None:
        if old is not None:
            old.delete()
    else:
        if Decimal(amount) < 0:
            raise ValidationError(_("A fee cannot be negative."))
        FeeOverride.objects.update_or_create(
            membership=membership,
            defaults={
                "amount": money(amount),
                "reason": reason[:300],
                "set_by": actor if getattr(actor, "is_authenticated", False) else None,
            },
        )
    log_action(
        actor,
        "memberships.fee.individual",
        membership.organisation,
        cluster=membership.cluster.name,
        old=str(old.amount) if old else None,
        new=str(money(amount)) if amount is not None else None,
        reason=reason,
    )
