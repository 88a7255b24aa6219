"""Scheduling messages (iTIP, RFC 5546) mailed to attendees as iMIP (RFC 6047).

The confirmation carries a REQUEST that files the event in the attendee's calendar; when
the event moves, a REQUEST with a higher SEQUENCE updates it; a cancelled place or event
sends a CANCEL. All carry the event's one UID (`feeds.event_uid`), its ORGANIZER and the
attendee, so a calendar program matches each message to the entry it filed before.
"""

from django.utils import timezone
from icalendar import vCalAddress, vText

from knotenpunkt.events.feeds import new_calendar, vevent
from knotenpunkt.events.models import Registration

REQUEST = "REQUEST"
CANCEL = "CANCEL"


def attendee(registration: Registration, address: str) -> vCalAddress:
    """The registrant as ATTENDEE: their place is confirmed, so they have accepted; no
    reply is expected (the platform reads none; cancelling goes through the website)."""
    entry = vCalAddress(f"mailto:{address}")
    entry.params["CN"] = vText(registration.person.full_name)
    entry.params["CUTYPE"] = "INDIVIDUAL"
    entry.params["ROLE"] = "REQ-PARTICIPANT"
    entry.params["PARTSTAT"] = "ACCEPTED"
    entry.params["RSVP"] = "FALSE"
    return entry


def scheduling_message(registration: Registration, address: str, method: str) -> bytes:
    """The VCALENDAR of `method` (REQUEST or CANCEL) for one registrant at `address`."""
    event = registration.event
    join_url = event.join_url if method == REQUEST and event.is_online else ""
    entry = vevent(event, join_url=join_url, stamp=timezone.now())
    entry.add("attendee", attendee(registration, address))
    if method == CANCEL and not event.is_cancelled:
        # One attendee is taken off an event that still takes place: RFC 5546 §3.2.5
        # keeps STATUS:CANCELLED for cancelling the whole event.
        del entry["STATUS"]
    calendar = new_calendar(method)
    calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def calendar_attachment(
    registration: Registration, address: str, method: str
) -> tuple[str, bytes, str]:
    """The message as an outbox attachment: a text/calendar part with its `method`
    parameter, which mail programs need to offer it as an invitation (RFC 6047 §2.4)."""
    return (
        f"{registration.event.slug}.ics",
        scheduling_message(registration, address, method),
        f"text/calendar; method={method}",
    )
