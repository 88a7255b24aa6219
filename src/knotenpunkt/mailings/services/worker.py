"""The worker that sends a mailing through its per-recipient outbox, resumably.

When sending starts, the target group is evaluated once (consent included) and written as
one MailingRecipient row per person: that is the outbox. The worker then goes through it in
batches. Right before each batch it asks again who is still subscribed and whose address
does not bounce, so an unsubscribe takes effect for a mailing already under way. Each
recipient's "sent" state is committed before the message is handed over (see transport.py),
so a worker that crashes and is restarted sends nobody a second mail and skips nobody.

Only one worker sends a mailing at a time: it holds a lease on the mailing row that it
renews with every batch; `sending.resume_stalled` gives mailings whose worker went silent
to a new one.

An error that a retry would only meet again (the server refuses the sender, a message
cannot be built, a broken DKIM key, anything unexpected) pauses the mailing with the
reason for staff, who resume it once the cause is fixed; it never stays "sending" for
`resume-mailings` to restart into the same error every minute. A lost connection or a
database that went away is retried (the mailing stays "sending").
"""

import logging
import os
import socket
import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from knotenpunkt.core.audit import log_action
from knotenpunkt.directory.models import Person, PersonEmail
from knotenpunkt.mailings.models import Mailing, MailingRecipient, Subscription
from knotenpunkt.mailings.services import compose, transport
from knotenpunkt.mailings.services.sending import (
    UNDELIVERABLE,
    audience,
    mailing_addresses,
    pause_mailing,
    progress,
)
from knotenpunkt.mailings.services.subscriptions import one_click_headers
from knotenpunkt.mailings.services.wire import (
    MessageSkeleton,
    display_address,
    envelope_address,
    feedback_id,
    list_identifier,
)
from knotenpunkt.outbox import headers as header_lines

log = logging.getLogger(__name__)

BATCH_SIZE = 200
MAX_ATTEMPTS = 3
# Consecutive connection failures after which the worker gives up for now; the mailing
# stays "sending" and `resume-mailings` picks it up again later.
MAX_CONNECTION_FAILURES = 5

_SENDER_REFUSED = gettext_lazy(
    "The mail server refused the sender or the message itself, which it would do for "
    "every further recipient: %(error)s"
)
_UNEXPECTED = gettext_lazy("Sending stopped at an error a retry would meet again: %(error)s")


