"""Membership histories: who entered and who left a cluster in which year.

A history is simulated year by year from a plan of entries and exits, so that the
figures the dashboard shows (directory.services.statistics) come out as planned. Each
organisation's memberships form a *chain*: at most the last one is still open, and a
former member may join again (a new membership after the ended one).
"""

import calendar
from dataclasses import dataclass
from datetime import date
from random import Random

ACTIVE, NOTICE_GIVEN, ENDED = "active", "notice_given", "ended"


@dataclass
class Term:
    start: date
    end: date | None = None
    status: str = ACTIVE

    @property
    def is_open(self) -> bool:
        return self.status != ENDED


Chain = list[Term]


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _entry_date(rng: Random, year: int, first_year: int, as_of: date) -> date:
    if year == first_year and rng.random() < 0.6:
        return date(year, 1, 1)  # founding members
    last_month = as_of.month if year == as_of.year else 12
    return date(year, rng.randint(1, last_month), 1)


def _exit_date(rng: Random, year: int, as_of: date) -> date:
    if year == as_of.year:
        # Exits already effective this year, before the reference day.
        return _month_end(year, rng.randint(1, as_of.month - 1))
    if rng.random() < 0.6:
        return date(year, 12, 31)  # notice to the end of the year, the usual case
    return _month_end(year, rng.randint(1, 11))


def simulate(
    rng: Random,
    plan: dict[int, tuple[int, int]],
    *,
    as_of: date,
    notices: int = 0,
    rejoins: dict[int, int] | None = None,
) -> list[Chain]:
    """Chains whose entries and exits per year match `plan` ({year: (entries, exits)}).

    In the year of `as_of`, `notices` of the exits are notices given to the end of that
    year (still active on `as_of`); `rejoins` says how many entries per year are former
    members coming back.
    """
    rejoins = rejoins or {}
    first_year = min(plan)
    chains: list[Chain] = []
    for year in sorted(plan):
        entries, exits = plan[year]
        open_before = [c for c in chains if c[-1].is_open]
        closed_before = [c for c in chains if not c[-1].is_open]

        if year != first_year:
            _leave(rng, rng.sample(open_before, exits), year, as_of, notices)

        returning = rng.sample(closed_before, rejoins.get(year, 0))
        for chain in returning:
            chain.append(Term(_entry_date(rng, year, first_year, as_of)))
        for _ in range(entries - len(returning)):
            chains.append([Term(_entry_date(rng, year, first_year, as_of))])

        if year == first_year and exits:
            # Members of the first hour who left again within the year.
            early = [c for c in chains if c[-1].start <= date(year, 9, 1)]
            for chain in rng.sample(early, exits):
                chain[-1].end, chain[-1].status = date(year, 12, 31), ENDED
    return chains


def _leave(rng: Random, leaving: list[Chain], year: int, as_of: date, notices: int) -> None:
    for i, chain in enumerate(leaving):
        term = chain[-1]
        if year == as_of.year and i < notices:
            term.end, term.status = date(year, 12, 31), NOTICE_GIVEN
        else:
            term.end, term.status = _exit_date(rng, year, as_of), ENDED
