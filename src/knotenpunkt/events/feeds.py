"""iCalendar (RFC 5545) for events: the feeds per cluster and group, and one event's file.

Times are written in the event's own time zone with its VTIMEZONE, so a calendar shows
"18:00 Berlin" also after a change of daylight saving time; the join link of an online
event never goes into a file that anyone may download.
"""

import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
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
    # Stable across renames of the title or slug, unique across installations.
    host = urlsplit(settings.SITE_URL).hostname or "knotenpunkt"
    return f"event-{event.pk}@{host}"


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


def vevent(event: Event) -> VEvent:
    """One event as a VEVENT; expects `topics` prefetched when many are built."""
    zone = event_zone(event)
    entry = VEvent()
    entry.add("uid", event_uid(event))
    entry.add("dtstamp", event.updated_at or timezone.now())
    entry.add("last-modified", event.updated_at or timezone.now())
    entry.add("dtstart", event.starts_at.astimezone(zone))
    entry.add("dtend", event.ends_at.astimezone(zone))
    entry.add("summary", event.title)
    url = event_url(event)
    entry.add("url", url)
    entry.add("description", "\n\n".join(p for p in (event.summary, url) if p))
    if location := event_location(event):
        entry.add("location", location)
    topics = [topic.label for topic in event.topics.all()]
    if topics:
        entry.add("categories", topics)
    entry.add("status", "CONFIRMED")
    entry.add("class", "PUBLIC")
    return entry


def calendar_for(events, name: str) -> Calendar:
    """A calendar of `events`, with the time zones they use."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
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
    """The .ics file of one event (download link, confirmation mail)."""
    return calendar_for([event], event.title).to_ical()


def feed_events(events):
    """The public events of a feed: a year back and everything ahead."""
    since = timezone.now() - datetime.timedelta(days=365)
    return (
        events.filter(is_published=True, audience=Event.Audience.PUBLIC, ends_at__gte=since)
        .order_by("starts_at", "pk")
        .prefetch_related("topics")
    )
