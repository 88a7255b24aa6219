"""Registering for events without overselling, the waiting list, cancellation, check-in.

Every change to who holds a place runs under a row lock on the event (and the ticket
type), so that counting the confirmed places and adding one is a single step: on
PostgreSQL parallel registrations queue on the lock, on SQLite the IMMEDIATE
transactions serialise. Slow work (the ticket PDF, the invoice, the mails) happens
after the commit in a background task, so the lock is held for milliseconds.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import log_action
from knotenpunkt.directory.models import Organisation
from knotenpunkt.events import access
from knotenpunkt.events.models import Event, Question, Registration, TicketType, Voucher

CENT = Decimal("0.01")


# --- prices ---------------------------------------------------------------------------


def is_member_organisation(organisation: Organisation | None, event: Event) -> bool:
    return (
        organisation is not None
        and access.member_organisations(event).filter(pk=organisation.pk).exists()
    )


def organisation_for(person, event: Event, actor=None) -> Organisation | None:
    """The organisation a registration is made for (and invoiced to).

    A colleague is registered for the organisation the two share; among several, one
    with a membership in the event's clusters wins (it gets the member price).
    """
    organisations = Organisation.objects.filter(positions__in=person.positions.current()).distinct()
    own = access.own_person(actor) if actor is not None else None
    if own is not None and own.pk != person.pk:
        shared = organisations.filter(positions__in=own.positions.current())
        if shared.exists():
            organisations = shared
    members = organisations.filter(pk__in=access.member_organisations(event).values("pk"))
    return members.order_by("name").first() or organisations.order_by("name").first()


def price_for(ticket_type: TicketType, organisation, voucher: Voucher | None = None) -> Decimal:
    """The net price: member price for organisations with an active membership in one of
    the event's clusters, less the voucher's discount, rounded to the cent."""
    is_member = is_member_organisation(organisation, ticket_type.event)
    price = ticket_type.price_member if is_member else ticket_type.price_non_member
    if voucher is not None:
        price = price * (Decimal(100) - voucher.percent_off) / Decimal(100)
    return price.quantize(CENT, rounding=ROUND_HALF_UP)


# --- validation -----------------------------------------------------------------------


def registration_closed_reason(event: Event, now=None) -> str:
    """Why nobody can register right now, or "" while registration is open."""
    now = now or timezone.now()
    if not event.is_published:
        return _("This event is not published.")
    if event.is_cancelled:
        return _("This event has been cancelled.")
    if event.registration_opens_at and now < event.registration_opens_at:
        opens = timezone.localtime(event.registration_opens_at)
        return _("Registration opens on %(date)s.") % {
            "date": date_format(opens, "SHORT_DATETIME_FORMAT")
        }
    closes = event.registration_closes_at or event.ends_at
    if now >= closes:
        return _("Registration for this event has closed.")
    return ""


def clean_answers(event: Event, answers: dict | None) -> dict:
    """Check the answers to the event's questions; return them keyed by question id."""
    answers = answers or {}
    cleaned, errors = {}, {}
    for question in event.questions.all():
        value = answers.get(str(question.pk), answers.get(question.pk, ""))
        value = value.strip() if isinstance(value, str) else value
        if value in ("", None):
            if question.required:
                errors[f"q_{question.pk}"] = _("Please answer this question.")
            continue
        if question.kind == Question.Kind.CHOICE and value not in question.choices:
            errors[f"q_{question.pk}"] = _("Please pick one of the options.")
            continue
        if question.kind == Question.Kind.YES_NO:
            if value not in ("yes", "no", True, False):
                errors[f"q_{question.pk}"] = _("Please answer yes or no.")
                continue
            value = "yes" if value in ("yes", True) else "no"
        cleaned[str(question.pk)] = {"question": question.label, "answer": value}
    if errors:
        raise ValidationError(errors)
    return cleaned


def _voucher(event: Event, code: str) -> Voucher | None:
    code = (code or "").strip()
    if not code:
        return None
    voucher = Voucher.objects.select_for_update().filter(event=event, code__iexact=code).first()
    if voucher is None:
        raise ValidationError({"voucher": _("This voucher code is not valid for this event.")})
    if voucher.max_uses is not None and voucher.used_count >= voucher.max_uses:
        raise ValidationError({"voucher": _("This voucher code has been used up.")})
    return voucher


