"""The ticket (a PDF with a QR code) and the calendar file sent with a confirmation."""

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from knotenpunkt.events.itip import REQUEST, calendar_attachment
from knotenpunkt.events.models import Registration


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


def ticket_attachments(registration: Registration, address: str) -> list[tuple[str, bytes, str]]:
    """The ticket PDF and the calendar invitation (iTIP REQUEST) for the attendee at
    `address`, which files the event, with the join link, in their calendar."""
    with translation.override(registration.event.language):
        pdf = ticket_pdf(registration)
    return [
        (f"ticket-{registration.event.slug}.pdf", pdf, "application/pdf"),
        calendar_attachment(registration, address, REQUEST),
    ]