class CannotContinue(Exception):
    """An error that no retry cures: the mailing pauses with this reason."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _take_lease(mailing_id: int, owner: str) -> bool:
    """Hold (or renew) the right to send this mailing; False if another worker holds it."""
    now = timezone.now()
    return bool(
        Mailing.objects.filter(
            pk=mailing_id, status__in=[Mailing.Status.SCHEDULED, Mailing.Status.SENDING]
        )
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now) | Q(lease_owner=owner))
        .update(
            lease_owner=owner, lease_until=now + timedelta(seconds=settings.MAILING_LEASE_SECONDS)
        )
    )


def _release_lease(mailing_id: int, owner: str) -> None:
    Mailing.objects.filter(pk=mailing_id, lease_owner=owner).update(
        lease_owner="", lease_until=None
    )


@transaction.atomic
def _start(mailing_id: int) -> Mailing | None:
    """Turn a due scheduled mailing into one being sent: evaluate its audience now and
    write the outbox. A mailing already sending is returned as it is."""
    mailing = (
        Mailing.objects.select_for_update(of=("self",))
        .select_related("mailing_list", "segment", "cluster")
        .get(pk=mailing_id)
    )
    if mailing.status == Mailing.Status.SENDING:
        return mailing
    if mailing.status != Mailing.Status.SCHEDULED:
        return None
    if mailing.scheduled_for and mailing.scheduled_for > timezone.now():
        return None  # woke up early (a retried task): the periodic check comes back later
    addresses = mailing_addresses(audience(mailing))
    MailingRecipient.objects.bulk_create(
        (
            MailingRecipient(mailing=mailing, person_id=person_id, email=email.address)
            for person_id, email in addresses.items()
        ),
        batch_size=1000,
        ignore_conflicts=True,
    )
    mailing.status = Mailing.Status.SENDING
    mailing.started_at = timezone.now()
    mailing.save(update_fields=["status", "started_at", "updated_at"])
    return mailing


def _skip_no_longer_reachable(mailing: Mailing, batch: list[MailingRecipient]) -> list:
    """Drop (and record) recipients who unsubscribed, were erased or whose address bounces
    since the mailing started; asked right before their batch goes out."""
    person_ids = [r.person_id for r in batch]
    still_subscribed = set(
        Subscription.objects.filter(
            mailing_list_id=mailing.mailing_list_id,
            status=Subscription.Status.ACTIVE,
            person_id__in=person_ids,
            person__erased_at__isnull=True,
        ).values_list("person_id", flat=True)
    )
    bouncing = set(
        PersonEmail.objects.filter(
            person_id__in=person_ids, deliverability__in=UNDELIVERABLE
        ).values_list(Lower("address"), flat=True)
    )
    keep, unsubscribed, bounced = [], [], []
    for recipient in batch:
        if recipient.person_id not in still_subscribed:
            unsubscribed.append(recipient.pk)
        elif recipient.email.lower() in bouncing:
            bounced.append(recipient.pk)
        else:
            keep.append(recipient)
    for ids, reason in (
        (unsubscribed, MailingRecipient.SkipReason.UNSUBSCRIBED),
        (bounced, MailingRecipient.SkipReason.BOUNCING),
    ):
        if ids:
            MailingRecipient.objects.filter(
                pk__in=ids, status=MailingRecipient.Status.PENDING
            ).update(status=MailingRecipient.Status.SKIPPED, skip_reason=reason)
    return keep


class _Pacer:
    """Keeps to MAILING_RATE_PER_SECOND (0: no limit) without drifting."""

    def __init__(self, rate: float):
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.next_at = time.monotonic()

    def wait(self) -> None:
        if not self.interval:
            return
        now = time.monotonic()
        if self.next_at > now:
            time.sleep(self.next_at - now)
        self.next_at = max(self.next_at, now) + self.interval


# The table name is the model's own; the values go as parameters.
_MARK_SENT = (
    f"UPDATE {MailingRecipient._meta.db_table} "  # noqa: S608
    "SET status = %s, sent_at = %s, attempts = attempts + 1, last_error = '' WHERE id = %s"
)


def _mark_sent(recipient_id: int):
    def mark():
        # Its own transaction (the worker runs in autocommit): committed before the dot.
        # Plain SQL: this runs once per recipient on the sending path, and the ORM's
        # query building cost as much as the commit itself (bench/mailing).
        with connection.cursor() as cursor:
            cursor.execute(
                _MARK_SENT, [MailingRecipient.Status.SENT.value, timezone.now(), recipient_id]
            )

    return mark


def _record_failure(recipient: MailingRecipient, error: transport.DeliveryError) -> None:
    """A refused or undeliverable message: final after a permanent refusal or the last try.

    A lost connection is not the recipient's failure: they stay pending, tries uncounted.
    """
    attempts = recipient.attempts + (0 if error.connection_lost else 1)
    final = error.permanent or attempts >= MAX_ATTEMPTS
    MailingRecipient.objects.filter(pk=recipient.pk).update(
        status=MailingRecipient.Status.FAILED if final else MailingRecipient.Status.PENDING,
        sent_at=None,
        attempts=attempts,
        last_error=str(error)[:500],
    )
    if error.permanent and error.recipient_refused:
        from knotenpunkt.mailings.services.bounces import record_bounce

        record_bounce(recipient.email, True, diagnostic=str(error), source="smtp")


class _Sender:
    """Sends one mailing's pending recipients over one transport."""

    def __init__(self, mailing: Mailing):
        self.mailing = mailing
        self.rendered = compose.render_mailing(mailing)
        self.from_address = envelope_address(settings.DEFAULT_FROM_EMAIL)
        self.envelope_from = settings.MAILING_BOUNCE_ADDRESS or self.from_address
        self.from_name = mailing.cluster.name
        self.domain = self.from_address.rpartition("@")[2] or "knotenpunkt.local"
        mailing_list = mailing.mailing_list
        self.list_name = mailing_list.name
        self.list_id = list_identifier(
            mailing_list.slug, mailing_list.pk, mailing.cluster.slug, self.domain
        )
        self.feedback_id = feedback_id(
            mailing.pk, mailing.cluster.slug, mailing.template, settings.FEEDBACK_ID_SENDER
        )
        self.smtp = transport.uses_smtp()
        self.transport = transport.SmtpTransport() if self.smtp else transport.BackendTransport()
        if self.smtp:
            self.skeleton = MessageSkeleton(
                self.rendered,
                from_name=self.from_name,
                from_address=self.from_address,
                reply_to=mailing.cluster.email,
                list_name=self.list_name,
                list_id=self.list_id,
                feedback_id=self.feedback_id,
            )
        self.pacer = _Pacer(settings.MAILING_RATE_PER_SECOND)
        self.connection_failures = 0

    def send_batch(self, batch: list[MailingRecipient]) -> bool:
        """Send a batch; False when the connection keeps failing and the worker should stop."""
        from knotenpunkt.mailings.services.bounces import make_message_id

        people = Person.objects.in_bulk([r.person_id for r in batch])
        organisations = compose.organisation_names(people)
        with translation.override(self.mailing.language):
            for recipient in batch:
                person = people[recipient.person_id]
                values = compose.personal_values(
                    person,
                    self.mailing.formal,
                    organisations.get(person.pk, ""),
                    self.mailing.mailing_list,
                )
                headers = one_click_headers(values["unsubscribe_url"])
                message_id = make_message_id(self.mailing.pk, recipient.pk, self.domain)
                self.pacer.wait()
                try:
                    self._deliver(recipient, person, values, headers, message_id)
                except transport.DeliveryError as error:
                    if error.permanent and error.sender_refused:
                        # Not this recipient's failure: they stay waiting for the resume.
                        raise CannotContinue(_reason(_SENDER_REFUSED, error)) from error
                    _record_failure(recipient, error)
                    if error.connection_lost:
                        self.connection_failures += 1
                        if self.connection_failures >= MAX_CONNECTION_FAILURES:
                            return False
                        time.sleep(min(2**self.connection_failures, 30))
                else:
                    self.connection_failures = 0
        return True

    def _deliver(self, recipient, person, values, headers, message_id) -> None:
        mark = _mark_sent(recipient.pk)
        if self.smtp:
            data = self.skeleton.build(
                to_name=person.full_name,
                to_address=recipient.email,
                message_id=message_id,
                values=values,
                headers=headers,
            )
            self.transport.send(self.envelope_from, recipient.email, data, mark)
            return
        html, text = self.rendered.personalise(values)
        list_id = header_lines.single_line(header_lines.list_id(self.list_name, self.list_id))
        self.transport.send_parts(
            sender=self.envelope_from,
            from_header=display_address(self.from_name, self.from_address),
            recipient=recipient.email,
            subject=self.rendered.subject,
            text=text,
            html=html,
            headers={
                **headers,
                "Message-ID": message_id,
                "List-Id": list_id,
                "Feedback-ID": self.feedback_id,
            },
            mark_sent=mark,
        )


