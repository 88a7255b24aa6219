"""The strategy tree (fields of action → goals → activities → outputs and results), the
platform objects that realise an activity, the board members who write the SWOT with the
staff, and the yearly SWOT."""

from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from knotenpunkt.directory.models import Cluster
from knotenpunkt.kpis.models import Kpi

YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]


class FieldOfAction(models.Model):
    """A field of action (Handlungsfeld) of a cluster's strategy; without a cluster, one of
    the strategy shared by all clusters of the installation."""

    cluster = models.ForeignKey(
        Cluster,
        verbose_name=_("cluster"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="fields_of_action",
        help_text=_("Empty: the strategy shared by all clusters of the installation."),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("field of action")
        verbose_name_plural = _("fields of action")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "title"],
                condition=Q(cluster__isnull=False),
                name="strategy_field_title_unique_in_cluster",
            ),
            models.UniqueConstraint(
                fields=["title"],
                condition=Q(cluster__isnull=True),
                name="strategy_field_title_unique_shared",
            ),
        ]

    def __str__(self):
        return self.title


class Goal(models.Model):
    """A goal within a field of action, with its priority and the years it runs."""

    class Priority(models.TextChoices):
        HIGH = "high", _("high")
        MEDIUM = "medium", _("medium")
        ZERO = "zero", _("zero")

    field = models.ForeignKey(
        FieldOfAction,
        verbose_name=_("field of action"),
        on_delete=models.CASCADE,
        related_name="goals",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM
    )
    start_year = models.PositiveSmallIntegerField(
        _("from year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    end_year = models.PositiveSmallIntegerField(
        _("to year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    kpis = models.ManyToManyField(
        Kpi, verbose_name=_("KPIs"), related_name="strategy_goals", blank=True
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["field", "title"], name="strategy_goal_title_unique"),
            models.CheckConstraint(
                condition=Q(start_year__isnull=True)
                | Q(end_year__isnull=True)
                | Q(end_year__gte=F("start_year")),
                name="strategy_goal_years_in_order",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def cluster(self):
        return self.field.cluster


class Activity(models.Model):
    """What the cluster management does for a goal (Aktivität / Maßnahme)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        STOPPED = "stopped", _("stopped")

    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="activities"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    responsible = models.CharField(
        _("responsible"),
        max_length=200,
        blank=True,
        help_text=_("A role or team, e.g. cluster management, board, topic group AI."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "title"], name="strategy_activity_title_unique"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def cluster(self):
        return self.goal.field.cluster


class ActivityLink(models.Model):
    """A platform object (event, group, mailing, need, cooperation, shop listing) that
    realises an activity; the activity's progress is counted from them."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="links"
    )
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("kind"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("object"))
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(_("linked"), auto_now_add=True)

    class Meta:
        verbose_name = _("link of an activity")
        verbose_name_plural = _("links of activities")
        ordering = ["content_type", "object_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "content_type", "object_id"],
                name="strategy_link_once_per_activity",
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.activity} → {self.content_type.model} {self.object_id}"


class Result(models.Model):
    """An output (what an activity delivers) or a result (what it achieves), with targets
    per year; its value is a KPI's or a figure counted from the activity's links."""

    class Kind(models.TextChoices):
        OUTPUT = "output", _("output")
        RESULT = "result", _("result")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ON_TRACK = "on_track", _("on track")
        AT_RISK = "at_risk", _("at risk")
        ACHIEVED = "achieved", _("achieved")
        MISSED = "missed", _("missed")

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="results"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.OUTPUT)
    title = models.CharField(_("title"), max_length=200)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    kpi = models.ForeignKey(
        Kpi,
        verbose_name=_("KPI"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="strategy_results",
        help_text=_("The result shows this KPI's value for each year."),
    )
    counted = models.CharField(
        _("counted from the links"),
        max_length=30,
        blank=True,
        help_text=_("Or: the figure of the activity's linked objects the result shows."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("output or result")
        verbose_name_plural = _("outputs and results")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "title"], name="strategy_result_title_unique"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def cluster(self):
        return self.activity.goal.field.cluster


class ResultTarget(models.Model):
    """What an output or result should reach in a year."""

    result = models.ForeignKey(
        Result, verbose_name=_("result"), on_delete=models.CASCADE, related_name="targets"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    target = models.DecimalField(
        _("target"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )

    class Meta:
        verbose_name = _("target of a result")
        verbose_name_plural = _("targets of results")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["result", "year"], name="strategy_target_per_year"),
            models.CheckConstraint(condition=Q(target__gte=0), name="strategy_target_not_negative"),
        ]

    def __str__(self):
        return f"{self.result} {self.year}: {self.target}"


class StrategyContributor(models.Model):
    """A board member (or advisory board member) who writes the cluster's SWOT together with
    the staff and reads its strategy tree."""

    cluster = models.ForeignKey(
        Cluster,
        verbose_name=_("cluster"),
        on_delete=models.CASCADE,
        related_name="strategy_contributors",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        on_delete=models.CASCADE,
        related_name="strategy_contributions",
    )
    role = models.CharField(
        _("role"), max_length=100, blank=True, help_text=_("e.g. board, advisory board.")
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("strategy contributor")
        verbose_name_plural = _("strategy contributors")
        ordering = ["cluster", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "user"], name="strategy_contributor_once_per_cluster"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.cluster}"


class SwotItem(models.Model):
    """One strength, weakness, opportunity or threat of a cluster's SWOT of a year."""

    class Quadrant(models.TextChoices):
        STRENGTH = "strength", _("Strengths")
        WEAKNESS = "weakness", _("Weaknesses")
        OPPORTUNITY = "opportunity", _("Opportunities")
        THREAT = "threat", _("Threats")

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.CASCADE, related_name="swot_items"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    quadrant = models.CharField(_("quadrant"), max_length=12, choices=Quadrant.choices)
    text = models.CharField(_("text"), max_length=500)
    goals = models.ManyToManyField(
        Goal, verbose_name=_("goals"), related_name="swot_items", blank=True
    )
    kpis = models.ManyToManyField(
        Kpi, verbose_name=_("KPIs"), related_name="swot_items", blank=True
    )
    carried_from = models.ForeignKey(
        "self",
        verbose_name=_("taken over from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_into",
        help_text=_("The item of the year before this one continues."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("SWOT item")
        verbose_name_plural = _("SWOT items")
        ordering = ["cluster", "year", "quadrant", "order", "pk"]
        indexes = [models.Index(fields=["cluster", "year"])]

    def __str__(self):
        return self.text
