"""Background entry points: the work that follows a registration change after commit."""

from django_tasks import task

from knotenpunkt.events.services import notifications


@task(queue_name="mail")
def registration_confirmed(registration_id: int, moved_up: bool = False) -> None:
    """Invoice a priced ticket and send the confirmation with ticket and calendar file."""
    notifications.confirm(registration_id, moved_up=moved_up)


@task(queue_name="mail")
def registration_waiting(registration_id: int) -> None:
    """Tell the attendee they are on the waiting list."""
    notifications.waiting(registration_id)


@task(queue_name="mail")
def registration_cancelled(
    registration_id: int, was_confirmed: bool = True, event_cancelled: bool = False
) -> None:
    """Cancel the invoice (Stornorechnung) and confirm the cancellation, with the calendar
    CANCEL for a place that was confirmed."""
    notifications.cancelled(
        registration_id, was_confirmed=was_confirmed, event_cancelled=event_cancelled
    )


@task(queue_name="mail")
def event_rescheduled(event_id: int) -> None:
    """Send the confirmed attendees of a moved event the updated calendar invitation."""
    notifications.rescheduled(event_id)
