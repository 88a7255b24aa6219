"""A cluster's workspace for a cluster-excellence label (e.g. the ECEI's Bronze, Silver or
Gold): the indicators staff enter from the label's official questionnaire, each backed by a
platform KPI or by uploaded evidence.

The indicator list is data, never code: every label body words and weighs its own
questionnaire, and changes it between rounds.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from knotenpunkt.core.uploads import private_storage
from knotenpunkt.directory.models import Cluster
from knotenpunkt.kpis.models import Kpi


def evidence_path(instance, filename: str) -> str:
    # A random name: the file's own name may say more than its folder should.
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"assessments/{uuid.uuid4().hex}{suffix}"


class Assessment(models.Model):
    """One application for a label by one cluster, for one reference year."""

    class Status(models.TextChoices):
        PREPARING = "preparing", _("Preparing")
        SUBMITTED = "submitted", _("Submitted")
        AWARDED = "awarded", pgettext_lazy("label assessment", "Awarded")
        NOT_AWARDED = "not_awarded", pgettext_lazy("label assessment", "Not awarded")

    cluster = models.ForeignKey(
        Cluster,
        verbose_name=_("cluster"),
        on_delete=models.PROTECT,
        related_name="label_assessments",
    )
    label = models.CharField(
        _("label"), max_length=150, help_text=_('The label applied for, e.g. "ECEI Gold".')
    )
    level = models.CharField(
        _("level sought"), max_length=60, blank=True, help_text=_("E.g. Bronze, Silver or Gold.")
    )
    reference_year = models.PositiveSmallIntegerField(
        _("reference year"),
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text=_("The year whose KPI values the indicators are judged by."),
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=15, choices=Status.choices, default=Status.PREPARING
    )
    notes = models.TextField(_("notes"), blank=True)
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

    class Meta:
        verbose_name = _("label assessment")
        verbose_name_plural = _("label assessments")
        ordering = ["-reference_year", "label", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "label", "reference_year"],
                name="one_assessment_per_label_and_year",
            )
        ]

    def __str__(self):
        return f"{self.label} {self.reference_year}"


class Indicator(models.Model):
    """One question of the label's questionnaire, in the words of the official one."""

    class Comparison(models.TextChoices):
        AT_LEAST = "at_least", _("at least")
        AT_MOST = "at_most", _("at most")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        PARTLY = "partly", _("Partly met")
        MET = "met", _("Met")

    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    area = models.CharField(
        _("area"), max_length=150, help_text=_('The questionnaire\'s section, e.g. "Governance".')
    )
    name = models.CharField(_("indicator"), max_length=300)
    requirement = models.TextField(
        _("requirement"), blank=True, help_text=_("What the questionnaire asks for.")
    )
    threshold = models.DecimalField(
        pgettext_lazy("label assessment", "threshold"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty for a requirement that is judged from evidence only."),
    )
    comparison = models.CharField(
        _("comparison"),
        max_length=10,
        choices=Comparison.choices,
        default=Comparison.AT_LEAST,
        help_text=_("Whether the value must reach the threshold or stay below it."),
    )
    kpi = models.ForeignKey(
        Kpi,
        verbose_name=_("KPI"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="label_indicators",
        help_text=_("The platform's figure that answers this indicator, if there is one."),
    )
    statement = models.TextField(
        _("statement"),
        blank=True,
        help_text=_("Your explanation for the assessors: how the cluster meets the requirement."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.OPEN,
        help_text=_(
            "Your judgement for an indicator without a KPI threshold; one with a KPI and a "
            "threshold is judged by the KPI's value."
        ),
    )
    order = models.PositiveIntegerField(pgettext_lazy("position in a list", "order"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["assessment", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "area", "name"], name="one_indicator_per_area_and_name"
            ),
            models.CheckConstraint(
                condition=Q(comparison__in=["at_least", "at_most"]),
                name="indicator_comparison_known",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def judged_by_kpi(self) -> bool:
        """A KPI with a threshold decides; otherwise the staff's status does."""
        return self.kpi_id is not None and self.threshold is not None


class Evidence(models.Model):
    """A document that proves an indicator, in the private storage."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # Served only by a view that checks the staff's cluster.
    file = models.FileField(_("file"), upload_to=evidence_path, storage=private_storage)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["indicator", "uploaded_at", "pk"]

    def __str__(self):
        return self.title

    @property
    def suffix(self) -> str:
        return PurePath(self.original_name or self.file.name).suffix.lower()
