"""Fee runs and what they billed: one charge per membership and year.

A charge ties a membership's service period to the fee invoice that bills it (none for
free and compensating memberships, which are listed but not billed). The unique charge
per membership and year is what makes a run idempotent, and what a concurrent second run
for the same cluster and year runs into.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from knotenpunkt.directory.models import Cluster, Membership, Organisation
from knotenpunkt.invoicing.leitweg import validate_leitweg_id
from knotenpunkt.invoicing.models import Invoice
from knotenpunkt.memberships.models.schedules import FeeSchedule


class BillingDetails(models.Model):
    """Where an organisation's fee invoices go, when not to its general address."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="billing_details"
    )
    invoice_email = models.EmailField(
        _("e-mail for invoices"),
        blank=True,
        help_text=_("E.g. the accounts department; empty means the organisation's e-mail."),
    )
    leitweg_id = models.CharField(
        _("Leitweg-ID"),
        max_length=50,
        blank=True,
        validators=[validate_leitweg_id],
        help_text=_("Public bodies' routing ID: their fee invoices are sent as XRechnung."),
    )
    purchase_order = models.CharField(
        _("order reference"),
        max_length=100,
        blank=True,
        help_text=_("A reference the organisation asks to see on its invoices."),
    )

    class Meta:
        verbose_name = _("billing details")
        verbose_name_plural = _("billing details")

    def __str__(self):
        return str(self.organisation)


class FeeRun(models.Model):
    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.PROTECT, related_name="fee_runs"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    schedule = models.ForeignKey(
        FeeSchedule, verbose_name=_("fee schedule"), on_delete=models.PROTECT, related_name="runs"
    )
    due_date = models.DateField(_("due date"))
    invoices = models.PositiveIntegerField(_("invoices"), default=0)
    total = models.DecimalField(_("total"), max_digits=14, decimal_places=2, default=0)
    skipped = models.PositiveIntegerField(_("skipped"), default=0)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)

    class Meta:
        verbose_name = _("fee run")
        verbose_name_plural = _("fee runs")
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.cluster} {self.year} ({self.started_at:%Y-%m-%d})"


class FeeCharge(models.Model):
    class Kind(models.TextChoices):
        CHARGE = "charge", _("Fee")
        EXEMPT = "exempt", _("No fee (free or in kind)")
        CREDIT = "credit", _("Credit on exit")

    membership = models.ForeignKey(
        Membership,
        verbose_name=_("membership"),
        on_delete=models.PROTECT,
        related_name="fee_charges",
    )
    run = models.ForeignKey(
        FeeRun,
        verbose_name=_("fee run"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="charges",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.CHARGE)
    year = models.PositiveSmallIntegerField(_("year"))
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    amount = models.DecimalField(_("amount (net)"), max_digits=10, decimal_places=2)
    # Where the fee came from, as printed: the schedule's rate or an individual fee.
    basis = models.CharField(_("basis"), max_length=300, blank=True)
    invoice = models.OneToOneField(
        Invoice,
        verbose_name=_("invoice"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fee_charge",
    )
    # When the invoice went to the outbox (with its PDF and, for a mandate, the debit's
    # pre-notification); the run's mail task picks up the ones still empty.
    mailed_at = models.DateTimeField(_("mailed"), null=True, blank=True)
    credits = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="credit_notes"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("fee charge")
        verbose_name_plural = _("fee charges")
        ordering = ["-year", "membership"]
        constraints = [
            # One bill (or one exemption) per membership and year, whichever run gets there
            # first: a second run, even a concurrent one, cannot bill twice.
            models.UniqueConstraint(
                fields=["membership", "year"],
                condition=Q(kind__in=["charge", "exempt"]),
                name="one_fee_per_membership_and_year",
            ),
            models.UniqueConstraint(
                fields=["credits"], condition=Q(kind="credit"), name="one_credit_per_charge"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="fee_period_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["year", "kind"])]

    def __str__(self):
        return f"{self.membership} {self.year}: {self.amount}"
