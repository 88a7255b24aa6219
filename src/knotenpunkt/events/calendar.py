"""The public event calendar: which published events a visitor may see, filtered.

Who may see one event is decided in `events.access` (which asks `groups.access` for group
events); a calendar of sixty events cannot ask it event by event, so `visible_events`
states the same rule as one query. Keep both in step: the tests compare them.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from knotenpunkt.directory.models import Cluster
from knotenpunkt.directory.rules import clusters_looked_after
from knotenpunkt.events.models import Event, Invitation


@dataclass(frozen=True)
class CalendarFilters:
    topic_ids: tuple[int, ...] | list[int] = ()  # a topic and the topics below it
    cluster: Cluster | None = None
    group: object | None = None  # a groups.Group
    format: str = ""


def visible_events(user) -> QuerySet[Event]:
    """Published events the user may see, as one query: the rule of
    `events.access.user_may_view` for every published event. Public and members-only
    events are announced to everybody; group events where their group is visible
    (`groups.access.visible_groups`); invitation-only events to their guests and to the
    staff of the organising clusters."""
    from knotenpunkt.groups.access import visible_groups

    events = Event.objects.filter(is_published=True)
    if user.is_authenticated and user.is_superuser:
        return events
    # Exists() rather than joins: an event is listed once, however many organisers,
    # groups or invitations it has.
    allowed = Q(audience__in=[Event.Audience.PUBLIC, Event.Audience.MEMBERS]) | Q(
        Q(audience=Event.Audience.GROUP)
        & Exists(
            Event.groups.through.objects.filter(
                event=OuterRef("pk"), group__in=visible_groups(user).values("pk")
            )
        )
    )
    if user.is_authenticated:
        allowed |= Exists(
            Event.clusters.through.objects.filter(
                event=OuterRef("pk"), cluster__in=clusters_looked_after(user)
            )
        )
        allowed |= Q(audience=Event.Audience.INVITATION) & Exists(
            Invitation.objects.filter(event=OuterRef("pk"), person__user=user)
        )
    return events.filter(allowed)


def calendar_events(user, filters: CalendarFilters, *, past: bool = False) -> QuerySet[Event]:
    """The calendar's list: upcoming events soonest first, or the archive latest first."""
    now = timezone.now()
    events = visible_events(user)
    if past:
        events = events.filter(ends_at__lt=now).order_by("-starts_at", "pk")
    else:
        events = events.filter(ends_at__gte=now).order_by("starts_at", "pk")
    if filters.topic_ids:
        events = events.filter(
            pk__in=Event.topics.through.objects.filter(topic_id__in=filters.topic_ids).values(
                "event"
            )
        )
    if filters.cluster is not None:
        events = events.filter(
            pk__in=Event.clusters.through.objects.filter(cluster=filters.cluster).values("event")
        )
    if filters.group is not None:
        events = events.filter(
            pk__in=Event.groups.through.objects.filter(group=filters.group).values("event")
        )
    if filters.format:
        events = events.filter(format=filters.format)
    return events.prefetch_related("clusters", "groups", "topics")
