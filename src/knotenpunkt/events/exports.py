"""After the event: the attendee list for the cluster management and attendance figures."""

import io
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from knotenpunkt.core.csv_export import csv_writer
from knotenpunkt.events.models import Event, Registration
from knotenpunkt.events.rules import events_looked_after


def _answer_text(value) -> str:
    if value == "yes":
        return _("yes")
    if value == "no":
        return _("no")
    return "" if value is None else str(value)


def attendee_rows(event: Event) -> QuerySet[Registration]:
    return event.registrations.select_related("person", "organisation", "ticket_type").order_by(
        "status", "person__last_name", "person__first_name", "pk"
    )


def attendees_csv(event: Event) -> bytes:
    """All registrations of the event (confirmed, waiting, cancelled) with their answers,
    as CSV in UTF-8 with BOM and semicolons, as German spreadsheet programs expect."""
    questions = [(str(q.pk), q.label) for q in event.questions.all()]
    registrations = list(attendee_rows(event))
    # Answers to questions deleted since keep their column, under the label they had.
    known = {pk for pk, _label in questions}
    for registration in registrations:
        for pk, answer in (registration.answers or {}).items():
            if pk not in known and isinstance(answer, dict):
                questions.append((pk, answer.get("question", pk)))
                known.add(pk)
    buffer = io.StringIO()
    writer = csv_writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            _("Last name"),
            _("First name"),
            _("Organisation"),
            _("Ticket type"),
            _("Status"),
            _("Registered"),
            _("Checked in"),
            *[label for _pk, label in questions],
        ]
    )
    for registration in registrations:
        answers = registration.answers or {}
        checked_in = registration.checked_in_at
        writer.writerow(
            [
                registration.person.last_name,
                registration.person.first_name,
                registration.organisation.name if registration.organisation else "",
                registration.ticket_type.name,
                registration.get_status_display(),
                date_format(timezone.localtime(registration.created_at), "SHORT_DATETIME_FORMAT"),
                date_format(timezone.localtime(checked_in), "SHORT_DATETIME_FORMAT")
                if checked_in
                else "",
                *[_answer_text((answers.get(pk) or {}).get("answer")) for pk, _label in questions],
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def attendees_filename(event: Event) -> str:
    label = _("attendees")
    return f"{event.slug}-{label}-{timezone.localdate():%Y-%m-%d}.csv"


@dataclass(frozen=True)
class Attendance:
    registered: int  # confirmed places
    checked_in: int
    waiting: int
    cancelled: int

    @property
    def rate(self) -> float | None:
        """Share of the confirmed attendees who came (0..1); None before anyone registered."""
        return self.checked_in / self.registered if self.registered else None

    @property
    def rate_percent(self) -> int | None:
        return None if self.rate is None else round(self.rate * 100)


_COUNTS = {
    "n_registered": Count(
        "registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)
    ),
    "n_checked_in": Count(
        "registrations",
        filter=Q(
            registrations__status=Registration.Status.CONFIRMED,
            registrations__checked_in_at__isnull=False,
        ),
    ),
    "n_waiting": Count(
        "registrations", filter=Q(registrations__status=Registration.Status.WAITING)
    ),
    "n_cancelled": Count(
        "registrations", filter=Q(registrations__status=Registration.Status.CANCELLED)
    ),
}


def with_attendance(events: QuerySet[Event]) -> QuerySet[Event]:
    """Annotate each event with its registration counts (one query for a whole list)."""
    return events.annotate(**_COUNTS)


def attendance_of(event) -> Attendance:
    """The figures of one event annotated by `with_attendance`, or counted now."""
    if not hasattr(event, "n_registered"):
        event = with_attendance(Event.objects.filter(pk=event.pk)).get()
    return Attendance(
        registered=event.n_registered,
        checked_in=event.n_checked_in,
        waiting=event.n_waiting,
        cancelled=event.n_cancelled,
    )


def attended_events(user) -> QuerySet[Event]:
    """Events of the user's clusters that have started, latest first."""
    return (
        events_looked_after(user).filter(starts_at__lte=timezone.now()).order_by("-starts_at", "pk")
    )


def total_attendance(events: QuerySet[Event]) -> Attendance:
    """The figures summed over `events`, in one query."""
    totals = events.order_by().aggregate(**_COUNTS)
    return Attendance(
        registered=totals["n_registered"],
        checked_in=totals["n_checked_in"],
        waiting=totals["n_waiting"],
        cancelled=totals["n_cancelled"],
    )


def attendance_by_ticket_type(event: Event) -> list[tuple[str, Attendance]]:
    """The figures per ticket type, in the ticket types' order."""
    # Ticket types name their registrations like events do, so the same counts apply.
    return [(row.name, attendance_of(row)) for row in event.ticket_types.annotate(**_COUNTS)]
