from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from knotenpunkt.directory.models import Cluster


class Kpi(models.Model):
    """A key figure of the installation's one KPI system, shared by all its clusters: what
    it is called and means, and which of the apps' measures computes it from live data
    (core.registry.register_measure). Targets are set per cluster and year."""

    class Unit(models.TextChoices):
        COUNT = "count", _("Number")
        EUR = "eur", _("Euro")
        PERCENT = "percent", _("Percent")
        MIX = "mix", _("Shares in percent")

    key = models.SlugField(_("key"), max_length=60, unique=True)
    measure = models.CharField(
        _("computed by"),
        max_length=60,
        help_text=_("The figure of the platform this KPI shows."),
    )
    name_de = models.CharField(_("German name"), max_length=150)
    name_en = models.CharField(_("English name"), max_length=150)
    definition_de = models.TextField(_("definition (German)"))
    definition_en = models.TextField(_("definition (English)"))
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    higher_is_better = models.BooleanField(
        _("higher is better"),
        default=True,
        help_text=_("Untick for figures that should stay low, such as exits."),
    )
    amber_percent = models.PositiveSmallIntegerField(
        _("amber from (percent of the target)"),
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "Green when the target is reached; amber when the figure reaches this share of "
            "it (for figures that should stay low: exceeds it by at most the rest); red "
            "otherwise."
        ),
    )
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Shown to everyone, not only to staff and board members."),
    )
    order = models.PositiveSmallIntegerField(_("sort order"), default=100)
    is_active = models.BooleanField(_("in use"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")
        ordering = ["order", "key"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "de").startswith("en") else self.name_de

    @property
    def definition(self) -> str:
        return (
            self.definition_en if (get_language() or "de").startswith("en") else self.definition_de
        )

    @property
    def tolerance_percent(self) -> int:
        """For a figure that should stay low: how far above the target is still amber."""
        return 100 - self.amber_percent

    @property
    def has_target(self) -> bool:
        """A mix (shares per actor type) has no single value to set a target for."""
        return self.unit != self.Unit.MIX


class KpiTarget(models.Model):
    """What a cluster (or the installation as a whole, without a cluster) aims for with a
    KPI in a year."""

    kpi = models.ForeignKey(
        Kpi, verbose_name=_("KPI"), on_delete=models.CASCADE, related_name="targets"
    )
    cluster = models.ForeignKey(
        Cluster,
        verbose_name=_("cluster"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="kpi_targets",
        help_text=_("Empty: the target of all clusters together."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    target = models.DecimalField(
        _("target"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("KPI target")
        verbose_name_plural = _("KPI targets")
        ordering = ["kpi", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["kpi", "cluster", "year"],
                condition=Q(cluster__isnull=False),
                name="one_kpi_target_per_cluster_and_year",
            ),
            models.UniqueConstraint(
                fields=["kpi", "year"],
                condition=Q(cluster__isnull=True),
                name="one_installation_kpi_target_per_year",
            ),
            models.CheckConstraint(condition=Q(target__gte=0), name="kpi_target_not_negative"),
        ]

    def __str__(self):
        return f"{self.kpi} {self.year}: {self.target}"


class StoredFigure(models.Model):
    """A measure's value for a closed year, as last computed, for one cluster or a body of
    several (`scope`: their ids, ascending, comma-separated). The dashboards read closed
    years from here and compute only the current one live; a change to a source model of
    the measure clears its rows, and `refresh-kpis` recomputes them every night
    (services/stored_figures.py)."""

    measure = models.CharField(_("measure"), max_length=60)
    scope = models.CharField(_("clusters"), max_length=500)
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.JSONField(_("value"), null=True)
    computed_at = models.DateTimeField(_("computed"))

    class Meta:
        verbose_name = _("stored figure")
        verbose_name_plural = _("stored figures")
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "scope", "year"], name="one_stored_figure_per_scope_and_year"
            )
        ]

    def __str__(self):
        return f"{self.measure} {self.scope} {self.year}"
