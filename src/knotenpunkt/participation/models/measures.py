"""The measures table of a process (Maßnahmentabelle): fields of action and the missions
in them, the process's goals, the measures with their scores, and the solution map of a
chosen measure.

Every measure belongs to exactly one mission. A cross-cutting mission (Querschnittsthema)
spans several fields of action; any other mission lies in exactly one.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from knotenpunkt.directory.models import Organisation
from knotenpunkt.participation.models.processes import Process

__all__ = [
    "FieldOfAction",
    "Measure",
    "MeasureScore",
    "MeasuresSetup",
    "Mission",
    "ProcessGoal",
    "SolutionMap",
    "SolutionStep",
]

SCALE_VALIDATORS = [MinValueValidator(2), MaxValueValidator(10)]
YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]
# Goals are listed in one cell of the import/export file, separated by this.
LIST_SEPARATOR = "|"


def no_list_separator(value: str) -> None:
    if LIST_SEPARATOR in value:
        raise ValidationError(
            _("A title may not contain “%(separator)s”."), params={"separator": LIST_SEPARATOR}
        )


class MeasuresSetup(models.Model):
    """How the measures of a process are scored: the top of each scale (the bottom is 1)
    and whether scoring is open."""

    process = models.OneToOneField(
        Process,
        verbose_name=_("process"),
        on_delete=models.CASCADE,
        related_name="measures_setup",
    )
    value_scale = models.PositiveSmallIntegerField(
        _("value scale up to"), default=5, validators=SCALE_VALIDATORS
    )
    feasibility_scale = models.PositiveSmallIntegerField(
        _("feasibility scale up to"), default=5, validators=SCALE_VALIDATORS
    )
    scoring_open = models.BooleanField(
        _("scoring is open"),
        default=False,
        help_text=_("Participants score while this is on and a measures phase is running."),
    )

    class Meta:
        verbose_name = _("scoring of measures")
        verbose_name_plural = _("scoring of measures")

    def __str__(self):
        return str(self.process)


class FieldOfAction(models.Model):
    """A field of action (Handlungsfeld) of a process's measures table."""

    process = models.ForeignKey(
        Process,
        verbose_name=_("process"),
        on_delete=models.CASCADE,
        related_name="fields_of_action",
    )
    title = models.CharField(_("title"), max_length=200, validators=[no_list_separator])
    order = models.PositiveSmallIntegerField(
        pgettext_lazy("position in a list", "order"), default=0
    )

    class Meta:
        verbose_name = _("field of action")
        verbose_name_plural = _("fields of action")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "title"], name="participation_field_title_unique"
            )
        ]

    def __str__(self):
        return self.title


class Mission(models.Model):
    """A mission within a field of action; a cross-cutting one spans several."""

    process = models.ForeignKey(
        Process, verbose_name=_("process"), on_delete=models.CASCADE, related_name="missions"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    is_cross_cutting = models.BooleanField(
        _("cross-cutting theme"),
        default=False,
        help_text=_("A cross-cutting theme may span several fields of action."),
    )
    fields_of_action = models.ManyToManyField(
        FieldOfAction, verbose_name=_("fields of action"), related_name="missions"
    )
    order = models.PositiveSmallIntegerField(
        pgettext_lazy("position in a list", "order"), default=0
    )

    class Meta:
        verbose_name = _("mission")
        verbose_name_plural = _("missions")
        ordering = ["order", "title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "title"], name="participation_mission_title_unique"
            )
        ]

    def __str__(self):
        return self.title


class ProcessGoal(models.Model):
    """A goal of the process that measures serve (their Mehrwert): set by the moderation,
    or taken over from the goals a workshop board adopted (`source_card`), so that the
    measures show which agreed goal they serve."""

    process = models.ForeignKey(
        Process, verbose_name=_("process"), on_delete=models.CASCADE, related_name="goals"
    )
    title = models.CharField(_("title"), max_length=200, validators=[no_list_separator])
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(
        pgettext_lazy("position in a list", "order"), default=0
    )
    source_card = models.OneToOneField(
        "participation.BoardCard",
        verbose_name=_("card of the workshop board"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="process_goal",
    )

    class Meta:
        verbose_name = _("goal of a process")
        verbose_name_plural = _("goals of processes")
        ordering = ["order", "title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "title"], name="participation_goal_title_unique"
            )
        ]

    def __str__(self):
        return self.title


