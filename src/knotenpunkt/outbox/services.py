"""The one way out for mail: render, store in the outbox, deliver in a background task."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from knotenpunkt.outbox.models import OutgoingMail, OutgoingMailAttachment

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


def queue_mail(
    kind: str,
    to: str,
    context: dict,
    language: str | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> OutgoingMail:
    """Render the three templates of `kind` for one recipient and queue the mail.

    `attachments` are (file name, content, MIME type) triples stored with the mail.

    Delivery is enqueued after the surrounding transaction commits, so a rolled-back
    sign-up never sends a confirmation for an account that does not exist.
    """
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        base = f"outbox/mails/{kind}"
        subject = " ".join(render_to_string(f"{base}/subject.txt", context).split())
        text = render_to_string(f"{base}/body.txt", context)
        html = render_to_string(f"{base}/body.html", context)
    return queue_rendered_mail(kind, to, subject, text, html, attachments=attachments)


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

    mail = OutgoingMail.objects.create(
        kind=kind, to=to, subject=subject, body_text=text, body_html=html, headers=headers or {}
    )
    OutgoingMailAttachment.objects.bulk_create(
        OutgoingMailAttachment(mail=mail, filename=name, content=content, mimetype=mimetype)
        for name, content, mimetype in attachments or ()
    )
    transaction.on_commit(lambda: deliver_mail.enqueue(mail.pk))
    return mail


def deliver(mail_id: int) -> OutgoingMail.Status:
    """Send one stored mail over the configured connection, exactly once.

    The row lock makes two workers that picked up the same mail id (a retry racing the
    original) send it once: the second finds it no longer queued.
    """
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().get(pk=mail_id)
        if mail.status != OutgoingMail.Status.QUEUED:
            return mail.status
        mail.status = OutgoingMail.Status.SENDING
        mail.attempts += 1
        mail.save(update_fields=["status", "attempts"])

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
    try:
        message.send()
    except Exception as exc:  # noqa: BLE001 - any transport failure is recorded, not raised
        log.warning("Delivery of mail %s failed: %s", mail.pk, exc)
        mail.status = (
            OutgoingMail.Status.QUEUED
            if mail.attempts < MAX_ATTEMPTS
            else OutgoingMail.Status.FAILED
        )
        mail.last_error = str(exc)[:2000]
        mail.save(update_fields=["status", "last_error"])
        return mail.status
    mail.status = OutgoingMail.Status.SENT
    mail.sent_at = timezone.now()
    mail.save(update_fields=["status", "sent_at"])
    return mail.status
