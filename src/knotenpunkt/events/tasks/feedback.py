"""After the event: the feedback survey link, mailed once to everyone who came.

"Once" is kept in the audit log: sending writes `events.feedback.sent` for the event in
the same transaction as the outbox mails, under a row lock on the event, so a second run
(a retry, a second worker, the daily command run twice) finds the entry and sends nothing.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from knotenpunkt.core.audit import log_action, register_action
from knotenpunkt.core.models import AuditEntry
from knotenpunkt.events.models import Event, Registration
from knotenpunkt.outbox.services import queue_mail

FEEDBACK_SENT = "events.feedback.sent"
register_action(FEEDBACK_SENT, _("Feedback survey link sent to the attendees"))

# Sent the morning after rather than while people are still leaving the venue, and not
# for events long past (a survey a month later gets no useful answers).
SEND_AFTER = datetime.timedelta(hours=1)
SEND_WITHIN = datetime.timedelta(days=14)


def feedback_already_sent(event: Event) -> bool:
    return AuditEntry.objects.filter(
        action=FEEDBACK_SENT,
        target_type=ContentType.objects.get_for_model(Event),
        target_id=str(event.pk),
    ).exists()


def _recipient(registration: Registration) -> str:
    person = registration.person
    if person.erased_at:
        return ""
    return person.primary_email or (person.user.email if person.user else "")


def send_feedback_survey(event: Event, now: datetime.datetime | None = None) -> int:
    """Queue the survey mail for every checked-in attendee of an ended event, once.

    Returns the number of mails queued (0 when already sent, too early or no link)."""
    now = now or timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if not event.feedback_url or event.ends_at + SEND_AFTER > now:
            return 0
        if feedback_already_sent(event):
            return 0
        attendees = (
            event.registrations.filter(
                status=Registration.Status.CONFIRMED, checked_in_at__isnull=False
            )
            .select_related("person__user")
            .prefetch_related("person__emails")
            .order_by("pk")
        )
        sent = 0
        for registration in attendees:
            address = _recipient(registration)
            if not address:
                continue
            queue_mail(
                "event_feedback",
                address,
                {
                    "name": registration.person.full_name,
                    "event_title": event.title,
                    "event_date": timezone.localtime(event.starts_at).date(),
                    "feedback_url": event.feedback_url,
                },
                language=event.language,
            )
            sent += 1
        # Nobody checked in (yet): no marker, so check-ins recorded late still get it.
        if sent:
            log_action(None, FEEDBACK_SENT, event, recipients=sent)
    return sent


def events_due_for_feedback(now: datetime.datetime | None = None):
    """Published events that ended between two weeks and an hour ago and have a link."""
    now = now or timezone.now()
    return Event.objects.filter(
        is_published=True,
        ends_at__lte=now - SEND_AFTER,
        ends_at__gte=now - SEND_WITHIN,
    ).exclude(feedback_url="")


@task()
def send_feedback_surveys() -> int:
    """Background entry point (daily or hourly): mail the survey of every due event once.
    Returns the number of mails queued."""
    now = timezone.now()
    return sum(send_feedback_survey(event, now) for event in events_due_for_feedback(now))


@task()
def send_feedback_survey_of(event_id: int) -> int:
    """Background entry point, scheduled per event for an hour after its end."""
    event = Event.objects.filter(pk=event_id).first()
    return send_feedback_survey(event) if event else 0


def schedule_feedback_survey(event: Event) -> None:
    """Have the survey sent by itself an hour after the event (called when an event is saved).

    Saving twice schedules twice; the audit marker makes the second run send nothing. A task
    backend that cannot defer (the immediate one in tests) leaves it to the periodic command.
    """
    if not event.feedback_url or not send_feedback_survey_of.get_backend().supports_defer:
        return
    when = event.ends_at + SEND_AFTER
    transaction.on_commit(lambda: send_feedback_survey_of.using(run_after=when).enqueue(event.pk))
