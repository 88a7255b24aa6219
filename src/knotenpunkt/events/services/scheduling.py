"""Changes to an event that its attendees' calendars must follow: a new time or place, and
the cancellation of the whole event.

Each raises the event's SEQUENCE in the same transaction as the change, so every calendar
message sent afterwards (`events.itip`) supersedes the copies filed before; the mails go
out after the commit through the outbox.
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import log_action
from knotenpunkt.events.models import Event, Registration

# What a calendar entry shows of the event's date and place: a change to one of these
# is sent to the attendees. (Title and description changes reach them through the page.)
MOVING_FIELDS = (
    "starts_at",
    "ends_at",
    "timezone",
    "format",
    "venue_name",
    "street",
    "postcode",
    "city",
    "join_url",
)


def _raise_sequence(event: Event) -> None:
    Event.objects.filter(pk=event.pk).update(sequence=F("sequence") + 1)
    event.refresh_from_db(fields=["sequence"])


def event_changed(actor, event: Event, changed_fields: Iterable[str]) -> bool:
    """Call after saving `event` with `changed_fields`: when its time or place changed,
    raise its SEQUENCE and send every confirmed attendee the updated invitation. Returns
    whether the attendees are told."""
    moved = sorted(set(changed_fields) & set(MOVING_FIELDS))
    if not moved or event.is_cancelled:
        return False
    with transaction.atomic():
        _raise_sequence(event)
        log_action(actor, "events.event.moved", event, fields=moved, sequence=event.sequence)
        event_id = event.pk
        transaction.on_commit(lambda: _enqueue_rescheduled(event_id))
    return True


def cancel_event(actor, event: Event) -> Event:
    """Call off the whole event: registration closes, every open place is cancelled
    (priced ones get their cancellation invoice) and each registrant is told, with a
    calendar CANCEL for those who had a place."""
    if not actor.has_perm("events.manage_event", event):
        raise PermissionDenied
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.is_cancelled:
            raise ValidationError(_("This event has already been cancelled."))
        now = timezone.now()
        # updated_at too: feeds give it as LAST-MODIFIED and DTSTAMP.
        Event.objects.filter(pk=event.pk).update(
            cancelled_at=now, updated_at=now, sequence=F("sequence") + 1
        )
        event.refresh_from_db(fields=["cancelled_at", "updated_at", "sequence"])
        open_places = list(
            Registration.objects.select_for_update()
            .filter(event=event)
            .exclude(status=Registration.Status.CANCELLED)
            .values_list("pk", "status")
        )
        Registration.objects.filter(pk__in=[pk for pk, _status in open_places]).update(
            status=Registration.Status.CANCELLED, cancelled_at=now
        )
        log_action(actor, "events.event.cancelled", event, registrations=len(open_places))
        for registration_id, status in open_places:
            was_confirmed = status == Registration.Status.CONFIRMED
            transaction.on_commit(
                lambda pk=registration_id, confirmed=was_confirmed: _enqueue_cancelled(
                    pk, confirmed
                )
            )
    return event


def _enqueue_rescheduled(event_id: int) -> None:
    from knotenpunkt.events.tasks import event_rescheduled

    event_rescheduled.enqueue(event_id)


def _enqueue_cancelled(registration_id: int, was_confirmed: bool) -> None:
    from knotenpunkt.events.tasks import registration_cancelled

    registration_cancelled.enqueue(
        registration_id, was_confirmed=was_confirmed, event_cancelled=True
    )