# --- places ---------------------------------------------------------------------------


def _has_place(event: Event, ticket_type: TicketType) -> bool:
    confirmed = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
    if event.capacity is not None and confirmed.count() >= event.capacity:
        return False
    if ticket_type.contingent is not None:
        return confirmed.filter(ticket_type=ticket_type).count() < ticket_type.contingent
    return True


def places_left(event: Event) -> int | None:
    """Free places at the event (None: unlimited); for display, not for decisions."""
    if event.capacity is None:
        return None
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    return max(event.capacity - confirmed, 0)


# --- register -------------------------------------------------------------------------


def register(
    actor,
    event: Event,
    ticket_type: TicketType,
    person,
    *,
    answers: dict | None = None,
    voucher_code: str = "",
    waiting_list: bool = True,
    via: str = "",
) -> Registration:
    """Register `person` for `event`: a confirmed place while there is one, else a place
    on the waiting list (unless `waiting_list` is False: then a full event refuses).
    Raises ValidationError (per form field where possible) or PermissionDenied. `via`
    names the API token the registration came through, for the audit log."""
    if not actor.has_perm("events.register_person", person):
        raise PermissionDenied
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        ticket_type = TicketType.objects.select_for_update().get(pk=ticket_type.pk)
        if ticket_type.event_id != event.pk:
            raise ValidationError({"ticket_type": _("Please choose a ticket of this event.")})
        reason = registration_closed_reason(event)
        if reason:
            raise ValidationError(reason)
        if not access.person_is_eligible(person, event):
            raise ValidationError(
                _("%(person)s is not among the people this event is meant for.")
                % {"person": person.full_name}
            )
        if (
            Registration.objects.filter(event=event, person=person)
            .exclude(status=Registration.Status.CANCELLED)
            .exists()
        ):
            raise ValidationError(
                _("%(person)s is already registered for this event.") % {"person": person.full_name}
            )
        cleaned_answers = clean_answers(event, answers)
        voucher = _voucher(event, voucher_code)
        organisation = organisation_for(person, event, actor)
        status = (
            Registration.Status.CONFIRMED
            if _has_place(event, ticket_type)
            else Registration.Status.WAITING
        )
        if status == Registration.Status.WAITING and not waiting_list:
            raise ValidationError(_("This event is fully booked."))
        registration = Registration.objects.create(
            event=event,
            ticket_type=ticket_type,
            person=person,
            organisation=organisation,
            registered_by=actor if actor.is_authenticated else None,
            status=status,
            answers=cleaned_answers,
            price_net=price_for(ticket_type, organisation, voucher),
            voucher=voucher,
        )
        if voucher is not None:
            Voucher.objects.filter(pk=voucher.pk).update(used_count=F("used_count") + 1)
        log_action(
            actor,
            f"events.registration.{status}",
            event,
            person=person.full_name,
            ticket_type=ticket_type.name,
            registration=registration.pk,
            **({"via": via} if via else {}),
        )
        _after_commit(_notify_registered, registration.pk)
    return registration


# --- cancel and move up ---------------------------------------------------------------


def may_still_cancel(registration: Registration, now=None) -> bool:
    """Self-service cancellation is open until the deadline (else until the start)."""
    now = now or timezone.now()
    event = registration.event
    deadline = event.cancellation_deadline or event.starts_at
    return registration.status != Registration.Status.CANCELLED and now < deadline


def cancel_registration(actor, registration: Registration, *, via: str = "") -> Registration:
    """Cancel a place (or a place on the waiting list) and let the waiting list move up.

    Attendees and their colleagues may cancel until the deadline; organisers always.
    `via` names the API token the cancellation came through, for the audit log.
    """
    if not actor.has_perm("events.cancel_registration", registration):
        raise PermissionDenied
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            raise ValidationError(_("This registration has already been cancelled."))
        if not may_still_cancel(registration) and not access.organises(actor, event):
            raise ValidationError(
                _("The deadline for cancelling has passed. Please contact the organisers.")
            )
        was_confirmed = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        if was_confirmed:
            # The CANCEL sent to the attendee must supersede the invitation they filed,
            # and a later invitation (they register again) the CANCEL (RFC 5546 §2.1.4).
            Event.objects.filter(pk=event.pk).update(sequence=F("sequence") + 1)
        log_action(
            actor,
            "events.registration.cancelled",
            event,
            person=registration.person.full_name,
            registration=registration.pk,
            **({"via": via} if via else {}),
        )
        _after_commit(_notify_cancelled, registration.pk, was_confirmed)
        if was_confirmed:
            fill_from_waiting_list(event)
    return registration


