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
from decimal import Decimal

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


def yearly_figures(clusters=None) -> list[YearFigures]:
    """Entries and exits for every year with any membership activity. (Fee revenue is the
    fee invoices' business: memberships.services.figures.)"""
    movements = entries_and_exits_per_year(clusters)
    return [YearFigures(y, *movements[y]) for y in sorted(movements)]
