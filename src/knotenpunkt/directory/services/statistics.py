"""Headline figures of a cluster: members by actor type, entries and exits, fee revenue.

Definitions (so every figure can be recomputed by hand):
- a membership counts as an *entry* in the year of its start date and as an *exit* in
  the year of its end date (notice given for a future date counts in that future year);
- *fee revenue* of a year: each membership's yearly fee, pro rata per month of the year
  in which it was active at any day (month of entry and month of exit count in full).
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear
from django.utils import timezone

from knotenpunkt.directory.models import Membership, Organisation

CENT = Decimal("0.01")


def memberships_of(clusters=None) -> QuerySet[Membership]:
    qs = Membership.objects.all()
    if clusters is not None:
        qs = qs.filter(cluster__in=clusters)
    return qs


def members_by_actor_type(clusters=None, day: date | None = None) -> list[tuple[str, int]]:
    """Member organisations active on `day`, counted once each, per actor type."""
    day = day or timezone.localdate()
    org_ids = memberships_of(clusters).active_on(day).values("organisation")
    counts = dict(
        Organisation.objects.filter(pk__in=org_ids)
        .values_list("actor_type")
        .annotate(n=Count("pk"))
        .values_list("actor_type", "n")
    )
    return [(label, counts.get(value, 0)) for value, label in Organisation.ActorType.choices]


@dataclass(frozen=True)
class YearFigures:
    year: int
    entries: int
    exits: int
    fee_revenue: Decimal

    @property
    def net(self) -> int:
        return self.entries - self.exits


def entries_and_exits_per_year(clusters=None) -> dict[int, tuple[int, int]]:
    qs = memberships_of(clusters)
    entries = Counter(
        dict(qs.annotate(y=ExtractYear("start_date")).values_list("y").annotate(n=Count("pk")))
    )
    exits = Counter(
        dict(
            qs.filter(end_date__isnull=False)
            .annotate(y=ExtractYear("end_date"))
            .values_list("y")
            .annotate(n=Count("pk"))
        )
    )
    return {y: (entries[y], exits[y]) for y in sorted(set(entries) | set(exits))}


def months_active(membership_start: date, membership_end: date | None, year: int) -> int:
    first = max(membership_start, date(year, 1, 1))
    last = min(membership_end or date(year, 12, 31), date(year, 12, 31))
    if last < first:
        return 0
    return last.month - first.month + 1


def fee_revenue_per_year(clusters=None) -> dict[int, Decimal]:
    revenue: dict[int, Decimal] = {}
    rows = memberships_of(clusters).values_list("annual_fee", "start_date", "end_date")
    this_year = timezone.localdate().year
    for fee, start, end in rows:
        for year in range(start.year, (end.year if end else this_year) + 1):
            months = months_active(start, end, year)
            share = (fee * months / 12).quantize(CENT, rounding=ROUND_HALF_UP)
            revenue[year] = revenue.get(year, Decimal("0.00")) + share
    return revenue


def yearly_figures(clusters=None) -> list[YearFigures]:
    """Entries, exits and fee revenue for every year with any membership activity."""
    movements = entries_and_exits_per_year(clusters)
    revenue = fee_revenue_per_year(clusters)
    years = sorted(set(movements) | set(revenue))
    return [
        YearFigures(y, *movements.get(y, (0, 0)), revenue.get(y, Decimal("0.00"))) for y in years
    ]