def send_mailing(mailing_id: int) -> str:
    """The worker: send every pending recipient of a due mailing, resumably.

    Returns what happened ("sent", "busy", "not due", "cancelled", "interrupted" when the
    mail server keeps failing, "paused" at an error no retry cures) for the task log.
    """
    owner = _worker_name()
    if not _take_lease(mailing_id, owner):
        return "busy"
    _fast_commits(True)
    try:
        return _send(mailing_id, owner)
    except CannotContinue as stop:
        log.warning("Mailing %s paused: %s", mailing_id, stop.reason)
        pause_mailing(mailing_id, stop.reason)
        return "paused"
    except (OperationalError, InterfaceError):
        # The database went away: retried by `resume-mailings` like a crashed worker.
        raise
    except Exception as error:  # noqa: BLE001 - whatever it is, the mailing must not hang
        log.exception("Mailing %s paused by an unexpected error", mailing_id)
        pause_mailing(mailing_id, _reason(_UNEXPECTED, f"{type(error).__name__}: {error}"))
        return "paused"
    finally:
        _fast_commits(False)
        _release_lease(mailing_id, owner)


def _reason(template, error) -> str:
    """The reason for a pause, in the platform's language (staff read it, not recipients)."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(template % {"error": error})[:2000]


def _send(mailing_id: int, owner: str) -> str:
    mailing = _start(mailing_id)
    if mailing is None:
        return "not due"
    sender = _Sender(mailing)
    paused_round, pause_until = 0, 0.0
    try:
        while True:
            if not _take_lease(mailing_id, owner):
                # Cancelled, or another worker took over after we were silent too long.
                return "cancelled"
            batch = list(
                mailing.recipients.filter(
                    status=MailingRecipient.Status.PENDING, attempts__lt=MAX_ATTEMPTS
                ).order_by("attempts", "pk")[:BATCH_SIZE]
            )
            if not batch:
                break
            retry_round = batch[0].attempts
            if retry_round > paused_round:
                # Only retries are left: give the servers that said "later" their pause.
                paused_round = retry_round
                pause_until = time.monotonic() + settings.MAILING_RETRY_SECONDS
            if time.monotonic() < pause_until:
                time.sleep(min(pause_until - time.monotonic(), 5))
                continue  # renews the lease on the way
            batch = _skip_no_longer_reachable(mailing, batch)
            if batch and not sender.send_batch(batch):
                log.warning("Mailing %s interrupted: the mail server keeps failing", mailing_id)
                return "interrupted"
    finally:
        sender.transport.close()
    _finish(mailing)
    return "sent"


def _fast_commits(on: bool) -> None:
    """PostgreSQL: let the per-recipient commits return before the WAL reaches the disk.

    A crash of the worker loses nothing (the server has the commit); only a crash of the
    database server itself could forget the last fraction of a second of "sent" marks, and
    those recipients would get the mail again. That trade saves a third of the time of
    each commit, which the sender pays once per recipient. SQLite is in WAL mode with
    synchronous=NORMAL already (settings.py).
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF" if on else "RESET synchronous_commit")


def _finish(mailing: Mailing) -> None:
    with transaction.atomic():
        finished = Mailing.objects.filter(pk=mailing.pk, status=Mailing.Status.SENDING).update(
            status=Mailing.Status.SENT, finished_at=timezone.now()
        )
        if finished:
            log_action(None, "mailings.mailing.sent", mailing, **_summary(mailing))


def _summary(mailing: Mailing) -> dict:
    state = progress(mailing)
    return {"sent": state.sent, "skipped": state.skipped, "failed": state.failed}
