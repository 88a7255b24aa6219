"""The one way out for mail: render, store in the outbox, deliver in a background task."""

import collections
import datetime
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.template import Context, engines
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from knotenpunkt.outbox.models import OutgoingMail, OutgoingMailAttachment
from knotenpunkt.outbox.transport import SmtpTransport, message_bytes, uses_smtp

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


@dataclass
class HeldMail:
    """The mails `holding_deliveries` kept back: how many were stored as held."""

    count: int = 0


# Set inside `holding_deliveries`; a context variable, so a hold in one thread (the demo
# command) never holds the mail of a request served by another.
_holding: ContextVar[HeldMail | None] = ContextVar("outbox_holding", default=None)


@contextmanager
def holding_deliveries() -> Iterator[HeldMail]:
    """Store every mail queued inside the block as held instead of delivering it.

    The demo queues about 150 mails to made-up addresses; held, they stay readable in the
    back office (outgoing mails, status "held") instead of flooding the console, and
    `release_held_mail` sends them after all. Only the outbox's deliveries are held: every
    other background task is enqueued as usual.
    """
    held = HeldMail()
    token = _holding.set(held)
    try:
        yield held
    finally:
        _holding.reset(token)


def queue_mail(
    kind: str,
    to: str,
    context: dict,
    language: str | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> OutgoingMail:
    """Render the three templates of `kind` for one recipient and queue the mail.

    `attachments` are (file name, content, MIME type) triples stored with the mail;
    `headers` extra header lines (a digest's List-Unsubscribe, RFC 8058).

    Delivery is enqueued after the surrounding transaction commits, so a rolled-back
    sign-up never sends a confirmation for an account that does not exist.
    """
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        base = f"outbox/mails/{kind}"
        subject = " ".join(render_plain_text(f"{base}/subject.txt", context).split())
        text = render_plain_text(f"{base}/body.txt", context)
        html = render_to_string(f"{base}/body.html", context)
    return queue_rendered_mail(
        kind, to, subject, text, html, headers=headers, attachments=attachments
    )


def render_plain_text(template_name: str, context: dict) -> str:
    """A subject or text body: plain text, so nothing is HTML-escaped ("Games &
    Kreativwirtschaft" must not arrive as "Games &amp; Kreativwirtschaft"). Only the HTML
    body escapes what people typed."""
    template = engines["django"].get_template(template_name)
    return template.template.render(Context(context, autoescape=False))


def queue_rendered_mail(
    kind: str,
    to: str,
    subject: str,
    text: str,
    html: str = "",
    *,
    headers: dict[str, str] | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> OutgoingMail:
    """Queue a mail whose parts are already rendered (a mailing's test copy, for one)."""
    from knotenpunkt.outbox.tasks import deliver_mail

    held = _holding.get()
    mail = OutgoingMail.objects.create(
        kind=kind,
        to=to,
        subject=subject,
        body_text=text,
        body_html=html,
        headers=headers or {},
        status=OutgoingMail.Status.QUEUED if held is None else OutgoingMail.Status.HELD,
    )
    OutgoingMailAttachment.objects.bulk_create(
        OutgoingMailAttachment(mail=mail, filename=name, content=content, mimetype=mimetype)
        for name, content, mimetype in attachments or ()
    )
    if held is not None:
        held.count += 1
        return mail
    transaction.on_commit(lambda: deliver_mail.enqueue(mail.pk))
    return mail


def release_held_mail(mails) -> int:
    """Deliver held mails after all (of the queryset `mails`, the held ones): queued again,
    their delivery enqueued after commit. Returns how many were released."""
    from knotenpunkt.outbox.tasks import deliver_mail

    with transaction.atomic():
        ids = list(
            mails.filter(status=OutgoingMail.Status.HELD)
            .select_for_update()
            .values_list("pk", flat=True)
        )
        OutgoingMail.objects.filter(pk__in=ids, status=OutgoingMail.Status.HELD).update(
            status=OutgoingMail.Status.QUEUED
        )
        for mail_id in ids:
            transaction.on_commit(lambda mail_id=mail_id: deliver_mail.enqueue(mail_id))
    return len(ids)


def due_mails(now=None):
    """Mails a worker should try now: queued ones whose back-off is over, and "sending" ones
    whose worker let the lease run out (it died, or hangs)."""
    now = now or timezone.now()
    return OutgoingMail.objects.filter(
        Q(status=OutgoingMail.Status.QUEUED, retry_after__isnull=True)
        | Q(status=OutgoingMail.Status.QUEUED, retry_after__lte=now)
        | Q(status=OutgoingMail.Status.SENDING, leased_until__lt=now)
    )


def retry_delay(attempts: int) -> datetime.timedelta:
    """Exponential back-off: the base delay after the first failure, doubled after each."""
    return datetime.timedelta(seconds=settings.OUTBOX_RETRY_SECONDS * 2 ** (attempts - 1))


def _take(mail_id: int) -> OutgoingMail | None:
    """Lease a due mail to this worker (marking it sending), or None if it is not due.

    The row lock makes two workers that picked up the same mail (a task and the sweeper, a
    retry racing the original) send it once: the second finds it leased or done.
    """
    now = timezone.now()
    with transaction.atomic():
        mail = due_mails(now).select_for_update().filter(pk=mail_id).first()
        if mail is None:
            return None
        if mail.attempts >= MAX_ATTEMPTS:
            # Its last try's worker died: a mail that stops workers must not stop every one.
            mail.status = OutgoingMail.Status.FAILED
            mail.leased_until = None
            with translation.override(settings.LANGUAGE_CODE):
                mail.last_error = str(_LEASE_EXPIRED)
            mail.save(update_fields=["status", "leased_until", "last_error"])
            return None
        mail.status = OutgoingMail.Status.SENDING
        mail.attempts += 1
        mail.retry_after = None
        mail.leased_until = now + datetime.timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
        mail.save(update_fields=["status", "attempts", "retry_after", "leased_until"])
    return mail


_LEASE_EXPIRED = gettext_lazy(
    "The worker sending this mail stopped before it finished (lease expired), five times."
)


def _message(mail: OutgoingMail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[mail.to],
        headers=mail.headers or None,
        connection=get_connection(),
    )
    if mail.body_html:
        message.attach_alternative(mail.body_html, "text/html")
    for attachment in mail.attachments.all():
        message.attach(attachment.filename, bytes(attachment.content), attachment.mimetype)
    return message


def deliver(mail_id: int) -> OutgoingMail.Status | None:
    """Send one stored mail over the configured connection, once: lease, send, record.

    Over SMTP, "sent" is committed right before the final dot of the message
    (`outbox.transport`), so a worker killed at any moment neither loses the mail nor sends
    it twice; other backends (a provider's API) record right after the hand-over. A failed
    attempt is queued again after an exponential back-off (`retry_delay`) and, when the task
    backend can defer, a retry is enqueued for then; otherwise the sweeper (`knotenpunkt
    send-queued-mail`) picks it up. The fifth failure is final: "failed", with the reason.
    A worker killed while sending leaves the mail "sending" until its lease runs out; then
    it is due again (the server never got all of it, so it is sent again).
    """
    mail = _take(mail_id)
    if mail is None:
        # Not due (taken, waiting, done), or deleted meanwhile (its recipient was erased).
        return OutgoingMail.objects.filter(pk=mail_id).values_list("status", flat=True).first()
    message = _message(mail)
    try:
        if uses_smtp():
            _send_over_smtp(mail, message)
        else:
            message.send()
    except Exception as exc:  # noqa: BLE001 - any transport failure is recorded, not raised
        log.warning("Delivery of mail %s failed (try %s): %s", mail.pk, mail.attempts, exc)
        return _record_failure(mail, str(exc) or type(exc).__name__)
    _mark_sent(mail)
    return OutgoingMail.Status.SENT


def _send_over_smtp(mail: OutgoingMail, message: EmailMultiAlternatives) -> None:
    transport = SmtpTransport()
    try:
        transport.send(
            parseaddr(message.from_email)[1],
            mail.to,
            message_bytes(message),
            mark_sent=lambda: _mark_sent(mail),
        )
    finally:
        transport.close()


def _mark_sent(mail: OutgoingMail) -> None:
    # Only the holder of this attempt's lease records it (a worker that outlived its lease
    # finds the mail taken over and leaves the record to the new holder).
    with transaction.atomic():
        OutgoingMail.objects.filter(
            pk=mail.pk, status=OutgoingMail.Status.SENDING, attempts=mail.attempts
        ).update(status=OutgoingMail.Status.SENT, sent_at=timezone.now(), leased_until=None)


def _record_failure(mail: OutgoingMail, error: str) -> OutgoingMail.Status:
    final = mail.attempts >= MAX_ATTEMPTS
    retry_after = None if final else timezone.now() + retry_delay(mail.attempts)
    status = OutgoingMail.Status.FAILED if final else OutgoingMail.Status.QUEUED
    with transaction.atomic():
        # "sent" too: a server that refused after the final dot undoes the early mark.
        OutgoingMail.objects.filter(
            pk=mail.pk,
            status__in=[OutgoingMail.Status.SENDING, OutgoingMail.Status.SENT],
            attempts=mail.attempts,
        ).update(
            status=status,
            retry_after=retry_after,
            leased_until=None,
            sent_at=None,
            last_error=error[:2000],
        )
        if retry_after is not None:
            _enqueue_retry(mail.pk, retry_after)
    return status


def _enqueue_retry(mail_id: int, when) -> None:
    from knotenpunkt.outbox.tasks import deliver_mail

    if deliver_mail.get_backend().supports_defer:
        transaction.on_commit(lambda: deliver_mail.using(run_after=when).enqueue(mail_id))


def send_due_mail(limit: int | None = None) -> dict[str, int]:
    """The sweeper: deliver every due mail in this process (for task backends that cannot
    defer, and for mails whose worker died). Counts the outcomes."""
    counts = collections.Counter()
    ids = due_mails().order_by("created_at", "pk").values_list("pk", flat=True)
    for mail_id in list(ids[:limit] if limit else ids):
        counts[str(deliver(mail_id))] += 1
    return dict(counts)