class Measure(models.Model):
    """A measure (Maßnahme) of the table: what it is, the goals it serves (value), how
    feasible it is (time horizon, success criteria), who owns it and what it costs."""

    class Horizon(models.TextChoices):
        SHORT = "short", _("short term (up to 2 years)")
        MEDIUM = "medium", _("medium term (3 to 5 years)")
        LONG = "long", _("long term (more than 5 years)")

    class Status(models.TextChoices):
        IDEA = "idea", _("idea")
        PLANNED = "planned", _("planned")
        IMPLEMENTED = "implemented", _("implemented")

    class Origin(models.TextChoices):
        WORKSHOP = "workshop", _("from the workshop")
        IMPORTED = "imported", _("imported")

    process = models.ForeignKey(
        Process, verbose_name=_("process"), on_delete=models.CASCADE, related_name="measures"
    )
    mission = models.ForeignKey(
        Mission,
        verbose_name=_("mission"),
        on_delete=models.PROTECT,
        related_name="measures",
        help_text=_("Every measure belongs to exactly one mission."),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    goals = models.ManyToManyField(
        ProcessGoal, verbose_name=_("goals it serves"), related_name="measures", blank=True
    )
    horizon = models.CharField(
        _("time horizon"), max_length=10, choices=Horizon.choices, blank=True
    )
    target_year = models.PositiveSmallIntegerField(
        _("target year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    success_criteria = models.TextField(_("success criteria"), blank=True)
    owner = models.CharField(
        _("owner"),
        max_length=200,
        blank=True,
        help_text=_("Who takes the measure forward: a role, a team or an organisation."),
    )
    owner_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("owner organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participation_measures",
    )
    cost_estimate = models.DecimalField(
        _("cost estimate (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.IDEA
    )
    origin = models.CharField(
        _("origin"), max_length=10, choices=Origin.choices, default=Origin.WORKSHOP
    )
    is_chosen = models.BooleanField(
        _("chosen for solution mapping"),
        default=False,
        help_text=_("Chosen measures get a solution map and may go into the strategy."),
    )
    priority_override = models.PositiveSmallIntegerField(
        _("priority set by the moderation (rank)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
    )
    priority_reason = models.TextField(_("reason for the set priority"), blank=True)
    strategy_activity = models.ForeignKey(
        "strategy.Activity",
        verbose_name=_("activity in the strategy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participation_measures",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("measures table", "measure")
        verbose_name_plural = pgettext_lazy("measures table", "measures")
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "title"], name="participation_measure_title_unique"
            ),
            models.CheckConstraint(
                condition=Q(priority_override__isnull=True) | ~Q(priority_reason=""),
                name="participation_measure_override_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(cost_estimate__isnull=True) | Q(cost_estimate__gte=0),
                name="participation_measure_cost_not_negative",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def owner_display(self) -> str:
        if self.owner_organisation_id and self.owner:
            return f"{self.owner_organisation} ({self.owner})"
        return str(self.owner_organisation) if self.owner_organisation_id else self.owner


class MeasureScore(models.Model):
    """One participant's score of a measure: its value and its feasibility. Shown only
    aggregated; when the person is erased, the score stays without them."""

    measure = models.ForeignKey(
        Measure,
        verbose_name=pgettext_lazy("measures table", "measure"),
        on_delete=models.CASCADE,
        related_name="scores",
    )
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participation_measure_scores",
    )
    value = models.PositiveSmallIntegerField(
        pgettext_lazy("measures table", "value"), validators=[MinValueValidator(1)]
    )
    feasibility = models.PositiveSmallIntegerField(
        _("feasibility"), validators=[MinValueValidator(1)]
    )
    scored_at = models.DateTimeField(_("scored"), auto_now=True)

    class Meta:
        verbose_name = _("score of a measure")
        verbose_name_plural = _("scores of measures")
        ordering = ["measure", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "voter"], name="participation_score_once_per_person"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=1) & Q(feasibility__gte=1),
                name="participation_score_at_least_one",
            ),
        ]

    def __str__(self):
        return f"{self.measure}: {self.value}/{self.feasibility}"


class SolutionMap(models.Model):
    """The solution map (Lösungslandkarte) of a chosen measure: who acts, with what,
    in which steps, against which risks, and the first step."""

    measure = models.OneToOneField(
        Measure,
        verbose_name=pgettext_lazy("measures table", "measure"),
        on_delete=models.CASCADE,
        related_name="solution_map",
    )
    actors = models.TextField(_("actors"), blank=True, help_text=_("One per line."))
    resources = models.TextField(_("resources"), blank=True, help_text=_("One per line."))
    risks = models.TextField(_("risks"), blank=True, help_text=_("One per line."))
    first_step = models.TextField(_("first step"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("solution map")
        verbose_name_plural = _("solution maps")

    def __str__(self):
        return str(self.measure)

    @staticmethod
    def _lines(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]

    @property
    def actor_list(self) -> list[str]:
        return self._lines(self.actors)

    @property
    def resource_list(self) -> list[str]:
        return self._lines(self.resources)

    @property
    def risk_list(self) -> list[str]:
        return self._lines(self.risks)


class SolutionStep(models.Model):
    """A step of a solution map, in order."""

    solution_map = models.ForeignKey(
        SolutionMap, verbose_name=_("solution map"), on_delete=models.CASCADE, related_name="steps"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.CharField(_("step"), max_length=500)

    class Meta:
        verbose_name = _("step of a solution map")
        verbose_name_plural = _("steps of solution maps")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["solution_map", "position"], name="participation_step_position_unique"
            )
        ]

    def __str__(self):
        return self.text
