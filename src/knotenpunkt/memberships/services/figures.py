"""Fee figures for the staff dashboard: fee revenue per year and the state of dunning.

Fee revenue of a year is the net amount of the fee invoices spread over their service
period by days, so a fee for July to June counts half in each year (exactly: by the days
of each year, 29 February included). A cancelled invoice counts twice, its original
positive and its cancellation invoice negative, both over the original's period: it adds
nothing. Credit notes (on exit, or issued by hand on a fee invoice) count negative over
the period they refund. Each invoice is
split to the cent so that its yearly shares add up to its net amount exactly.
"""

from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from knotenpunkt.core.charts import bar_chart
from knotenpunkt.invoicing.models import Invoice
from knotenpunkt.memberships.models import FeeCharge
from knotenpunkt.memberships.services.open_items import (
    ZERO,
    Bucket,
    OpenItem,
    open_items,
    per_level,
)


def days_per_year(start: date, end: date) -> dict[int, int]:
    """How many days of start..end (both included) fall into each year."""
    days = {}
    for year in range(start.year, end.year + 1):
        first = max(start, date(year, 1, 1))
        last = min(end, date(year, 12, 31))
        days[year] = (last - first).days + 1
    return days


def split_by_days(amount: Decimal, start: date, end: date) -> dict[int, Decimal]:
    """`amount` spread over start..end by days, per year, in cents that add up to the
    amount exactly: each year gets its share rounded down, and the cents left over go to
    the years with the largest remainders (the earlier year on a tie)."""
    if end < start:
        start, end = end, start
    cents = int((Decimal(amount) * 100).to_integral_value())
    sign, cents = (-1 if cents < 0 else 1), abs(cents)
    days = days_per_year(start, end)
    total_days = sum(days.values())
    shares = {year: cents * n // total_days for year, n in days.items()}
    left = cents - sum(shares.values())
    by_remainder = sorted(days, key=lambda year: (-(cents * days[year] % total_days), year))
    for year in by_remainder[:left]:
        shares[year] += 1
    return {year: Decimal(sign * share) / 100 for year, share in shares.items()}


def _period(invoice_start, invoice_end, charge_start, charge_end) -> tuple[date, date]:
    if invoice_start and invoice_end:
        return invoice_start, invoice_end
    return charge_start, charge_end


def fee_revenue_per_year(clusters) -> dict[int, Decimal]:
    """Net fee revenue per year of `clusters`, years in order (see the module)."""
    charges = (
        FeeCharge.objects.filter(kind__in=[FeeCharge.Kind.CHARGE, FeeCharge.Kind.CREDIT])
        .filter(
            Q(invoice__cluster__in=clusters)
            | Q(invoice__isnull=True, kind=FeeCharge.Kind.CREDIT, membership__cluster__in=clusters)
        )
        .values_list(
            "kind",
            "amount",
            "period_start",
            "period_end",
            "invoice_id",
            "invoice__net_total",
            "invoice__period_start",
            "invoice__period_end",
            "invoice__cancellation__net_total",
        )
    )
    revenue: dict[int, Decimal] = {}

    def add(amount: Decimal, start: date, end: date) -> None:
        for year, share in split_by_days(amount, start, end).items():
            revenue[year] = revenue.get(year, ZERO) + share

    for (
        kind,
        amount,
        charge_start,
        charge_end,
        invoice_id,
        net,
        invoice_start,
        invoice_end,
        cancelled_net,
    ) in charges:
        start, end = _period(invoice_start, invoice_end, charge_start, charge_end)
        # A credit note is negative whichever way its invoice writes it; its
        # cancellation gives the amount back.
        sign = -1 if kind == FeeCharge.Kind.CREDIT else 1
        if invoice_id is None:
            add(sign * abs(amount), start, end)
            continue
        add(sign * abs(net), start, end)
        if cancelled_net is not None:
            add(-sign * abs(cancelled_net), start, end)
    # Credit notes issued by hand on a fee invoice, without a charge of their own: over
    # their own period, else the fee invoice's.
    loose_credit_notes = Invoice.objects.filter(
        cluster__in=clusters,
        kind=Invoice.Kind.CREDIT_NOTE,
        fee_charge__isnull=True,
        corrects__fee_charge__kind=FeeCharge.Kind.CHARGE,
    ).values_list(
        "net_total",
        "period_start",
        "period_end",
        "corrects__period_start",
        "corrects__period_end",
        "corrects__fee_charge__period_start",
        "corrects__fee_charge__period_end",
    )
    for net, start, end, *corrected_periods in loose_credit_notes:
        if not (start and end):
            start, end = _period(*corrected_periods)
        add(-abs(net), start, end)
    return {year: revenue[year] for year in sorted(revenue)}


def open_items_summary(clusters, today: date | None = None) -> dict:
    """Open fee items of `clusters` by state: per dunning level the overdue ones (level 0:
    not reminded yet), and apart from them the paused, those whose debit is with the bank
    and those not due yet. Each with count and sum of the balances."""
    return summarise(open_items(clusters, today or timezone.localdate()))


def summarise(items: list[OpenItem]) -> dict:
    """The figures of `open_items_summary` for items already fetched."""
    buckets = {state: Bucket() for state in ("paused", "submitted", "not_due")}
    for item in items:
        if item.state in buckets:
            buckets[item.state].add(item)
    levels = per_level(items)
    overdue = Bucket(
        sum(b.count for b in levels.values()), sum((b.total for b in levels.values()), ZERO)
    )
    everything = Bucket(len(items), sum((item.balance for item in items), ZERO))
    return {
        "levels": [
            {"level": level, "count": bucket.count, "sum": bucket.total}
            for level, bucket in levels.items()
        ],
        "overdue": {"count": overdue.count, "sum": overdue.total},
        "paused": {"count": buckets["paused"].count, "sum": buckets["paused"].total},
        "submitted": {"count": buckets["submitted"].count, "sum": buckets["submitted"].total},
        "not_due": {"count": buckets["not_due"].count, "sum": buckets["not_due"].total},
        "total": {"count": everything.count, "sum": everything.total},
    }


def dashboard_section(clusters) -> dict:
    """What the staff dashboard shows of the fees (memberships/dashboard_fees.html)."""
    revenue = fee_revenue_per_year(clusters)
    return {
        "revenue": list(revenue.items()),
        "revenue_chart": bar_chart(
            [(str(year), [amount]) for year, amount in revenue.items()], decimals=2, unit="€"
        ),
        "revenue_title": _("Fee revenue per year (EUR)"),
        "open": open_items_summary(clusters),
    }
