"""The built-in sources: upcoming events, group meetings (the groups' news), needs and the
shop's offerings. Each source decides its audience from the owning app's own fields and,
on the page, asks the owning app's visibility rule again (`visible`)."""

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knotenpunkt.directory.models import Membership
from knotenpunkt.events.calendar import visible_events
from knotenpunkt.events.models import Event
from knotenpunkt.feed.registry import FeedItem, register_source
from knotenpunkt.groups import access as group_access
from knotenpunkt.groups.models import Group, Meeting
from knotenpunkt.matching.models import Need
from knotenpunkt.matching.services.needs import OPEN_TO_EVERYONE, visible_needs
from knotenpunkt.procurement.models import Offering

# An event counts as new four weeks before it starts (or when announced, if later), so a
# summit announced half a year ahead comes back to the top when it is near.
EVENT_NEWS_WINDOW = timedelta(days=28)
# Meetings: announced a month ahead, news for three months after.
MEETING_AHEAD = timedelta(days=30)
MEETING_BEHIND = timedelta(days=90)

EVENT_AUDIENCE = {
    Event.Audience.PUBLIC: "public",
    Event.Audience.MEMBERS: "members",
    Event.Audience.GROUP: "group",
}


def _ids(values) -> tuple[int, ...]:
    return tuple(sorted(set(values)))


def collect_events(ids=None):
    """Published upcoming events except invitation-only ones (their guests are invited)."""
    now = timezone.now()
    events = Event.objects.filter(
        is_published=True,
        cancelled_at__isnull=True,
        ends_at__gte=now,
        audience__in=list(EVENT_AUDIENCE),
    ).prefetch_related("topics", "clusters", "groups")
    if ids is not None:
        events = events.filter(pk__in=ids)
    for event in events.iterator(chunk_size=500):
        announced = max(event.created_at, event.starts_at - EVENT_NEWS_WINDOW)
        yield FeedItem(
            key=f"events.event:{event.pk}",
            kind="event",
            title=event.title,
            summary=event.summary,
            url=event.get_absolute_url(),
            published_at=min(announced, event.starts_at),
            expires_at=event.ends_at,
            topic_ids=_ids(t.pk for t in event.topics.all()),
            cluster_ids=_ids(c.pk for c in event.clusters.all()),
            group_ids=_ids(g.pk for g in event.groups.all()),
            audience=EVENT_AUDIENCE[event.audience],
        )


def visible_event_ids(user, ids) -> set[int]:
    return set(visible_events(user).filter(pk__in=ids).values_list("pk", flat=True))


def collect_meetings(ids=None):
    """Meetings of groups, from a month ahead until three months after. An open group's
    meetings are public (its documents are); the others' only for the group's members."""
    now = timezone.now()
    meetings = (
        Meeting.objects.filter(
            starts_at__gte=now - MEETING_BEHIND,
            starts_at__lte=now + MEETING_AHEAD,
        )
        .exclude(group__policy=Group.Policy.INVITATION, minutes="", starts_at__lt=now)
        .select_related("group")
        .prefetch_related("group__topics", "group__clusters")
    )
    if ids is not None:
        meetings = meetings.filter(pk__in=ids)
    for meeting in meetings.iterator(chunk_size=500):
        group = meeting.group
        yield FeedItem(
            key=f"groups.meeting:{meeting.pk}",
            kind="meeting",
            title=f"{group.name}: {meeting.title}",
            summary=meeting.location,
            url=reverse("groups:group", args=[group.slug]),
            published_at=min(meeting.created_at, meeting.starts_at - MEETING_AHEAD)
            if meeting.starts_at > now
            else meeting.updated_at,
            expires_at=meeting.starts_at + MEETING_BEHIND,
            topic_ids=_ids(t.pk for t in group.topics.all()),
            cluster_ids=_ids(c.pk for c in group.clusters.all()),
            group_ids=(group.pk,),
            audience="public" if group.policy == Group.Policy.OPEN else "group",
        )


def visible_meeting_ids(user, ids) -> set[int]:
    """The groups app decides: who may see the group's documents sees its meetings (asked
    for all the page's groups at once)."""
    meetings = list(Meeting.objects.filter(pk__in=ids).select_related("group"))
    allowed = group_access.groups_with_visible_documents(user, {m.group for m in meetings})
    return {m.pk for m in meetings if m.group_id in allowed}


def collect_needs(ids=None):
    """Open needs visible beyond the cluster management (public, anonymous, members).
    Anonymous needs never name their author organisation here."""
    needs = (
        Need.objects.filter(status=Need.Status.OPEN)
        .exclude(visibility=Need.Visibility.STAFF)
        .prefetch_related("topics")
    )
    if ids is not None:
        needs = needs.filter(pk__in=ids)
    for need in needs.iterator(chunk_size=500):
        anonymous = need.visibility == Need.Visibility.ANONYMOUS
        yield FeedItem(
            key=f"matching.need:{need.pk}",
            kind="need",
            title=need.title,
            summary=need.text[:300],
            url=reverse("matching:need", args=[need.pk]),
            published_at=need.created_at,
            topic_ids=_ids(t.pk for t in need.topics.all()),
            cluster_ids=(need.cluster_id,),
            organisation_id=None if anonymous else need.organisation_id,
            audience="public" if need.visibility in OPEN_TO_EVERYONE else "members",
        )


def visible_need_ids(user, ids) -> set[int]:
    return set(visible_needs(user).filter(pk__in=ids).values_list("pk", flat=True))


def collect_offerings(ids=None):
    """Listed offerings of the shop (public), in the clusters their provider belongs to."""
    offerings = Offering.objects.filter(
        published__isnull=False, withdrawn_at__isnull=True
    ).select_related("published")
    if ids is not None:
        offerings = offerings.filter(pk__in=ids)
    offerings = list(offerings)
    clusters: dict[int, set[int]] = {}
    for organisation_id, cluster_id in (
        Membership.objects.in_force()
        .filter(organisation_id__in={o.provider_id for o in offerings})
        .values_list("organisation_id", "cluster_id")
    ):
        clusters.setdefault(organisation_id, set()).add(cluster_id)
    for offering in offerings:
        version = offering.published
        yield FeedItem(
            key=f"procurement.offering:{offering.pk}",
            kind="offering",
            title=version.name,
            summary=version.summary,
            url=offering.get_absolute_url(),
            published_at=version.published_at or offering.created_at,
            organisation_id=offering.provider_id,
            cluster_ids=_ids(clusters.get(offering.provider_id, ())),
            audience="public",
        )


def visible_offering_ids(user, ids) -> set[int]:
    listed = Q(published__isnull=False, withdrawn_at__isnull=True)
    return set(Offering.objects.filter(listed, pk__in=ids).values_list("pk", flat=True))


register_source(
    "events",
    collect_events,
    kinds={"event": _("Event")},
    models=("events.Event",),
    visible=visible_event_ids,
)
register_source(
    "groups",
    collect_meetings,
    kinds={"meeting": _("Group meeting")},
    models=("groups.Meeting",),
    visible=visible_meeting_ids,
)
register_source(
    "matching",
    collect_needs,
    kinds={"need": _("Need")},
    models=("matching.Need",),
    visible=visible_need_ids,
)
register_source(
    "procurement",
    collect_offerings,
    kinds={"offering": _("Offering in the shop")},
    models=("procurement.Offering",),
    visible=visible_offering_ids,
)