def fill_from_waiting_list(event: Event) -> list[Registration]:
    """Confirm waiting registrations, first come first served, while places are free.

    Call with the event row locked. A waiting registration whose ticket type's contingent
    is full stays waiting; one behind it with another ticket type may move up.
    """
    # The event lock serialises every writer; locking the ticket types too keeps the
    # lock order of register() (event, then ticket type).
    list(TicketType.objects.select_for_update().filter(event=event).order_by("pk"))
    moved = []
    waiting = (
        Registration.objects.filter(event=event, status=Registration.Status.WAITING)
        .select_related("ticket_type", "person")
        .order_by("created_at", "pk")
    )
    for registration in waiting:
        if event.capacity is not None and places_left(event) == 0:
            break
        if not _has_place(event, registration.ticket_type):
            continue
        registration.status = Registration.Status.CONFIRMED
        registration.save(update_fields=["status"])
        log_action(
            None,
            "events.registration.moved_up",
            event,
            person=registration.person.full_name,
            registration=registration.pk,
        )
        _after_commit(_notify_moved_up, registration.pk)
        moved.append(registration)
    return moved


# --- check-in -------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckInResult:
    VALID = "valid"
    ALREADY_USED = "already_used"
    NOT_VALID = "not_valid"

    outcome: str
    registration: Registration | None = None

    @property
    def is_valid(self) -> bool:
        return self.outcome == self.VALID


def ticket_code_from(scanned: str) -> str:
    """The ticket code from what was typed or scanned: the code itself, or the check-in
    link printed in the QR code (…/check-in/?code=…)."""
    scanned = (scanned or "").strip()
    if "://" in scanned or scanned.startswith("/"):
        codes = parse_qs(urlsplit(scanned).query).get("code")
        return codes[0].strip() if codes else ""
    return scanned


def check_in(actor, code: str, event: Event | None = None) -> CheckInResult:
    """Admit the holder of a ticket once: valid the first time, already used after.

    The conditional update makes two devices scanning the same ticket at once record one
    admission; the other sees "already used".
    """
    code = ticket_code_from(code)
    if not code or len(code) > 40:
        return CheckInResult(CheckInResult.NOT_VALID)
    tickets = Registration.objects.filter(ticket_code=code, status=Registration.Status.CONFIRMED)
    if event is not None:
        tickets = tickets.filter(event=event)
    registration = tickets.select_related("person", "event", "ticket_type", "organisation").first()
    if registration is None:
        return CheckInResult(CheckInResult.NOT_VALID)
    if not actor.has_perm("events.check_in", registration.event):
        raise PermissionDenied
    now = timezone.now()
    admitted = tickets.filter(checked_in_at__isnull=True).update(checked_in_at=now)
    if not admitted:
        registration.refresh_from_db(fields=["checked_in_at"])
        return CheckInResult(CheckInResult.ALREADY_USED, registration)
    registration.checked_in_at = now
    log_action(
        actor,
        "events.registration.checked_in",
        registration.event,
        person=registration.person.full_name,
        registration=registration.pk,
    )
    return CheckInResult(CheckInResult.VALID, registration)


# --- after commit ---------------------------------------------------------------------


def _after_commit(func, *args):
    transaction.on_commit(lambda: func(*args))


def _notify_registered(registration_id: int) -> None:
    from knotenpunkt.events.tasks import registration_confirmed, registration_waiting

    registration = Registration.objects.only("status").get(pk=registration_id)
    if registration.status == Registration.Status.CONFIRMED:
        registration_confirmed.enqueue(registration_id)
    else:
        registration_waiting.enqueue(registration_id)


def _notify_moved_up(registration_id: int) -> None:
    from knotenpunkt.events.tasks import registration_confirmed

    registration_confirmed.enqueue(registration_id, moved_up=True)


def _notify_cancelled(registration_id: int, was_confirmed: bool) -> None:
    from knotenpunkt.events.tasks import registration_cancelled

    registration_cancelled.enqueue(registration_id, was_confirmed=was_confirmed)
