"""Who is a member when: the definitions behind every membership figure of the platform
(written out for the board in docs/kpis.md).

- An organisation is a member of a cluster on a day if one of its memberships there runs
  on that day (start <= day <= end; no end: open). Overlapping or back-to-back
  memberships (a kind change, a renewal) are one continuous *span*.
- An *entry* of a year is a span starting in it (a member that day, not the day before);
  an *exit* is a span ending in it (a member that day, not the day after), so a
  membership ending on 31 December is an exit of that year.
- *Members at year end*: members on 31 December who are still members on 1 January;
  *members at year start* are those at the end of the year before. Hence, always,
  end = start + entries - exits.
- A set of clusters taken as one body (the installation, or the clusters a person looks
  after) joins the memberships of all of them per organisation before forming spans: an
  organisation counts once, and a move from one cluster to another the next day is an
  exit and an entry for the two clusters but nothing for the body.
- *Actor mix*: the year-end members per actor type, in percent with one decimal.

The figures come from one pass over the spans: a span is a member at the end of every
year from its start's to the one before its end's, so the year-end count is the running
sum of entries minus exits.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q

from knotenpunkt.directory.models import Membership, Organisation

ACTOR_TYPES = tuple(Organisation.ActorType.values)
ONE_DAY = timedelta(days=1)
# Before the first row: no group yet (None may be a group's key).
NO_GROUP = object()


def spans_of(rows, group):
    """(group, start, end, actor) of each span: the periods of `rows` (cluster,
    organisation, start, end, actor; sorted by group, then start) joined where they
    overlap or follow each other without a day's gap. One pass, no intermediate lists,
    as the dashboards ask for every cluster at once."""
    current_group = NO_GROUP
    current_start = current_end = current_actor = None
    open_ended = False
    for row in rows:
        key, start, end, actor = group(row), row[2], row[3], row[4]
        if key == current_group and (open_ended or start <= current_end + ONE_DAY):
            if not open_ended and (end is None or end > current_end):
                current_end, open_ended = end, end is None
            continue
        if current_group is not NO_GROUP:
            yield current_group, current_start, current_end, current_actor
        current_group, current_start, current_end, current_actor = key, start, end, actor
        open_ended = end is None
    if current_group is not NO_GROUP:
        yield current_group, current_start, current_end, current_actor


def join_spans(periods) -> list[tuple[date, date | None]]:
    """`periods` ((start, end or None), in any order) joined into spans."""
    rows = sorted(((None, None, start, end, None) for start, end in periods), key=lambda r: r[2])
    return [(start, end) for _group, start, end, _actor in spans_of(rows, lambda row: None)]


def percent_shares(counts: Counter, total: int) -> dict[str, float]:
    """Each actor type's share of `total` in percent, one decimal (half up); all zero for
    an empty body."""
    shares = {}
    for actor_type in ACTOR_TYPES:
        if not total:
            shares[actor_type] = 0.0
            continue
        share = Decimal(counts[actor_type] * 100) / Decimal(total)
        shares[actor_type] = float(share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    return shares


@dataclass
class MemberFigures:
    """One body's membership figures for one year."""

    year: int
    members_start: int = 0
    entries: int = 0
    exits: int = 0
    members_end: int = 0
    end_by_actor: Counter = field(default_factory=Counter)

    @property
    def net(self) -> int:
        return self.entries - self.exits

    @property
    def actor_mix(self) -> dict[str, float]:
        return percent_shares(self.end_by_actor, self.members_end)


class _Tally:
    """Entries, exits and the year-end changes per actor type of one body."""

    __slots__ = ("entries", "exits", "end_delta")

    def __init__(self):
        self.entries: Counter = Counter()
        self.exits: Counter = Counter()
        # Year-end membership starts counting in the entry's year and stops in the exit's.
        self.end_delta: Counter = Counter()

    def add(self, start: date, end: date | None, actor: str) -> None:
        self.entries[start.year] += 1
        self.end_delta[(start.year, actor)] += 1
        if end is not None:
            self.exits[end.year] += 1
            self.end_delta[(end.year, actor)] -= 1

    def figures(self, years) -> dict:
        """{year: MemberFigures} for `years`, the year-end counts run from the first."""
        figures = {}
        if not years:
            return figures
        first = min([min(years)] + [year for year, _actor in self.end_delta])
        running: Counter = Counter()
        previous_end = 0
        for year in range(first, max(years) + 1):
            for actor in ACTOR_TYPES:
                running[actor] += self.end_delta[(year, actor)]
            members_end = sum(running.values())
            if year in years:
                figures[year] = MemberFigures(
                    year=year,
                    members_start=previous_end,
                    entries=self.entries[year],
                    exits=self.exits[year],
                    members_end=members_end,
                    end_by_actor=+running,
                )
            previous_end = members_end
        return figures


def _membership_rows(cluster_ids, running_on=None):
    """(cluster id, organisation id, start, end, actor type), by cluster, organisation
    and start; with `running_on`, only memberships that had not ended before that day."""
    memberships = Membership.objects.filter(cluster_id__in=cluster_ids)
    if running_on is not None:
        memberships = memberships.filter(Q(end_date__isnull=True) | Q(end_date__gte=running_on))
    return list(
        memberships.order_by("cluster_id", "organisation_id", "start_date").values_list(
            "cluster_id", "organisation_id", "start_date", "end_date", "organisation__actor_type"
        )
    )


def membership_figures(cluster_ids, years) -> dict:
    """{cluster id or None: {year: MemberFigures}} for each of the clusters and for all of
    them as one body (None)."""
    years = set(years)
    # A span that ended before the last day of the year before the first asked for adds
    # as many members as it takes away by then: those memberships change no figure.
    rows = _membership_rows(cluster_ids, date(min(years) - 1, 12, 31) if years else None)
    tallies = {pk: _Tally() for pk in [*cluster_ids, None]}
    for (cluster, _org), start, end, actor in spans_of(rows, lambda row: (row[0], row[1])):
        tallies[cluster].add(start, end, actor)
    # The body: the same memberships by organisation, whichever cluster they are in.
    rows.sort(key=lambda row: (row[1], row[2]))
    for _org, start, end, actor in spans_of(rows, lambda row: row[1]):
        tallies[None].add(start, end, actor)
    return {key: tally.figures(years) for key, tally in tallies.items()}


def body_spans(cluster_ids) -> dict[int, list[tuple[date, date | None]]]:
    """{organisation id: spans} of the clusters taken as one body."""
    rows = sorted(_membership_rows(cluster_ids), key=lambda row: (row[1], row[2]))
    spans = defaultdict(list)
    for organisation, start, end, _actor in spans_of(rows, lambda row: row[1]):
        spans[organisation].append((start, end))
    return spans


def movements(cluster_ids, year: int) -> dict[str, list[tuple[int, date]]]:
    """The body's entries and exits of `year` as (organisation id, day), and its members
    at the year's end (with the day their span began): the lists behind the figures."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    result = {"entries": [], "exits": [], "members_end": [], "members_start": []}
    for org, spans in body_spans(cluster_ids).items():
        for start, end in spans:
            if first <= start <= last:
                result["entries"].append((org, start))
            if end is not None and first <= end <= last:
                result["exits"].append((org, end))
            if start <= last and (end is None or end > last):
                result["members_end"].append((org, start))
            if start < first and (end is None or end >= first):
                result["members_start"].append((org, start))
    return result
