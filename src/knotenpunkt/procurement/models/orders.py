"""Orders placed through the one-stop shop and the provider's e-invoices for them.

Orders are what the splitting check reads (§ 3 Abs. 2 VgV): what the same administration
bought of the same kind within twelve months is added to a new estimate.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from knotenpunkt.directory.models import Organisation
from knotenpunkt.invoicing.models import InvoiceDocument, InvoiceLineFields
from knotenpunkt.procurement.models.buyers import PublicBuyer
from knotenpunkt.procurement.models.catalogue import OfferingVersion
from knotenpunkt.procurement.models.requests import MONEY, Quote, QuoteRequest
from knotenpunkt.procurement.models.thresholds import Category, Procedure


class Order(models.Model):
    class Status(models.TextChoices):
        PLACED = "placed", _("Placed")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    buyer = models.ForeignKey(
        PublicBuyer,
        verbose_name=_("administration"),
        on_delete=models.PROTECT,
        related_name="orders",
    )
    provider = models.ForeignKey(
        Organisation,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="procurement_orders",
    )
    request = models.OneToOneField(
        QuoteRequest,
        verbose_name=_("quote request"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="order",
    )
    quote = models.OneToOneField(
        Quote,
        verbose_name=_("quote"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="order",
    )
    offering_version = models.ForeignKey(
        OfferingVersion,
        verbose_name=_("offering as listed"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("subject"), max_length=200)
    offering_category = models.CharField(
        _("kind of offering"), max_length=20, choices=OfferingVersion.OfferingCategory.choices
    )
    procurement_category = models.CharField(
        _("procurement category"),
        max_length=12,
        choices=[c for c in Category.choices if c[0] != Category.CONSTRUCTION],
    )
    procedure = models.CharField(_("procedure"), max_length=12, choices=Procedure.choices)
    net_value = models.DecimalField(_("order value (EUR net)"), **MONEY)
    ordered_on = models.DateField(_("ordered on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLACED
    )
    leitweg_id = models.CharField(_("Leitweg-ID"), max_length=50, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    ordered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ordered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-ordered_on", "-pk"]
        indexes = [models.Index(fields=["buyer", "offering_category", "ordered_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(net_value__gte=0), name="order_value_not_negative"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("procurement:order", args=[self.pk])


class SupplierInvoice(InvoiceDocument):
    """An invoice the provider sends the administration for an order: an XRechnung, since
    the buyer is a public body with a Leitweg-ID. The number is the provider's own."""

    order = models.ForeignKey(
        Order, verbose_name=_("order"), on_delete=models.PROTECT, related_name="invoices"
    )
    provider = models.ForeignKey(
        Organisation, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField(_("invoice number"), max_length=40)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("supplier invoice")
        verbose_name_plural = _("supplier invoices")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "number"], name="supplier_invoice_number_unique"
            )
        ]

    def __str__(self):
        return self.number


class SupplierInvoiceLine(InvoiceLineFields):
    invoice = models.ForeignKey(SupplierInvoice, on_delete=models.CASCADE, related_name="lines")

    class Meta:
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        ordering = ["invoice", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["invoice", "position"], name="supplier_invoice_line_position"
            ),
            models.CheckConstraint(
                condition=models.Q(unit_net__gte=0), name="supplier_line_price_not_negative"
            ),
        ]
