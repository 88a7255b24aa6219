"""What follows a registration change once it is committed: invoice and mails.

Runs in background tasks (see events/tasks/registrations.py), outside the event's row
lock: rendering a PDF takes longer than the registration itself.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from knotenpunkt.events.itip import CANCEL, REQUEST, calendar_attachment
from knotenpunkt.events.models import Event, Registration
from knotenpunkt.events.services.tickets import ticket_attachments
from knotenpunkt.outbox.services import queue_mail

log = logging.getLogger(__name__)


def _registration(registration_id: int) -> Registration:
    return Registration.objects.select_related(
        "event", "ticket_type", "person", "person__user", "organisation", "registered_by"
    ).get(pk=registration_id)


def recipient(registration: Registration) -> str:
    """The attendee's address; failing that, whoever registered them."""
    person = registration.person
    if person.primary_email:
        return person.primary_email
    if person.user_id and person.user.email:
        return person.user.email
    if registration.registered_by_id:
        return registration.registered_by.email
    return ""


def _context(registration: Registration, **extra) -> dict:
    return {
        "registration": registration,
        "event": registration.event,
        "person": registration.person,
        **extra,
    }


def confirm(registration_id: int, moved_up: bool = False) -> None:
    """Invoice a priced place, then send the ticket (PDF with QR code) and .ics file."""
    registration = _registration(registration_id)
    if registration.status != Registration.Status.CONFIRMED:
        return
    invoice = issue_invoice(registration)
    to = recipient(registration)
    if not to:
        log.warning("Registration %s has no address to send the ticket to", registration.pk)
        return
    queue_mail(
        "events_moved_up" if moved_up else "events_confirmed",
        to,
        _context(registration, invoice=invoice),
        language=registration.event.language,
        attachments=ticket_attachments(registration, to) + _invoice_attachments(invoice),
    )


def waiting(registration_id: int) -> None:
    registration = _registration(registration_id)
    to = recipient(registration)
    if to and registration.status == Registration.Status.WAITING:
        queue_mail(
            "events_waiting", to, _context(registration), language=registration.event.language
        )


def cancelled(
    registration_id: int, was_confirmed: bool = True, event_cancelled: bool = False
) -> None:
    """Issue the Stornorechnung for the invoice of the place and confirm the cancellation;
    a place that was confirmed (its calendar holds the event) gets the calendar CANCEL."""
    registration = _registration(registration_id)
    cancellation = cancel_invoice(registration) if was_confirmed else None
    to = recipient(registration)
    if to:
        calendar = [calendar_attachment(registration, to, CANCEL)] if was_confirmed else []
        queue_mail(
            "events_event_cancelled" if event_cancelled else "events_cancelled",
            to,
            _context(registration, cancellation=cancellation, calendar_attached=bool(calendar)),
            language=registration.event.language,
            attachments=calendar + _invoice_attachments(cancellation),
        )


def rescheduled(event_id: int) -> None:
    """Mail every confirmed attendee the moved event with its updated invitation (a
    REQUEST with the raised SEQUENCE), which moves the entry in their calendar."""
    event = Event.objects.prefetch_related("clusters", "topics").get(pk=event_id)
    if event.is_cancelled:
        return
    registrations = (
        Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
        .select_related("ticket_type", "person", "person__user", "registered_by")
        .prefetch_related("person__emails")
        .order_by("pk")
    )
    for registration in registrations:
        registration.event = event
        to = recipient(registration)
        if not to:
            log.warning("Registration %s has no address for the new date", registration.pk)
            continue
        queue_mail(
            "events_rescheduled",
            to,
            _context(registration),
            language=event.language,
            attachments=[calendar_attachment(registration, to, REQUEST)],
        )


def _invoice_attachments(invoice) -> list[tuple[str, bytes, str]]:
    if invoice is None:
        return []
    from knotenpunkt.invoicing.services.documents import invoice_attachments

    return invoice_attachments(invoice)


def issue_invoice(registration: Registration):
    """The invoice for a priced place, issued once, by the first organising cluster.

    The buyer is the registrant's organisation, else the person. An invoice that cannot be
    issued (the cluster's invoice settings are incomplete) leaves the place confirmed and
    is logged for the staff: the ticket must not wait for the bookkeeping.
    """
    if not registration.price_net:
        return None
    from knotenpunkt.invoicing.services import Line, Party, create_invoice, invoice_for

    existing = invoice_for(registration)
    if existing is not None:
        return existing
    event = registration.event
    cluster = event.clusters.order_by("pk").first()
    organisation = registration.organisation
    if organisation is not None:
        buyer = Party(
            name=organisation.name,
            street=organisation.street,
            postcode=organisation.postcode,
            city=organisation.city,
            email=organisation.email or recipient(registration),
            vat_id=organisation.vat_id,
        )
    else:
        buyer = Party(
            name=registration.person.full_name,
            street="",
            postcode="",
            city="",
            email=recipient(registration),
        )
    line = Line(
        description=_("%(event)s on %(date)s: %(ticket)s for %(person)s")
        % {
            "event": event.title,
            "date": date_format(timezone.localtime(event.starts_at), "SHORT_DATE_FORMAT"),
            "ticket": registration.ticket_type.name,
            "person": registration.person.full_name,
        },
        quantity=1,
        unit_net=registration.price_net,
        vat_rate=registration.ticket_type.vat_rate,
    )
    try:
        with transaction.atomic():
            return create_invoice(
                None,
                cluster=cluster,
                buyer=buyer,
                lines=[line],
                organisation=organisation,
                person=registration.person,
                source=registration,
                service_date=timezone.localtime(event.starts_at).date(),
            )
    except ValidationError as error:
        log.warning("No invoice for registration %s: %s", registration.pk, error)
        return None


def cancel_invoice(registration: Registration):
    from knotenpunkt.invoicing.services import cancel_invoice as cancel
    from knotenpunkt.invoicing.services import invoice_for

    invoice = invoice_for(registration)
    if invoice is None:
        return None
    return cancel(None, invoice, _("Registration cancelled"))
