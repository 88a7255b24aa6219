"""Who a mailing reaches, and what staff do with it: schedule, cancel, test, watch.

The sending itself is the worker's (worker.py). When sending starts, the target group is
evaluated once (consent included) and written as the per-recipient outbox; the worker
goes through it, re-checking consent per batch.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knotenpunkt.core.audit import log_action, register_action
from knotenpunkt.directory.models import Person, PersonEmail
from knotenpunkt.mailings.models import Mailing, MailingRecipient, Subscription
from knotenpunkt.mailings.services import compose
from knotenpunkt.mailings.services.segments import segment_people
from knotenpunkt.outbox.services import queue_rendered_mail

log = logging.getLogger(__name__)

register_action("mailings.mailing.scheduled", gettext_lazy("Mailing scheduled"))
register_action("mailings.mailing.cancelled", gettext_lazy("Mailing cancelled"))
register_action("mailings.mailing.sent", gettext_lazy("Mailing sent"))
register_action("mailings.mailing.test_sent", gettext_lazy("Test mailing sent"))
register_action("mailings.mailing.paused", gettext_lazy("Mailing paused after an error"))
register_action("mailings.mailing.resumed", gettext_lazy("Mailing resumed"))

MAX_TEST_ADDRESSES = 10
CANCELLABLE = (Mailing.Status.SCHEDULED, Mailing.Status.SENDING, Mailing.Status.PAUSED)
UNDELIVERABLE = (PersonEmail.Deliverability.BOUNCING, PersonEmail.Deliverability.INVALID)


# --- who a mailing reaches -----------------------------------------------------------------


def audience(mailing: Mailing):
    """The people the mailing reaches now: its list's active subscribers, within the target
    group if there is one. Evaluated anew on every call."""
    if mailing.segment_id:
        return segment_people(mailing.segment, mailing.mailing_list)
    return Person.objects.filter(
        erased_at__isnull=True,
        pk__in=Subscription.objects.filter(
            mailing_list=mailing.mailing_list, status=Subscription.Status.ACTIVE
        ).values("person"),
    )


def _addresses_in_order(people):
    # The primary address first, then the oldest: the first row per person is theirs.
    return PersonEmail.objects.filter(person__in=people).order_by("person_id", "-is_primary", "pk")


def mailing_addresses(people) -> dict[int, PersonEmail]:
    """Each person's address for mailings (a queryset of people): the primary one, else
    their first. Passed as a subquery, so no audience is too large for one query."""
    chosen: dict[int, PersonEmail] = {}
    for email in _addresses_in_order(people):
        chosen.setdefault(email.person_id, email)
    return chosen


def recipients_count(mailing: Mailing) -> int:
    """How many people the mailing would reach if it were sent now: the audience's chosen
    addresses (as the worker chooses them) that do not bounce."""
    if mailing.status in (Mailing.Status.SENDING, Mailing.Status.PAUSED, Mailing.Status.SENT):
        return mailing.recipients.count()
    chosen: dict[int, str] = {}
    rows = _addresses_in_order(audience(mailing)).values_list("person_id", "deliverability")
    for person_id, deliverability in rows:
        chosen.setdefault(person_id, deliverability)
    return sum(1 for deliverability in chosen.values() if deliverability not in UNDELIVERABLE)


# --- staff actions -------------------------------------------------------------------------


def _check_sendable(mailing: Mailing) -> None:
    if not mailing.is_editable:
        raise ValidationError(_("This mailing has already been sent or cancelled."))
    if not mailing.blocks.exists():
        raise ValidationError(_("Add at least one content block before sending."))
    if mailing.segment_id and mailing.segment.cluster_id != mailing.cluster_id:
        raise ValidationError(_("The target group belongs to another cluster."))
    if mailing.mailing_list.cluster_id != mailing.cluster_id:
        raise ValidationError(_("The mailing list belongs to another cluster."))
    if not mailing.mailing_list.is_active:
        raise ValidationError(_("The mailing list is switched off."))


@transaction.atomic
def schedule_mailing(user, mailing: Mailing, when=None) -> Mailing:
    """Send the mailing at `when`, or now when no time is given."""
    mailing = Mailing.objects.select_for_update().get(pk=mailing.pk)
    _check_sendable(mailing)
    now = timezone.now()
    if when is not None and when < now - timedelta(minutes=1):
        raise ValidationError(_("The sending time lies in the past."))
    mailing.status = Mailing.Status.SCHEDULED
    mailing.scheduled_for = when or now
    mailing.save(update_fields=["status", "scheduled_for", "updated_at"])
    log_action(
        user, "mailings.mailing.scheduled", mailing, scheduled_for=str(mailing.scheduled_for)
    )
    _enqueue(mailing)
    return mailing


def _enqueue(mailing: Mailing) -> None:
    """Start the sending task after commit; at the sending time where the backend can wait.

    Backends that cannot defer (the immediate one in tests) leave a future mailing to the
    periodic `resume-mailings`, which also rescues tasks lost with a crashed worker.
    """
    from knotenpunkt.mailings.tasks import send_mailing_task

    backend = send_mailing_task.get_backend()
    when = mailing.scheduled_for
    if when and when > timezone.now():
        if not backend.supports_defer:
            return
        transaction.on_commit(lambda: send_mailing_task.using(run_after=when).enqueue(mailing.pk))
    else:
        transaction.on_commit(lambda: send_mailing_task.enqueue(mailing.pk))


@transaction.atomic
def cancel_mailing(user, mailing: Mailing) -> Mailing:
    """Stop a scheduled mailing, or one being sent or paused (who has it, has it)."""
    mailing = Mailing.objects.select_for_update().get(pk=mailing.pk)
    if mailing.status not in CANCELLABLE:
        raise ValidationError(_("Only a scheduled mailing or one being sent can be cancelled."))
    mailing.status = Mailing.Status.CANCELLED
    mailing.finished_at = timezone.now()
    mailing.save(update_fields=["status", "finished_at", "updated_at"])
    mailing.recipients.filter(status=MailingRecipient.Status.PENDING).update(
        status=MailingRecipient.Status.SKIPPED,
        skip_reason=MailingRecipient.SkipReason.CANCELLED,
    )
    log_action(user, "mailings.mailing.cancelled", mailing)
    return mailing


def pause_mailing(mailing_id: int, reason: str) -> bool:
    """Stop a scheduled or sending mailing at an error no retry would cure, keeping the
    reason for staff. Recipients still waiting stay waiting; False if it was not sending."""
    with transaction.atomic():
        paused = Mailing.objects.filter(
            pk=mailing_id, status__in=[Mailing.Status.SCHEDULED, Mailing.Status.SENDING]
        ).update(status=Mailing.Status.PAUSED, pause_reason=reason, paused_at=timezone.now())
        if paused:
            mailing = Mailing.objects.get(pk=mailing_id)
            log_action(None, "mailings.mailing.paused", mailing, reason=reason[:500])
    return bool(paused)


@transaction.atomic
def resume_mailing(user, mailing: Mailing) -> Mailing:
    """Continue a paused mailing with the recipients still waiting (the cause fixed)."""
    mailing = Mailing.objects.select_for_update().get(pk=mailing.pk)
    if mailing.status != Mailing.Status.PAUSED:
        raise ValidationError(_("Only a paused mailing can be resumed."))
    # Paused before its audience was written (no outbox yet): it starts as scheduled.
    started = mailing.started_at is not None
    mailing.status = Mailing.Status.SENDING if started else Mailing.Status.SCHEDULED
    reason, mailing.pause_reason, mailing.paused_at = mailing.pause_reason, "", None
    mailing.lease_owner, mailing.lease_until = "", None
    mailing.save(
        update_fields=[
            "status",
            "pause_reason",
            "paused_at",
            "lease_owner",
            "lease_until",
            "updated_at",
        ]
    )
    log_action(user, "mailings.mailing.resumed", mailing, after=reason[:500])
    _enqueue(mailing)
    return mailing


def send_test(user, mailing: Mailing, addresses: list[str]) -> int:
    """Queue a test copy to each address, personalised as the user would get it."""
    addresses = [a.strip() for a in addresses if a.strip()]
    if not addresses:
        raise ValidationError(_("Enter at least one e-mail address."))
    if len(addresses) > MAX_TEST_ADDRESSES:
        raise ValidationError(
            _("Send a test to at most %(max)d addresses at once.") % {"max": MAX_TEST_ADDRESSES}
        )
    person = Person.objects.filter(user=user).first() if user and user.is_authenticated else None
    html, text = compose.preview(mailing, person)
    with translation.override(mailing.language):
        subject = _("[Test] %(subject)s") % {"subject": " ".join(mailing.subject.split())}
    with transaction.atomic():
        for address in addresses:
            queue_rendered_mail("mailing_test", address, subject, text, html)
        log_action(user, "mailings.mailing.test_sent", mailing, addresses=len(addresses))
    return len(addresses)


@dataclass(frozen=True)
class Progress:
    total: int
    pending: int
    sent: int
    skipped: int
    failed: int
    bounced: int

    @property
    def done(self) -> bool:
        return self.total > 0 and self.pending == 0

    @property
    def percent(self) -> int:
        if not self.total:
            return 0
        return round(100 * (self.total - self.pending) / self.total)


def progress(mailing: Mailing) -> Progress:
    """How far sending has got, for the staff's progress bar."""
    counts = dict(mailing.recipients.values_list("status").annotate(n=Count("pk")).order_by())
    bounced = mailing.recipients.filter(bounced_at__isnull=False).count()
    return Progress(
        total=sum(counts.values()),
        pending=counts.get(MailingRecipient.Status.PENDING, 0),
        sent=counts.get(MailingRecipient.Status.SENT, 0),
        skipped=counts.get(MailingRecipient.Status.SKIPPED, 0),
        failed=counts.get(MailingRecipient.Status.FAILED, 0),
        bounced=bounced,
    )


def resume_stalled() -> list[Mailing]:
    """Hand due scheduled mailings and those whose worker went silent to a worker.

    Run periodically (`knotenpunkt resume-mailings`): it rescues sending tasks lost with a
    crashed worker and starts scheduled ones on backends that cannot defer tasks.
    """
    from knotenpunkt.mailings.tasks import send_mailing_task

    now = timezone.now()
    mailings = list(
        Mailing.objects.filter(
            Q(status=Mailing.Status.SCHEDULED, scheduled_for__lte=now)
            | Q(status=Mailing.Status.SENDING)
        ).filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
    )
    for mailing in mailings:
        send_mailing_task.enqueue(mailing.pk)
    return mailings
