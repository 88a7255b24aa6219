"""Fee figures for the staff dashboard: fee revenue per year and the state of dunning.

Fee revenue of a year is the net amount of the fee invoices spread over their service
period by days, so a fee for July to June counts half in each year (exactly: by the days
of each year, 29 February included), summed per year and rounded to cents at the end. A
cancelled invoice and its cancellation invoice count nothing. Credit notes (on exit, or
issued by hand on a fee invoice) count negative over the period they refund.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, F, Q, Sum, When
from django.db.models.functions import Abs, Coalesce, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from knotenpunkt.core.charts import bar_chart
from knotenpunkt.directory.models import Membership
from knotenpunkt.invoicing.models import Invoice
from knotenpunkt.memberships.models import FeeCharge
from knotenpunkt.memberships.services.open_items import (
    ZERO,
    Bucket,
    OpenItem,
    open_items,
    per_level,
)

CENT = Decimal("0.01")


def days_per_year(start: date, end: date) -> dict[int, int]:
    """How many days of start..end (both included) fall into each year."""
    days = {}
    for year in range(start.year, end.year + 1):
        first = max(start, date(year, 1, 1))
        last = min(end, date(year, 12, 31))
        days[year] = (last - first).days + 1
    return days


def exact_shares(amount, start: date, end: date) -> dict[int, Decimal]:
    """`amount` spread over start..end by days, per year, not rounded."""
    start, end = min(start, end), max(start, end)
    total_days = Decimal((end - start).days + 1)
    return {
        year: Decimal(amount) * days / total_days
        for year, days in days_per_year(start, end).items()
    }


def _fee_invoices(cluster_ids):
    """Invoices for a membership of the clusters and the credit notes on them (a credit
    note copies its invoice's source); cancelled ones (and so their cancellation
    invoices) left out."""
    return Invoice.objects.filter(
        cluster_id__in=cluster_ids,
        source_type=ContentType.objects.get_for_model(Membership),
        kind__in=[Invoice.Kind.INVOICE, Invoice.Kind.CREDIT_NOTE],
    ).exclude(status=Invoice.Status.CANCELLED)


def fee_documents(cluster_ids):
    """The fee documents of the clusters that count for the revenue (_fee_invoices), with
    `start` and `end` of the period they cover: their own, else that of the invoice a
    credit note corrects, else the day of service."""
    return _fee_invoices(cluster_ids).annotate(
        start=Coalesce("period_start", "corrects__period_start", "service_date"),
        end=Coalesce("period_end", "corrects__period_end", "service_date"),
    )


def signed_net(kind, net):
    """A credit note is negative whichever way its invoice writes it."""
    return -abs(net) if kind == Invoice.Kind.CREDIT_NOTE else abs(net)


def _fee_amounts(cluster_ids, years=None):
    """(cluster id, start, end, signed net) of every fee document of the clusters (whose
    period touches `years`, if given), summed in the database per cluster, period and
    kind, and the exit credits without a document."""
    credits = FeeCharge.objects.filter(
        kind=FeeCharge.Kind.CREDIT,
        invoice__isnull=True,
        membership__cluster_id__in=cluster_ids,
    )
    # Nearly every fee document has a period of its own (start and end are set together);
    # only the few without one need the invoice they correct (a join that would otherwise
    # cost a pass over all invoices).
    with_period = _fee_invoices(cluster_ids).filter(period_start__isnull=False)
    without_period = fee_documents(cluster_ids).filter(period_start__isnull=True)
    if years:
        first, last = date(min(years), 1, 1), date(max(years), 12, 31)
        with_period = with_period.filter(period_start__lte=last, period_end__gte=first)
        without_period = without_period.filter(start__lte=last, end__gte=first)
        credits = credits.filter(period_start__lte=last, period_end__gte=first)
    # Most fees cover part of one calendar year: those are summed per year in the
    # database, which is exact (the whole amount falls into that year); the others per
    # period, to be spread by days.
    same_year = Q(period_start__year=F("period_end__year"), corrects__isnull=True)
    summed = (
        with_period.annotate(
            first_year=ExtractYear("period_start"),
            span_start=Case(When(same_year, then=None), default=F("period_start")),
            span_end=Case(When(same_year, then=None), default=F("period_end")),
        )
        .values_list("cluster_id", "kind", "first_year", "span_start", "span_end")
        .annotate(net=Sum(Abs("net_total")))
        .order_by()
    )
    for cluster, kind, year, start, end, net in summed:
        if start is None:
            start = end = date(year, 1, 1)
        yield cluster, start, end, signed_net(kind, net)
    borrowed = (
        without_period.values_list("cluster_id", "kind", "start", "end")
        .annotate(net=Sum(Abs("net_total")))
        .order_by()
    )
    for cluster, kind, start, end, net in borrowed:
        yield cluster, start, end, signed_net(kind, net)
    # Exit credits on a fee that was never invoiced are settled without a document.
    undocumented_credits = (
        credits.values_list("membership__cluster_id", "period_start", "period_end")
        .annotate(net=Sum(Abs("amount")))
        .order_by()
    )
    for cluster, start, end, net in undocumented_credits:
        yield cluster, start, end, -net


def fee_revenue(cluster_ids, years=None) -> dict:
    """{cluster id or None (all of them): {year: revenue}}: the net amounts of the fee
    documents spread over their service period by days, summed per year and rounded to
    cents only then (docs/kpis.md). Without `years`, every year with fee revenue."""
    exact: dict = {pk: {} for pk in [*cluster_ids, None]}
    for cluster, start, end, net in _fee_amounts(cluster_ids, years):
        for year, share in exact_shares(net, start, end).items():
            if years is not None and year not in years:
                continue
            for key in (cluster, None):
                exact[key][year] = exact[key].get(year, ZERO) + share
    wanted = sorted(years) if years is not None else None
    return {
        key: {
            year: per_year.get(year, ZERO).quantize(CENT, rounding=ROUND_HALF_UP)
            for year in (wanted if wanted is not None else sorted(per_year))
        }
        for key, per_year in exact.items()
    }


def fee_revenue_per_year(clusters) -> dict[int, Decimal]:
    """Net fee revenue per year of `clusters` together, years in order."""
    return fee_revenue([c.pk for c in clusters])[None]


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
