"""Subscriptions to the weekly digest of new postings (double opt-in by e-mail)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobDigestSubscription(models.Model):
    """A person's wish to get the new postings of each week, optionally only some kinds
    or topics. Only ACTIVE ones are mailed. The row stays after an unsubscribe (like the
    mailings' subscriptions), so a later sign-up goes through the double opt-in again."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        ACTIVE = "active", _("Active")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    person = models.OneToOneField(
        "directory.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="job_digest",
    )
    # The address the person confirmed for the digest (their login's address when they
    # subscribed while logged in).
    email = models.EmailField(_("e-mail address"))
    kinds = models.JSONField(
        _("kinds"), default=list, blank=True, help_text=_("Empty: postings of every kind.")
    )
    topics = models.ManyToManyField(
        "directory.Topic", verbose_name=_("topics"), related_name="+", blank=True
    )
    language = models.CharField(_("language"), max_length=10, default="de")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    source = models.CharField(_("source"), max_length=100, blank=True)
    requested_at = models.DateTimeField(_("requested"))
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("last digest sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("job digest subscription")
        verbose_name_plural = _("job digest subscriptions")
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return str(self.person)
