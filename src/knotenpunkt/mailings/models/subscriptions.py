"""Mailing lists people subscribe to, and their subscriptions (double opt-in)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MailingList(models.Model):
    """A list or topic a person can subscribe to: the newsletter, a special one, invitations."""

    class Kind(models.TextChoices):
        NEWSLETTER = "newsletter", _("Newsletter")
        SPECIAL = "special", _("Special newsletter")
        INVITATIONS = "invitations", _("Invitations")

    cluster = models.ForeignKey(
        "directory.Cluster",
        verbose_name=_("cluster"),
        on_delete=models.CASCADE,
        related_name="mailing_lists",
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short address"), max_length=80)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NEWSLETTER)
    description = models.TextField(_("description"), blank=True)
    topic = models.ForeignKey(
        "directory.Topic",
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mailing_lists",
    )
    group = models.ForeignKey(
        "groups.Group",
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mailing_lists",
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("mailing list")
        verbose_name_plural = _("mailing lists")
        ordering = ["cluster", "name"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "slug"], name="mailinglist_unique_slug")
        ]

    def __str__(self):
        return self.name


class Subscription(models.Model):
    """One person's subscription to one list. Only ACTIVE ones may ever be mailed.

    The row is kept after an unsubscribe (status UNSUBSCRIBED) so a later re-subscription
    goes through double opt-in again and the history stays with the consent records.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        ACTIVE = "active", _("Active")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    mailing_list = models.ForeignKey(
        MailingList,
        verbose_name=_("mailing list"),
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    source = models.CharField(
        _("source"), max_length=100, blank=True, help_text=_("The form the request came from.")
    )

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "mailing_list"], name="subscription_unique_person_list"
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.mailing_list}"
