"""The figures cooperations give the KPIs, each computed in one or two grouped queries.

- `cooperations`: documented cooperations that started in the year (start date in the
  year, status not "planned"). A cooperation belongs to one cluster, so the body of
  several clusters is the sum of theirs.
- `cooperations_initiated`: of those, the ones the cluster initiated or moderated.
- `international_trips`: delegation trips and learning journeys (events of kind "trip",
  published, not called off) starting in the year in Berlin time; an event several
  clusters organise counts once for the body.
- `trip_participants`: people checked in at those trips (cancelled places left out).
"""

from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knotenpunkt.cooperations.models import Cooperation, TripDestination
from knotenpunkt.core.measuring import BERLIN, count_per_cluster, year_bounds
from knotenpunkt.core.registry import MeasureQuery, MeasureRow, register_measure
from knotenpunkt.events.measures import count_events
from knotenpunkt.events.models import Event

# The models these figures are computed from (core.registry.Measure.sources).
SOURCES = (
    "cooperations.Cooperation",
    "cooperations.TripDestination",
    "events.Event",
    "events.Event_clusters",
    "events.Registration",
)


def _started(cluster_ids, years, *, initiated: bool = False):
    cooperations = Cooperation.objects.filter(
        cluster_id__in=cluster_ids, start_date__year__in=years
    ).exclude(status=Cooperation.Status.PLANNED)
    if initiated:
        cooperations = cooperations.filter(cluster_role__in=Cooperation.INITIATING_ROLES)
    return cooperations


def _count_cooperations(query: MeasureQuery, *, initiated: bool) -> dict:
    started = _started(query.cluster_ids, query.years, initiated=initiated)
    return count_per_cluster(started, "cluster", "start_date", query)


def compute_cooperations(query: MeasureQuery) -> dict:
    return _count_cooperations(query, initiated=False)


def compute_cooperations_initiated(query: MeasureQuery) -> dict:
    return _count_cooperations(query, initiated=True)


def _cooperation_rows(clusters, year: int, *, initiated: bool) -> list[MeasureRow]:
    cooperations = (
        _started([c.pk for c in clusters], [year], initiated=initiated)
        .select_related("cluster")
        .prefetch_related("partners__organisation")
        .order_by("start_date", "pk")
    )
    return [
        MeasureRow(
            label=c.title,
            url=c.get_absolute_url(),
            detail=" · ".join(
                [
                    str(c.cluster),
                    date_format(c.start_date, "SHORT_DATE_FORMAT"),
                    c.get_cluster_role_display(),
                    ", ".join(p.organisation.name for p in c.partners.all()),
                ]
            ),
            value=1,
        )
        for c in cooperations
    ]


def cooperation_rows(clusters, year: int) -> list[MeasureRow]:
    return _cooperation_rows(clusters, year, initiated=False)


def initiated_rows(clusters, year: int) -> list[MeasureRow]:
    return _cooperation_rows(clusters, year, initiated=True)


def _trips(cluster_ids, years):
    start, end = year_bounds(years)
    return Event.objects.filter(
        kind=Event.Kind.TRIP,
        is_published=True,
        cancelled_at__isnull=True,
        clusters__in=cluster_ids,
        starts_at__gte=start,
        starts_at__lt=end,
    )


def compute_trips(query: MeasureQuery) -> dict:
    """Trips held, by the events' own count (shared with events held in one query)."""
    return count_events(query, lambda _attendees: 1, Event.Kind.TRIP)


def compute_trip_participants(query: MeasureQuery) -> dict:
    return count_events(query, lambda attendees: attendees, Event.Kind.TRIP)


def _trip_list(clusters, year: int):
    return (
        _trips([c.pk for c in clusters], [year])
        .distinct()
        .annotate(
            checked_in=Count(
                "registrations",
                filter=Q(registrations__checked_in_at__isnull=False)
                & ~Q(registrations__status="cancelled"),
                distinct=True,
            )
        )
        .prefetch_related(
            # Only the body's own networks: a co-organised trip may visit another's too.
            Prefetch(
                "trip_destinations",
                queryset=TripDestination.objects.filter(
                    network__cluster__in=[c.pk for c in clusters]
                ).select_related("network"),
            )
        )
        .order_by("starts_at", "pk")
    )


def _trip_detail(event) -> str:
    parts = [date_format(event.starts_at.astimezone(BERLIN), "SHORT_DATE_FORMAT")]
    destinations = ", ".join(d.network.name for d in event.trip_destinations.all())
    if destinations:
        parts.append(destinations)
    parts.append(_("%(count)s checked in") % {"count": event.checked_in})
    return " · ".join(parts)


def trip_rows(clusters, year: int) -> list[MeasureRow]:
    return [
        MeasureRow(
            label=e.title,
            url=reverse("events:event", args=[e.slug]),
            detail=_trip_detail(e),
            value=1,
        )
        for e in _trip_list(clusters, year)
    ]


def trip_participant_rows(clusters, year: int) -> list[MeasureRow]:
    return [
        MeasureRow(
            label=e.title,
            url=reverse("events:event", args=[e.slug]),
            detail=_trip_detail(e),
            value=e.checked_in,
        )
        for e in _trip_list(clusters, year)
    ]


def register_measures() -> None:
    register_measure(
        "cooperations",
        gettext_lazy("Documented cooperations"),
        "count",
        compute_cooperations,
        rows=cooperation_rows,
        definition=gettext_lazy(
            "Cooperations and projects documented by the cluster management that started in "
            "the year (start date in the year; planned ones are not counted yet)."
        ),
        order=60,
        sources=SOURCES,
    )
    register_measure(
        "cooperations_initiated",
        gettext_lazy("Cooperations initiated by the cluster"),
        "count",
        compute_cooperations_initiated,
        rows=initiated_rows,
        definition=gettext_lazy(
            "Of the documented cooperations that started in the year, those the cluster "
            "management initiated or moderated."
        ),
        order=61,
        sources=SOURCES,
    )
    register_measure(
        "international_trips",
        gettext_lazy("Delegation trips and learning journeys"),
        "count",
        compute_trips,
        rows=trip_rows,
        definition=gettext_lazy(
            "Published events of the kind “delegation trip or learning journey” that were "
            "not called off and start in the year (German time); a trip organised by "
            "several clusters counts once."
        ),
        order=62,
        sources=SOURCES,
    )
    register_measure(
        "trip_participants",
        gettext_lazy("Participants of delegation trips"),
        "count",
        compute_trip_participants,
        rows=trip_participant_rows,
        definition=gettext_lazy(
            "People checked in at the year's delegation trips and learning journeys."
        ),
        order=63,
        sources=SOURCES,
    )
