"""What the cluster management does with its members: company visits, consultations,
calls and introductions, each with the follow-up tasks it leaves."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from knotenpunkt.directory.models import Cluster, Organisation, Person, Topic


class Interaction(models.Model):
    """One contact of the cluster management with an organisation and its people."""

    class Kind(models.TextChoices):
        COMPANY_VISIT = "company_visit", _("Company visit")
        CONSULTATION = "consultation", _("Consultation")
        FUNDING_ADVICE = "funding_advice", _("Funding advice")
        CALL = "call", _("Call")
        INTRODUCTION = "introduction", _("Introduction")
        OTHER = "other", _("Other")

    class NotesVisibility(models.TextChoices):
        AUTHOR = "author", _("Only me")
        STAFF = "staff", _("Cluster staff")

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.PROTECT, related_name="interactions"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="interactions",
    )
    people = models.ManyToManyField(
        Person, verbose_name=_("people met"), related_name="interactions", blank=True
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"))
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff who took part"),
        related_name="interactions_taken_part",
        blank=True,
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), related_name="interactions", blank=True
    )
    summary = models.CharField(_("summary"), max_length=300)
    notes = models.TextField(_("notes"), blank=True)
    notes_visibility = models.CharField(
        _("who may read the notes"),
        max_length=10,
        choices=NotesVisibility.choices,
        default=NotesVisibility.STAFF,
    )
    introduced_to = models.ForeignKey(
        Organisation,
        verbose_name=_("introduced to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="introductions_received",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interactions_recorded",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["cluster", "kind", "date"]),
            models.Index(fields=["organisation", "date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(introduced_to__isnull=True) | Q(kind="introduction"),
                name="interaction_introduced_to_only_for_introductions",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.organisation} ({self.date:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("interactions:detail", args=[self.pk])

    @property
    def notes_are_private(self) -> bool:
        return self.notes_visibility == self.NotesVisibility.AUTHOR


class FollowUp(models.Model):
    """A task an interaction leaves, with a due day; its assignee is reminded once."""

    interaction = models.ForeignKey(
        Interaction,
        verbose_name=_("interaction"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    title = models.CharField(_("task"), max_length=200)
    due_on = models.DateField(_("due on"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
    )
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    # Set when the assignee was reminded; a changed due day clears it.
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["assignee", "done_at", "due_on"])]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.done_at is None
