"""iCalendar (RFC 5545) for events: the feeds per cluster and group, and one event's file.

Every file the platform writes is built here (the mails' invitations in `events.itip`
too), so all agree: times in the event's own time zone with its VTIMEZONE, so a calendar
shows "18:00 Berlin" also after a change of daylight saving time; one UID per event that
depends on no host or port, so a subscriber who also imported the ticket's file sees the
event once; the organising cluster as ORGANIZER (RFC 5546 wants one in every PUBLISH);
and SEQUENCE, so a calendar takes a moved or cancelled event over its older copy. The
join link of an online event never goes into a file that anyone may download.
"""

import datetime
from email.utils import parseaddr
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, vCalAddress, vText
from icalendar import Event as VEvent

from knotenpunkt.events.models import Event

PRODID = "-//Knotenpunkt//Events//DE"


def event_zone(event: Event) -> ZoneInfo:
    try:
        return ZoneInfo(event.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(settings.TIME_ZONE)


def event_url(event: Event) -> str:
    return f"{settings.SITE_URL}{event.get_absolute_url()}"


def event_uid(event: Event) -> str:
    """The event's UID in every file and mail: stable across renames of the title or slug,
    across the host and port a request came in on, unique across installations."""
    domain = settings.CALENDAR_UID_DOMAIN or urlsplit(settings.SITE_URL).hostname
    return f"event-{event.pk}@{domain or 'knotenpunkt.local'}"


def organising_cluster(event: Event):
    """The first organising cluster (by id, so the choice never changes); expects
    `clusters` prefetched when many events are built."""
    return min(event.clusters.all(), key=lambda cluster: cluster.pk, default=None)


def event_organizer(event: Event) -> vCalAddress:
    """ORGANIZER: the organising cluster by name, with its address (the platform's sender
    address when the cluster has none), so replies reach people who can answer them."""
    cluster = organising_cluster(event)
    address = (cluster.email if cluster else "") or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    organizer = vCalAddress(f"mailto:{address}")
    organizer.params["CN"] = vText(cluster.name if cluster else "Knotenpunkt")
    return organizer


def event_location(event: Event) -> str:
    place = ", ".join(
        part
        for part in (
            event.venue_name,
            event.street,
            " ".join(p for p in (event.postcode, event.city) if p),
        )
        if part
    )
    if event.format == Event.Format.ONLINE:
        return _("Online")
    if event.format == Event.Format.HYBRID:
        return _("%(place)s and online") % {"place": place} if place else _("Online")
    return place


def vevent(event: Event, *, join_url: str = "", stamp=None) -> VEvent:
    """One event as a VEVENT; expects `topics` and `clusters` prefetched when many are
    built. `join_url` only for a registered attendee's own file; `stamp` (DTSTAMP) is when
    a scheduling message was made, else the event's last change."""
    zone = event_zone(event)
    entry = VEvent()
    entry.add("uid", event_uid(event))
    entry.add("dtstamp", stamp or event.updated_at or timezone.now())
    entry.add("last-modified", event.updated_at or timezone.now())
    entry.add("sequence", event.sequence)
    entry.add("dtstart", event.starts_at.astimezone(zone))
    entry.add("dtend", event.ends_at.astimezone(zone))
    entry.add("summary", event.title)
    entry.add("organizer", event_organizer(event))
    url = event_url(event)
    entry.add("url", url)
    entry.add("description", "\n\n".join(p for p in (event.summary, join_url, url) if p))
    # An attendee's calendar opens the join link of an online event from its place.
    location = join_url if join_url and not event.has_venue else event_location(event)
    if location:
        entry.add("location", location)
    topics = [topic.label for topic in event.topics.all()]
    if topics:
        entry.add("categories", topics)
    entry.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    entry.add("class", "PUBLIC")
    return entry


def new_calendar(method: str) -> Calendar:
    """An empty VCALENDAR with the platform's PRODID and the iTIP method (RFC 5546)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    return calendar


def calendar_for(events, name: str) -> Calendar:
    """A calendar of `events`, with the time zones they use."""
    calendar = new_calendar("PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    # Feed readers poll; once an hour is plenty for a cluster's calendar.
    calendar.add("refresh-interval", datetime.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    for event in events:
        calendar.add_component(vevent(event))
    calendar.add_missing_timezones()
    return calendar


def event_ics(event: Event) -> bytes:
    """The .ics file of one event, as anyone who may see the event downloads it."""
    return calendar_for([event], event.title).to_ical()


def feed_events(events):
    """The public events of a feed: a year back and everything ahead."""
    since = timezone.now() - datetime.timedelta(days=365)
    return (
        events.filter(is_published=True, audience=Event.Audience.PUBLIC, ends_at__gte=since)
        .order_by("starts_at", "pk")
        .prefetch_related("topics", "clusters")
    )
