"""The events' figures for the KPIs: events held, participants, knowledge transfer.

An event belongs to the Berlin calendar year it starts in (an event at 23:30 UTC on 31
December belongs to the next year). Co-hosted events count for each host cluster and
once for the clusters as one body. Events called off or never published were not held.
Participants are checked-in attendees.
"""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.measuring import BERLIN, year_bounds, year_of
from knotenpunkt.core.registry import MeasureRow, register_measure
from knotenpunkt.events.models import Event, Registration

# The models these figures are computed from (core.registry.Measure.sources).
SOURCES = ("events.Event", "events.Event_clusters", "events.Registration")


def held_events():
    return Event.objects.filter(is_published=True, cancelled_at__isnull=True)


def _facts(query) -> list[tuple[int, int, str, int, int]]:
    """(event id, Berlin year, kind, host cluster id, checked-in attendees) of the held
    events of the query's clusters: two queries shared by the three event measures."""
    if "events.facts" not in query.memo:
        if not query.years:
            return []
        first, after = year_bounds(query.years)
        hosts = Event.clusters.through.objects.filter(
            cluster_id__in=query.cluster_ids,
            event__is_published=True,
            event__cancelled_at__isnull=True,
            event__starts_at__gte=first,
            event__starts_at__lt=after,
        )
        attendees = dict(
            Registration.objects.filter(
                checked_in_at__isnull=False, event_id__in=hosts.values("event_id")
            )
            .exclude(status=Registration.Status.CANCELLED)
            .values_list("event_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        query.memo["events.facts"] = [
            (event, starts.astimezone(BERLIN).year, kind, cluster, attendees.get(event, 0))
            for event, cluster, starts, kind in hosts.values_list(
                "event_id", "cluster_id", "event__starts_at", "event__kind"
            )
        ]
    return query.memo["events.facts"]


def count_events(query, value, only_kind=None) -> dict:
    """{cluster id or None: {year: sum of value(attendees)}}, each event once per host
    cluster and once for the body; `only_kind` narrows to one kind of event (the
    cooperations count trips this way)."""
    result = {pk: dict.fromkeys(query.years, 0) for pk in [*query.cluster_ids, None]}
    counted = set()
    for event, year, kind, cluster, attendees in _facts(query):
        if year not in result[None] or (only_kind and kind != only_kind):
            continue
        result[cluster][year] += value(attendees)
        if event not in counted:
            counted.add(event)
            result[None][year] += value(attendees)
    return result


def _events_held(query) -> dict:
    return count_events(query, lambda _attendees: 1)


def _knowledge_transfer(query) -> dict:
    return count_events(query, lambda _attendees: 1, Event.Kind.KNOWLEDGE_TRANSFER)


def _participants(query) -> dict:
    """Checked-in attendees of the held events, per host cluster and for the body."""
    return count_events(query, lambda attendees: attendees)


def _event_rows(only=None):
    def rows(clusters, year) -> list[MeasureRow]:
        events = held_events().filter(
            pk__in=held_events().filter(clusters__in=clusters).values("pk")
        )
        if only:
            events = events.filter(kind=only)
        events = (
            events.annotate(kpi_year=year_of("starts_at"))
            .filter(kpi_year=year)
            .annotate(
                participants=Count(
                    "registrations", filter=Q(registrations__checked_in_at__isnull=False)
                )
            )
            .prefetch_related("topics")
            .order_by("starts_at")
        )
        return [
            MeasureRow(
                label=event.title,
                url=reverse("events:event", args=[event.slug]),
                detail=" · ".join(
                    filter(
                        None,
                        [
                            date_format(event.starts_at.astimezone(BERLIN)),
                            event.get_format_display(),
                            ", ".join(str(topic) for topic in event.topics.all()),
                        ],
                    )
                ),
                value=event.participants,
            )
            for event in events
        ]

    return rows


register_measure(
    "events_held",
    _("Events held"),
    "count",
    _events_held,
    rows=_event_rows(),
    definition=_(
        "Published events that were not called off, by the year they start in (Berlin "
        "time). A co-hosted event counts for each host cluster and once for all together."
    ),
    order=30,
    sources=SOURCES,
)
register_measure(
    "participants",
    _("Participants"),
    "count",
    _participants,
    rows=_event_rows(),
    definition=_("Checked-in attendees of the events held in the year."),
    order=31,
    sources=SOURCES,
)
register_measure(
    "knowledge_transfer_events",
    _("Knowledge-transfer events"),
    "count",
    _knowledge_transfer,
    rows=_event_rows(Event.Kind.KNOWLEDGE_TRANSFER),
    definition=_(
        "Events held of the kind knowledge transfer (talks, workshops, trainings); the "
        "list behind the figure shows each one's format and topics."
    ),
    order=32,
    sources=SOURCES,
)
