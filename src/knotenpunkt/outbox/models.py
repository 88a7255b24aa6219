from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingMail(models.Model):
    """Every mail the platform sends, stored before it leaves, with its delivery state.

    queued → sending (leased to one worker until `leased_until`) → sent; a failed attempt
    goes back to queued until `retry_after`, the fifth ends in failed with the reason. A
    mail still "sending" after its lease ran out belonged to a worker that died: it is due
    again. A mail queued while deliveries are held (`services.holding_deliveries`, used by
    the demo) is stored as held: shown in the back office, delivered only once released.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        HELD = "held", _("Held (not sent)")

    kind = models.CharField(_("kind"), max_length=60, db_index=True)
    to = models.EmailField(_("recipient"))
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    headers = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    retry_after = models.DateTimeField(_("next try"), null=True, blank=True)
    leased_until = models.DateTimeField(_("sending until"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mails")
        ordering = ["-created_at"]
        # The sweeper's question: which queued or sending mails are due?
        indexes = [models.Index(fields=["status", "retry_after"], name="outbox_due")]

    def __str__(self):
        return f"{self.kind} → {self.to}"


class OutgoingMailAttachment(models.Model):
    """A file sent with a mail (a ticket, an invoice), stored with it until delivery."""

    mail = models.ForeignKey(OutgoingMail, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(_("file name"), max_length=200)
    mimetype = models.CharField(_("type"), max_length=100)
    content = models.BinaryField(_("content"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.filename
