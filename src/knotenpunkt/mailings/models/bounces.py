"""Bounces: every report that a mail could not be delivered, kept so staff can see why an
address was suppressed."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Bounce(models.Model):
    """One delivery failure reported for one address, from a bounce mailbox or a mail
    provider's webhook. Written by services/bounces.py only, never edited by hand."""

    # Lower-cased when stored: the 30-day count of temporary failures and the lookups
    # by address stay plain equality on an index.
    address = models.EmailField(_("e-mail address"))
    permanent = models.BooleanField(
        _("permanent"),
        help_text=_(
            "A permanent failure (e.g. unknown user). Temporary ones (e.g. mailbox full) "
            "suppress the address only from the third within 30 days."
        ),
    )
    suppressed = models.BooleanField(
        _("address suppressed"),
        default=False,
        help_text=_("This bounce marked the address as bouncing; it is no longer mailed."),
    )
    occurred_at = models.DateTimeField(_("received"), default=timezone.now)
    diagnostic = models.CharField(_("reason given"), max_length=1000, blank=True)
    source = models.CharField(
        _("source"), max_length=100, help_text=_("The mailbox or mail provider that reported it.")
    )
    message_id = models.CharField(
        _("message ID"), max_length=255, blank=True, help_text=_("Of the mail that bounced.")
    )
    # The bounce mail's own Message-ID or the provider's event id: processing the same
    # report twice (a mailbox read again, a webhook retried) must not count it twice.
    report_id = models.CharField(_("report ID"), max_length=255, blank=True, editable=False)
    recipient = models.ForeignKey(
        "mailings.MailingRecipient",
        verbose_name=_("mailing recipient"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bounces",
    )

    class Meta:
        verbose_name = _("bounce")
        verbose_name_plural = _("bounces")
        ordering = ["-occurred_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["report_id", "address"],
                condition=~Q(report_id=""),
                name="bounce_unique_report",
            )
        ]
        indexes = [models.Index(fields=["address", "occurred_at"], name="bounce_address_time")]

    def __str__(self):
        return self.address
