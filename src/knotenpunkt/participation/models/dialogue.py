"""The citizens' dialogue of a phase: proposals, comments on them, supports and reports.

A contribution (proposal or comment) passes through states: it waits for its author's
e-mail confirmation (e-mail identity without an account), then for a moderator
(pre-moderation), and is public; a moderator may hide it with a public reason.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from knotenpunkt.participation.models.processes import Phase


def _token() -> str:
    return secrets.token_urlsafe(24)


class Dialogue(models.Model):
    """The rules of one dialogue phase: who may write and how it is moderated."""

    class Identity(models.TextChoices):
        ACCOUNT = "account", _("An account is required")
        EMAIL = "email", _("Account or a confirmed e-mail address")
        ANONYMOUS = "anonymous", _("Anonymous (no identity)")

    class Moderation(models.TextChoices):
        PRE = "pre", _("Pre-moderation: public after a moderator approves")
        POST = "post", _("Post-moderation: public at once, moderators may hide")

    phase = models.OneToOneField(
        Phase, verbose_name=_("phase"), on_delete=models.CASCADE, related_name="dialogue"
    )
    identity = models.CharField(
        _("who may write"), max_length=10, choices=Identity.choices, default=Identity.ACCOUNT
    )
    moderation = models.CharField(
        _("moderation"), max_length=4, choices=Moderation.choices, default=Moderation.PRE
    )
    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("What the dialogue asks (Markdown).")
    )

    class Meta:
        verbose_name = _("citizens' dialogue")
        verbose_name_plural = _("citizens' dialogues")

    def __str__(self):
        return str(self.phase)

    def get_absolute_url(self):
        return reverse("participation:dialogue", args=[self.phase_id])

    @property
    def process(self):
        return self.phase.process


class DialogueTopic(models.Model):
    dialogue = models.ForeignKey(
        Dialogue, verbose_name=_("dialogue"), on_delete=models.CASCADE, related_name="topics"
    )
    title = models.CharField(_("title"), max_length=100)

    class Meta:
        verbose_name = _("dialogue topic")
        verbose_name_plural = _("dialogue topics")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["dialogue", "title"], name="dialogue_topic_unique")
        ]

    def __str__(self):
        return self.title


class HidingReason(models.TextChoices):
    INSULTING = "insulting", _("insulting")
    DISCRIMINATORY = "discriminatory", _("discriminatory")
    OFF_TOPIC = "off_topic", _("off topic")
    ADVERTISING = "advertising", _("advertising or spam")
    PERSONAL_DATA = "personal_data", _("personal data of others")
    UNLAWFUL = "unlawful", _("unlawful content")
    DUPLICATE = "duplicate", _("duplicate")


class Contribution(models.Model):
    """What proposals and comments share: text, author, state, moderation."""

    class State(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Waiting for the e-mail confirmation")
        PENDING = "pending", _("Waiting for moderation")
        PUBLISHED = "published", _("Published")
        HIDDEN = "hidden", _("Hidden by the moderation")

    text = models.TextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, db_index=True)
    confirmation_token = models.CharField(max_length=64, default=_token, unique=True)
    # A keyed hash of the sender's network (IPv4 address, IPv6 /64) for the rate limits;
    # never the address itself.
    ip_hash = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(_("written"), auto_now_add=True, db_index=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    hidden_reason = models.CharField(
        _("reason"), max_length=20, choices=HidingReason.choices, blank=True
    )
    hidden_note = models.TextField(_("explanation"), blank=True)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        return self.state in (self.State.PUBLISHED, self.State.HIDDEN)

    @property
    def is_hidden(self) -> bool:
        return self.state == self.State.HIDDEN


class DialogueProposal(Contribution):
    class Status(models.TextChoices):
        OPEN = "open", _("Not answered yet")
        UNDER_REVIEW = "review", _("Under review")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        IMPLEMENTED = "implemented", _("Implemented")
        MEASURES = "measures", _("Taken into the measures table")

    dialogue = models.ForeignKey(
        Dialogue, verbose_name=_("dialogue"), on_delete=models.CASCADE, related_name="proposals"
    )
    title = models.CharField(_("title"), max_length=150)
    topic = models.ForeignKey(
        DialogueTopic,
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["dialogue", "state", "status"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("participation:dialogue_proposal", args=[self.pk])


class DialogueComment(Contribution):
    proposal = models.ForeignKey(
        DialogueProposal,
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]

    def get_absolute_url(self):
        return f"{self.proposal.get_absolute_url()}#comment-{self.pk}"


class DialogueSupport(models.Model):
    """One person's support of a proposal: by account, or by an e-mail address that
    counts once it is confirmed."""

    proposal = models.ForeignKey(
        DialogueProposal,
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="supports",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    confirmation_token = models.CharField(max_length=64, default=_token, unique=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True, db_index=True)
    ip_hash = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(_("given"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "user"],
                condition=Q(user__isnull=False),
                name="dialogue_support_once_per_account",
            ),
            models.UniqueConstraint(
                fields=["proposal", "email"],
                condition=~Q(email=""),
                name="dialogue_support_once_per_address",
            ),
        ]

    def __str__(self):
        return f"{self.proposal}: {self.pk}"


class DialogueReport(models.Model):
    """Someone points the moderators at a proposal or comment."""

    class Reason(models.TextChoices):
        INSULTING = "insulting", _("It is insulting or discriminatory")
        SPAM = "spam", _("It is advertising or spam")
        PERSONAL_DATA = "personal_data", _("It reveals personal data of others")
        UNLAWFUL = "unlawful", _("It is unlawful")
        OFF_TOPIC = "off_topic", _("It is off topic")
        OTHER = "other", _("Something else")

    proposal = models.ForeignKey(
        DialogueProposal,
        verbose_name=_("proposal"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
    )
    comment = models.ForeignKey(
        DialogueComment,
        verbose_name=_("comment"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.TextField(_("details"), blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ip_hash = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True, db_index=True)
    resolved_at = models.DateTimeField(_("dealt with"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(proposal__isnull=False, comment__isnull=True)
                | Q(proposal__isnull=True, comment__isnull=False),
                name="dialogue_report_has_one_target",
            )
        ]

    def __str__(self):
        return f"{self.get_reason_display()} ({self.pk})"

    @property
    def target(self):
        return self.proposal or self.comment
