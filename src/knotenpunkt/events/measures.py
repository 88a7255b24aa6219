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

from knotenpunkt.core.measuring import BERLIN, count_per_cluster, year_of
from knotenpunkt.core.registry import MeasureRow, register_measure
from knotenpunkt.events.models import Event, Registration


def held_events():
    return Event.objects.filter(is_published=True, cancelled_at__isnull=True)


def _events_held(query) -> dict:
    return count_per_cluster(held_events(), "clusters", "starts_at", query)


def _knowledge_transfer(query) -> dict:
    return count_per_cluster(
        held_events().filter(kind=Event.Kind.KNOWLEDGE_TRANSFER), "clusters", "starts_at", query
    )


def _participants(query) -> dict:
    """Checked-in attendees of the held events, per host cluster and for the body."""
    result = {pk: dict.fromkeys(query.years, 0) for pk in [*query.cluster_ids, None]}
    events = held_events().filter(clusters__in=query.cluster_ids)
    checked_in = Registration.objects.filter(checked_in_at__isnull=False)
    per_cluster = (
        checked_in.filter(event__in=events)
        .annotate(kpi_year=year_of("event__starts_at"))
        .filter(kpi_year__in=query.years, event__clusters__in=query.cluster_ids)
        .values_list("event__clusters", "kpi_year")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    for cluster, year, n in per_cluster:
        result[cluster][year] = n
    body = (
        checked_in.filter(event__in=events.values("pk"))
        .annotate(kpi_year=year_of("event__starts_at"))
        .filter(kpi_year__in=query.years)
        .values_list("kpi_year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for year, n in body:
        result[None][year] = n
    return result


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
)
register_measure(
    "participants",
    _("Participants"),
    "count",
    _participants,
    rows=_event_rows(),
    definition=_("Checked-in attendees of the events held in the year."),
    order=31,
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
)
