"""Live brainwriting (the 6-3-5 method): in groups, each participant writes ideas on a
sheet for a few minutes, then the sheets pass on and the next one extends them.

The session's clock is the server's: `round_ends_at` is the deadline of the running round,
and the services move the session on lazily whenever someone looks or writes. Every round
is kept (`BrainwritingRound`, with when it really ended), so that an idea is stored by the
round open when the server received it, however late the request gets the lock.
"""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from knotenpunkt.participation.models.processes import Phase


class BrainwritingSession(models.Model):
    """The brainwriting of one phase: its settings and where it stands."""

    class State(models.TextChoices):
        PREPARING = "preparing", _("Preparing")
        RUNNING = "running", _("Running")
        PAUSED = "paused", _("Paused")
        FINISHED = "finished", _("Finished")

    phase = models.OneToOneField(
        Phase, verbose_name=_("phase"), on_delete=models.CASCADE, related_name="brainwriting"
    )
    rounds = models.PositiveSmallIntegerField(
        _("rounds"), default=5, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    minutes_per_round = models.PositiveSmallIntegerField(
        _("minutes per round"), default=3, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    ideas_per_round = models.PositiveSmallIntegerField(
        _("ideas per sheet and round"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PREPARING
    )
    current_round = models.PositiveSmallIntegerField(_("current round"), default=0)
    round_ends_at = models.DateTimeField(_("round ends at"), null=True, blank=True)
    # While paused: what was left of the running round.
    paused_remaining = models.DurationField(_("time left when paused"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("brainwriting session")
        verbose_name_plural = _("brainwriting sessions")

    def __str__(self):
        return str(self.phase)

    @property
    def round_length(self) -> timedelta:
        return timedelta(minutes=self.minutes_per_round)

    @property
    def is_live(self) -> bool:
        return self.state in (self.State.RUNNING, self.State.PAUSED)


class BrainwritingGroup(models.Model):
    """A group of a session, by topic ("New work", "Tourism"); its sheets pass around
    within it."""

    session = models.ForeignKey(
        BrainwritingSession,
        verbose_name=_("brainwriting session"),
        on_delete=models.CASCADE,
        related_name="groups",
    )
    title = models.CharField(_("topic"), max_length=120)

    class Meta:
        verbose_name = _("brainwriting group")
        verbose_name_plural = _("brainwriting groups")
        ordering = ["session", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "title"], name="brainwriting_group_title")
        ]

    def __str__(self):
        return self.title


class BrainwritingSeat(models.Model):
    """A participant's place in a group. `position` is fixed when the session starts; it
    decides the rotation. The seat (and its sheet) stays when the person is erased."""

    session = models.ForeignKey(
        BrainwritingSession,
        verbose_name=_("brainwriting session"),
        on_delete=models.CASCADE,
        related_name="seats",
    )
    group = models.ForeignKey(
        BrainwritingGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="seats"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="brainwriting_seats",
    )
    position = models.PositiveSmallIntegerField(_("position"), null=True, blank=True)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("brainwriting seat")
        verbose_name_plural = _("brainwriting seats")
        ordering = ["group", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"], name="one_brainwriting_seat_per_person"
            ),
            models.UniqueConstraint(
                fields=["group", "position"], name="one_brainwriting_seat_per_position"
            ),
        ]

    def __str__(self):
        return f"{self.group}: {self.position}"


class BrainwritingSheet(models.Model):
    """A sheet of a group; sheet `position` i is written in round r by the seat at
    position (i + r - 1) mod n, n being the group's seats when the session started."""

    group = models.ForeignKey(
        BrainwritingGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="sheets"
    )
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        verbose_name = _("brainwriting sheet")
        verbose_name_plural = _("brainwriting sheets")
        ordering = ["group", "position"]
        constraints = [
            models.UniqueConstraint(fields=["group", "position"], name="one_sheet_per_position")
        ]

    def __str__(self):
        return f"{self.group}: {self.position + 1}"

    @property
    def letter(self) -> str:
        """The sheet's name for people: A, B, C, …"""
        n, name = self.position, ""
        while True:
            name = chr(ord("A") + n % 26) + name
            n = n // 26 - 1
            if n < 0:
                return name


class BrainwritingRound(models.Model):
    """One round of a session: when it started, its deadline and when it really ended
    (early, by the facilitator, or at the deadline)."""

    session = models.ForeignKey(
        BrainwritingSession,
        verbose_name=_("brainwriting session"),
        on_delete=models.CASCADE,
        related_name="round_log",
    )
    number = models.PositiveSmallIntegerField(_("round"))
    started_at = models.DateTimeField(_("started"))
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)

    class Meta:
        verbose_name = _("brainwriting round")
        verbose_name_plural = _("brainwriting rounds")
        ordering = ["session", "number"]
        constraints = [
            models.UniqueConstraint(fields=["session", "number"], name="one_round_per_number")
        ]

    def __str__(self):
        return f"{self.session}: {self.number}"

    def was_open_at(self, moment) -> bool:
        return self.started_at <= moment and (self.ended_at is None or moment < self.ended_at)


class BrainwritingIdea(models.Model):
    """An idea written on a sheet in a round, possibly building on one above it. Anonymous
    to the other participants; the author is dropped when the person is erased."""

    sheet = models.ForeignKey(
        BrainwritingSheet, verbose_name=_("sheet"), on_delete=models.CASCADE, related_name="ideas"
    )
    round = models.PositiveSmallIntegerField(_("round"))
    text = models.TextField(_("idea"), max_length=1000)
    extends = models.ForeignKey(
        "self",
        verbose_name=_("builds on"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="extensions",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="brainwriting_ideas",
    )
    created_at = models.DateTimeField(_("written"))

    class Meta:
        verbose_name = _("brainwriting idea")
        verbose_name_plural = _("brainwriting ideas")
        ordering = ["sheet", "round", "created_at", "pk"]
        indexes = [models.Index(fields=["sheet", "round"], name="brainwriting_idea_sheet_round")]

    def __str__(self):
        return self.text[:60]
