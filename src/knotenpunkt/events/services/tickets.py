"""The ticket (a PDF with a QR code) and the calendar file sent with a confirmation."""

import zoneinfo

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar, vCalAddress, vText
from icalendar import Event as CalendarEvent

from knotenpunkt.events.models import Event, Registration


def check_in_link(registration: Registration) -> str:
    """What the QR code holds: the check-in page with the code filled in, so a staff
    phone's own camera app opens it too; the check-in form also accepts the bare code."""
    path = reverse("events:checkin", args=[registration.event.slug])
    return f"{settings.SITE_URL}{path}?code={registration.ticket_code}"


def qr_code_svg(registration: Registration) -> str:
    qr = segno.make(check_in_link(registration), error="m")
    return qr.svg_data_uri(scale=6, border=2)


def ticket_pdf(registration: Registration) -> bytes:
    """The ticket as PDF: event, attendee, ticket type and the QR code for the entrance."""
    from weasyprint import HTML

    html = render_to_string(
        "events/ticket_pdf.html",
        {
            "registration": registration,
            "event": registration.event,
            "qr_code": qr_code_svg(registration),
            "event_timezone": registration.event.timezone,
        },
    )
    return HTML(string=html, base_url=settings.SITE_URL).write_pdf()


def event_ics(event: Event, registration: Registration | None = None) -> bytes:
    """The event as an iCalendar file; with a registration, the join link is included."""
    calendar = Calendar()
    calendar.add("prodid", "-//Knotenpunkt//Events//DE")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    entry = CalendarEvent()
    entry.add("uid", f"event-{event.pk}@{_host()}")
    tz = zoneinfo.ZoneInfo(event.timezone)
    entry.add("dtstart", event.starts_at.astimezone(tz))
    entry.add("dtend", event.ends_at.astimezone(tz))
    entry.add("dtstamp", event.updated_at)
    entry.add("summary", event.title)
    if event.summary:
        entry.add("description", event.summary)
    location = ", ".join(
        p for p in (event.venue_name, event.street, f"{event.postcode} {event.city}".strip()) if p
    )
    join_url = event.join_url if registration is not None and event.is_online else ""
    if event.has_venue and location:
        entry.add("location", location)
    elif join_url:
        entry.add("location", join_url)
    if join_url:
        entry.add("url", join_url)
    else:
        entry.add("url", f"{settings.SITE_URL}{event.get_absolute_url()}")
    organiser = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL.split('<')[-1].rstrip('>')}")
    organiser.params["cn"] = vText(", ".join(str(c) for c in event.clusters.all()))
    entry.add("organizer", organiser)
    calendar.add_component(entry)
    return calendar.to_ical()


def ticket_attachments(registration: Registration) -> list[tuple[str, bytes, str]]:
    with translation.override(registration.event.language):
        pdf = ticket_pdf(registration)
    return [
        (f"ticket-{registration.event.slug}.pdf", pdf, "application/pdf"),
        (
            f"{registration.event.slug}.ics",
            event_ics(registration.event, registration),
            "text/calendar",
        ),
    ]


def _host() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/")[0]
