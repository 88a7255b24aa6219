"""Fee schedules as data: per cluster and year, a fee per membership kind and size class.

A schedule is never edited: a change is saved as the next version of the same year, and
the newest version is the one in force. A fee run records which version it billed.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from knotenpunkt.directory.models import Cluster, Membership, Organisation


class FeeSchedule(models.Model):
    class ProRata(models.TextChoices):
        NONE = "none", _("No pro rata: the full yearly fee")
        MONTH = "month", _("Per started month")
        QUARTER = "quarter", _("Per started quarter")

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.PROTECT, related_name="fee_schedules"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    pro_rata = models.CharField(
        _("entries during the year"), max_length=10, choices=ProRata.choices, default=ProRata.MONTH
    )
    due_date = models.DateField(_("due date"))
    minimum_fee = models.DecimalField(
        _("minimum fee (EUR)"),
        max_digits=10,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    maximum_fee = models.DecimalField(
        _("maximum fee (EUR)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    vat_rate = models.DecimalField(
        _("VAT rate (%)"),
        max_digits=5,
        decimal_places=2,
        default=0,
        help_text=_("0 for membership fees of a non-profit association (not taxable)."),
    )
    accepts_direct_debit = models.BooleanField(_("SEPA direct debit"), default=True)
    accepts_transfer = models.BooleanField(_("bank transfer"), default=True)
    credit_on_exit = models.BooleanField(
        _("credit on exit"),
        default=False,
        help_text=_("The statutes refund the unused part of the year when a member leaves."),
    )
    change_reason = models.CharField(_("reason for the change"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("fee schedule")
        verbose_name_plural = _("fee schedules")
        ordering = ["cluster", "-year", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "year", "version"], name="one_fee_schedule_per_version"
            ),
            models.CheckConstraint(
                condition=Q(maximum_fee__isnull=True) | Q(maximum_fee__gte=models.F("minimum_fee")),
                name="fee_maximum_not_below_minimum",
            ),
        ]

    def __str__(self):
        return f"{self.cluster} {self.year} v{self.version}"


class FeeRate(models.Model):
    """The yearly fee of one membership kind and size class; an empty size class is the
    fee for every size the schedule does not name."""

    schedule = models.ForeignKey(FeeSchedule, on_delete=models.CASCADE, related_name="rates")
    kind = models.CharField(_("kind"), max_length=20, choices=Membership.Kind.choices)
    size_class = models.CharField(
        _("size"), max_length=10, choices=Organisation.SizeClass.choices, blank=True
    )
    amount = models.DecimalField(
        _("yearly fee (EUR)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = _("fee")
        verbose_name_plural = _("fees")
        ordering = ["schedule", "kind", "size_class"]
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "kind", "size_class"], name="one_rate_per_kind_and_size"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="fee_rate_not_negative"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.get_size_class_display() or ''}: {self.amount}"


class FeeOverride(models.Model):
    """An individual yearly fee that replaces the schedule's for one membership."""

    membership = models.OneToOneField(
        Membership, on_delete=models.CASCADE, related_name="fee_override"
    )
    amount = models.DecimalField(
        _("individual yearly fee (EUR)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    reason = models.CharField(_("reason"), max_length=300)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField(_("set"), auto_now=True)

    class Meta:
        verbose_name = _("individual fee")
        verbose_name_plural = _("individual fees")

    def __str__(self):
        return f"{self.membership}: {self.amount}"
