"""A participation process, its phases and its invitations."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knotenpunkt.directory.models import Cluster, Organisation, Person


class Process(models.Model):
    """A participation process (Beteiligungsprozess), owned by a cluster or by a public
    body (an organisation such as a county or a city) that uses the platform."""

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBERS = "members", _("Members only")
        INVITED = "invited", _("By invitation only")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two sentences for the overview.")
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("What the process is about (Markdown).")
    )
    cluster = models.ForeignKey(
        Cluster,
        verbose_name=_("cluster"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="participation_processes",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("public body"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="participation_processes",
        help_text=_("A county, city or other public body that runs the process."),
    )
    visibility = models.CharField(
        _("who takes part"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.INVITED,
        help_text=_(
            "Public: everyone may read, and everyone with an account may take part. "
            "Members only: people of the cluster's member organisations (for a public "
            "body's process: everyone with an account). By invitation: only invited people."
        ),
    )
    attribute_ideas = models.BooleanField(
        _("moderators see who wrote what"),
        default=False,
        help_text=_(
            "Contributions are anonymous to the other participants either way. Tell the "
            "participants before they write if moderators will see their names."
        ),
    )
    moderators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderators"),
        blank=True,
        related_name="moderated_processes",
    )
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("participation process")
        verbose_name_plural = _("participation processes")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cluster__isnull=False, organisation__isnull=True)
                | Q(cluster__isnull=True, organisation__isnull=False),
                name="process_has_one_owner",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("participation:process", args=[self.slug])

    @property
    def owner(self):
        return self.cluster or self.organisation

    def current_phase(self, today=None):
        """The phase running today, else the next one, else the last (None without
        phases)."""
        today = today or timezone.localdate()
        phases = list(self.phases.all())
        for phase in phases:
            if phase.starts_on <= today <= phase.ends_on:
                return phase
        upcoming = [p for p in phases if p.starts_on > today]
        if upcoming:
            return upcoming[0]
        return phases[-1] if phases else None


class Phase(models.Model):
    """A stretch of a process with dates, run with one of the modules."""

    class Module(models.TextChoices):
        WORKSHOP_BOARD = "board", _("Workshop board: vision, values, goals")
        BRAINWRITING = "brainwriting", _("Brainwriting")
        MEASURES = "measures", _("Measures table")
        DIALOGUE = "dialogue", _("Citizens' dialogue")
        SURVEY = "survey", _("Expert survey")
        EVALUATION = "evaluation", _("Evaluation")

    process = models.ForeignKey(
        Process, verbose_name=_("process"), on_delete=models.CASCADE, related_name="phases"
    )
    title = models.CharField(_("title"), max_length=200)
    module = models.CharField(_("module"), max_length=20, choices=Module.choices)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="phase_ends_after_it_starts"
            )
        ]

    def __str__(self):
        return f"{self.process}: {self.title}"

    def state(self, today=None) -> str:
        today = today or timezone.localdate()
        if today < self.starts_on:
            return "upcoming"
        if today > self.ends_on:
            return "done"
        return "running"


def _token() -> str:
    return secrets.token_urlsafe(24)


class Invitation(models.Model):
    """An invitation to a process: by e-mail address, accepted by a logged-in person."""

    process = models.ForeignKey(
        Process, verbose_name=_("process"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participation_invitations",
    )
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    invited_at = models.DateTimeField(_("invited"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participation_invitations",
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["process", "email"]
        constraints = [
            models.UniqueConstraint(fields=["process", "email"], name="one_invitation_per_address")
        ]

    def __str__(self):
        return f"{self.process}: {self.email}"
