"""Mailings: what staff compose (blocks), and the per-recipient outbox they are sent through."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Mailing(models.Model):
    """One newsletter or invitation mailing to the subscribers of a list, optionally
    narrowed to a target group. The list is the consent basis: nobody outside its active
    subscriptions is ever mailed, whatever the target group says."""

    class Template(models.TextChoices):
        NEWSLETTER = "newsletter", _("Newsletter")
        INVITATION = "invitation", _("Invitation")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Sending")
        # Stopped at an error no retry cures (see pause_reason); staff resume it.
        PAUSED = "paused", pgettext_lazy("mailing status", "Paused")
        SENT = "sent", _("Sent")
        CANCELLED = "cancelled", pgettext_lazy("mailing status", "Cancelled")

    class Archive(models.TextChoices):
        NONE = "none", _("Not in the archive")
        MEMBERS = "members", _("Archive for members")
        PUBLIC = "public", _("Public archive")

    cluster = models.ForeignKey(
        "directory.Cluster",
        verbose_name=_("cluster"),
        on_delete=models.CASCADE,
        related_name="mailings",
    )
    mailing_list = models.ForeignKey(
        "mailings.MailingList",
        verbose_name=_("mailing list"),
        on_delete=models.PROTECT,
        related_name="mailings",
        help_text=_("Only people with a confirmed subscription to this list receive the mailing."),
    )
    # PROTECT: deleting the target group of a scheduled mailing must not silently widen
    # it to the whole list.
    segment = models.ForeignKey(
        "mailings.Segment",
        verbose_name=_("target group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mailings",
        help_text=_("Leave empty to reach every subscriber of the list."),
    )
    template = models.CharField(
        _("template"), max_length=20, choices=Template.choices, default=Template.NEWSLETTER
    )
    subject = models.CharField(_("subject"), max_length=200)
    preheader = models.CharField(
        _("preview text"),
        max_length=200,
        blank=True,
        help_text=_("Shown by many mail programs next to the subject."),
    )
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="de"
    )
    formal = models.BooleanField(
        _("formal salutation"),
        default=True,
        help_text=_('"Sehr geehrte Frau Dr. Weber" instead of "Liebe Anna".'),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    scheduled_for = models.DateTimeField(_("send at"), null=True, blank=True)
    started_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("sending finished"), null=True, blank=True)
    paused_at = models.DateTimeField(_("paused"), null=True, blank=True, editable=False)
    pause_reason = models.TextField(_("reason for the pause"), blank=True, editable=False)
    track_engagement = models.BooleanField(
        _("count opens and clicks"),
        default=False,
        help_text=_("Counted in total only, never per person. Off unless you need it."),
    )
    open_count = models.PositiveIntegerField(_("opens"), default=0, editable=False)
    archive = models.CharField(
        _("archive"), max_length=10, choices=Archive.choices, default=Archive.NONE
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The worker that sends holds a lease it renews with every batch; a worker that
    # died leaves an expired lease, and the next one resumes where it stopped.
    lease_owner = models.CharField(max_length=64, blank=True, editable=False)
    lease_until = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("mailing")
        verbose_name_plural = _("mailings")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("mailings:mailing_detail", args=[self.pk])

    def get_archive_url(self):
        return reverse("mailings:archive_mailing", args=[self.cluster.slug, self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.SCHEDULED)


class MailingBlock(models.Model):
    """One content block of a mailing, in order."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        IMAGE = "image", _("Image")
        EVENT = "event", _("Event teaser")
        PORTRAIT = "portrait", _("Member portrait")

    mailing = models.ForeignKey(
        Mailing, verbose_name=_("mailing"), on_delete=models.CASCADE, related_name="blocks"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    heading = models.CharField(_("heading"), max_length=200, blank=True)
    text = models.TextField(
        _("text"),
        blank=True,
        help_text=_(
            "Markdown. Personal fields: {salutation}, {first_name}, {last_name}, "
            "{organisation} (also {anrede}, {vorname}, {nachname})."
        ),
    )
    image = models.ImageField(_("image"), upload_to="mailings/", blank=True)
    image_alt = models.CharField(
        _("image description"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    link_url = models.URLField(_("link"), blank=True)
    link_label = models.CharField(_("link text"), max_length=100, blank=True)
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("content block")
        verbose_name_plural = _("content blocks")
        ordering = ["mailing", "position", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.position}"


class MailingRecipient(models.Model):
    """The per-recipient outbox of a mailing: who gets it at which address, and how far
    delivery got. Written when sending starts (the target group evaluated at send time),
    never edited by hand."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENT = "sent", _("Sent")
        SKIPPED = "skipped", _("Not sent")
        FAILED = "failed", _("Failed")

    class SkipReason(models.TextChoices):
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed meanwhile")
        BOUNCING = "bouncing", _("Address bounces")
        CANCELLED = "cancelled", _("Mailing cancelled")

    mailing = models.ForeignKey(
        Mailing, verbose_name=_("mailing"), on_delete=models.CASCADE, related_name="recipients"
    )
    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="mailing_receipts",
    )
    email = models.EmailField(_("e-mail address"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    skip_reason = models.CharField(
        _("reason"), max_length=20, choices=SkipReason.choices, blank=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    bounced_at = models.DateTimeField(_("bounced"), null=True, blank=True)

    class Meta:
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        ordering = ["mailing", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["mailing", "person"], name="mailingrecipient_unique_person"
            )
        ]
        indexes = [models.Index(fields=["mailing", "status"], name="mailingrecipient_status")]

    def __str__(self):
        return f"{self.mailing} → {self.email}"


class MailingLink(models.Model):
    """A link of a mailing with engagement counting on: only the total of clicks."""

    mailing = models.ForeignKey(
        Mailing, verbose_name=_("mailing"), on_delete=models.CASCADE, related_name="links"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    url = models.URLField(_("link"), max_length=2000)
    clicks = models.PositiveIntegerField(_("clicks"), default=0)

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        ordering = ["mailing", "position"]
        constraints = [
            models.UniqueConstraint(fields=["mailing", "position"], name="mailinglink_unique")
        ]

    def __str__(self):
        return self.url
