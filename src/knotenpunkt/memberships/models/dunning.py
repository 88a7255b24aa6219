"""Dunning as data: reminder levels per cluster, the reminders sent, pauses and payments."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from knotenpunkt.directory.models import Cluster, Organisation
from knotenpunkt.invoicing.models import Invoice


class ReminderLevel(models.Model):
    cluster = models.ForeignKey(
        Cluster,
        verbose_name=_("cluster"),
        on_delete=models.CASCADE,
        related_name="reminder_levels",
    )
    level = models.PositiveSmallIntegerField(_("level"), validators=[MinValueValidator(1)])
    days_after_due = models.PositiveSmallIntegerField(_("days after the due date"))
    fee = models.DecimalField(
        _("reminder fee (EUR)"),
        max_digits=8,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    subject = models.CharField(_("subject"), max_length=200)
    text = models.TextField(
        _("text"),
        help_text=_("Placeholders: {organisation}, {invoice}, {amount}, {due_date}, {cluster}."),
    )

    class Meta:
        verbose_name = _("reminder level")
        verbose_name_plural = _("reminder levels")
        ordering = ["cluster", "level"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "level"], name="one_reminder_per_level"),
        ]

    def __str__(self):
        return f"{self.cluster}: {_('level')} {self.level}"


class Reminder(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="reminders")
    level = models.PositiveSmallIntegerField(_("level"))
    fee = models.DecimalField(_("reminder fee"), max_digits=8, decimal_places=2, default=0)
    sent_on = models.DateField(_("sent"))
    sent_to = models.EmailField(_("sent to"), blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["invoice", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["invoice", "level"], name="one_reminder_per_invoice_level"
            )
        ]

    def __str__(self):
        return f"{self.invoice} – {self.level}"


class DunningPause(models.Model):
    """No reminders to this organisation in this cluster while the pause lasts."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="dunning_pauses"
    )
    reason = models.CharField(_("reason"), max_length=300)
    paused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    paused_at = models.DateTimeField(_("paused"), auto_now_add=True)
    ended_at = models.DateTimeField(_("resumed"), null=True, blank=True)

    class Meta:
        verbose_name = _("dunning pause")
        verbose_name_plural = _("dunning pauses")
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "organisation"],
                condition=Q(ended_at__isnull=True),
                name="one_running_dunning_pause",
            )
        ]

    def __str__(self):
        return f"{self.organisation}: {self.reason}"


class PaymentRecord(models.Model):
    """How an invoice was paid, when staff record it by hand or the bank statement does."""

    class Method(models.TextChoices):
        TRANSFER = "transfer", _("Bank transfer")
        CASH = "cash", _("Cash")
        DIRECT_DEBIT = "direct_debit", _("Direct debit")

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="payment_records")
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    paid_on = models.DateField(_("paid on"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-paid_on"]

    def __str__(self):
        return f"{self.invoice} {self.amount} ({self.paid_on})"
