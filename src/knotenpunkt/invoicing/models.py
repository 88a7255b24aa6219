"""Invoices with gap-free numbers per cluster and year, their lines and the seller's data.

An invoice is a document under §14 UStG and must be kept for ten years (§147 AO): it is
never edited or deleted once issued. Seller and buyer data are copied onto it, so that a
later change of the cluster's or the organisation's address does not change an invoice
already sent. A mistake is corrected by a cancellation invoice (Stornorechnung) that
references the original and carries the negated amounts under its own number.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from stdnum import bic as stdnum_bic
from stdnum import iban as stdnum_iban
from stdnum.exceptions import ValidationError as StdnumError

from knotenpunkt.directory.models import Cluster, Organisation, Person
from knotenpunkt.directory.validators import validate_vat_id

CENT = Decimal("0.01")


def money(value: Decimal) -> Decimal:
    """Round to cents, half up: the rounding EN 16931 and German bookkeeping expect."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def validate_iban(value: str) -> None:
    try:
        stdnum_iban.validate(value)
    except StdnumError as error:
        raise ValidationError(
            _("This is not a valid IBAN (check the digits and the country code).")
        ) from error


def validate_bic(value: str) -> None:
    try:
        stdnum_bic.validate(value)
    except StdnumError as error:
        raise ValidationError(_("This is not a valid BIC.")) from error


class InvoiceSettings(models.Model):
    """What a cluster needs on its invoices beyond its address: tax and bank details."""

    cluster = models.OneToOneField(
        Cluster, on_delete=models.CASCADE, related_name="invoice_settings"
    )
    legal_name = models.CharField(
        _("legal name of the seller"),
        max_length=200,
        blank=True,
        help_text=_("E.g. the association behind the cluster; empty means the cluster's name."),
    )
    number_prefix = models.CharField(
        _("invoice number prefix"),
        max_length=20,
        blank=True,
        help_text=_("E.g. DIWISH gives DIWISH-2026-00042; empty means the cluster's slug."),
        validators=[
            RegexValidator(
                r"^[A-Z0-9][A-Z0-9-]*$",
                _("Use capital letters, digits and hyphens only."),
            )
        ],
    )
    vat_id = models.CharField(_("VAT ID"), max_length=20, blank=True, validators=[validate_vat_id])
    tax_number = models.CharField(
        _("tax number"),
        max_length=30,
        blank=True,
        help_text=_("Needed when there is no VAT ID (§14 UStG)."),
    )
    iban = models.CharField(_("IBAN"), max_length=34, blank=True, validators=[validate_iban])
    bic = models.CharField(_("BIC"), max_length=11, blank=True, validators=[validate_bic])
    bank_name = models.CharField(_("bank"), max_length=100, blank=True)
    payment_days = models.PositiveSmallIntegerField(
        _("payment term (days)"), default=14, validators=[MaxValueValidator(365)]
    )
    footer = models.TextField(
        _("footer"),
        blank=True,
        help_text=_("E.g. register court and number, board members."),
    )

    # What the DATEV export (EXTF header) needs from the tax adviser's bookkeeping.
    datev_consultant_number = models.PositiveIntegerField(
        _("DATEV consultant number"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1001), MaxValueValidator(9999999)],
        help_text=_("The tax adviser's DATEV consultant number, 1001 to 9999999."),
    )
    datev_client_number = models.PositiveIntegerField(
        _("DATEV client number"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(99999)],
        help_text=_("The cluster's client number at the tax adviser, 1 to 99999."),
    )
    datev_fiscal_year_start = models.PositiveSmallIntegerField(
        _("fiscal year begins in month"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("1 for a fiscal year equal to the calendar year, 7 for July to June."),
    )
    datev_account_length = models.PositiveSmallIntegerField(
        _("DATEV account length"),
        default=4,
        validators=[MinValueValidator(4), MaxValueValidator(8)],
        help_text=_(
            "Digits of a general ledger account in the client's DATEV bookkeeping, 4 to 8; "
            "debtor accounts have one digit more."
        ),
    )
    # The last personal debtor account given out (see DebtorAccount); only ever grows, so
    # that a number is never given twice, even after an account row was removed.
    datev_last_debtor_number = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("invoice settings")
        verbose_name_plural = _("invoice settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(datev_consultant_number__isnull=True)
                | Q(datev_consultant_number__gte=1001, datev_consultant_number__lte=9999999),
                name="datev_consultant_number_range",
            ),
            models.CheckConstraint(
                condition=Q(datev_client_number__isnull=True)
                | Q(datev_client_number__gte=1, datev_client_number__lte=99999),
                name="datev_client_number_range",
            ),
            models.CheckConstraint(
                condition=Q(datev_fiscal_year_start__gte=1, datev_fiscal_year_start__lte=12),
                name="datev_fiscal_year_start_month",
            ),
            models.CheckConstraint(
                condition=Q(datev_account_length__gte=4, datev_account_length__lte=8),
                name="datev_account_length_range",
            ),
        ]

    def __str__(self):
        return str(self.cluster)

    def clean(self):
        self.iban = stdnum_iban.compact(self.iban) if self.iban else ""
        self.bic = stdnum_bic.compact(self.bic) if self.bic else ""
        if not self.vat_id and not self.tax_number:
            raise ValidationError(
                _("Give the VAT ID or the tax number: an invoice must show one of them.")
            )


class DebtorAccount(models.Model):
    """The personal debtor account (Debitorenkonto) an invoiced organisation has in a
    cluster's DATEV bookkeeping. Given once, on the first export that books an invoice to
    it, and never changed: the tax adviser's open items hang on this number.

    `number` counts from 1 per cluster; the DATEV account is 10000 + number in the
    four-digit chart, extended with zeros on the right to the account length plus one
    (10001, or 100010 with account length 5), the way DATEV itself lengthens accounts.
    """

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="debtor_accounts",
    )
    number = models.PositiveIntegerField(_("debtor number"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("debtor account")
        verbose_name_plural = _("debtor accounts")
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "organisation"], name="one_debtor_account_per_cluster"
            ),
            models.UniqueConstraint(fields=["cluster", "number"], name="unique_debtor_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="debtor_number_positive"),
        ]

    def __str__(self):
        return f"{self.cluster} {self.number}: {self.organisation}"


class InvoiceSequence(models.Model):
    """The last invoice number used per cluster and year; locked while a number is drawn."""

    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cluster", "year"], name="one_sequence_per_year"),
        ]

    def __str__(self):
        return f"{self.cluster} {self.year}: {self.last_number}"


class InvoiceDocument(models.Model):
    """What every invoice document carries, whoever issues it: dates, the seller's and the
    buyer's data as printed, and the totals. The e-invoice and PDF builders read only
    these fields and `lines`, so the cluster's own invoices and the invoices a provider
    sends a public buyer through the one-stop shop share them."""

    issued_on = models.DateField(_("invoice date"))
    service_date = models.DateField(_("date of service"))
    due_on = models.DateField(_("due"))
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")

    # The seller: copied from the cluster and its invoice settings when issued.
    seller_name = models.CharField(_("seller"), max_length=200)
    seller_street = models.CharField(_("street and number"), max_length=200)
    seller_postcode = models.CharField(_("postcode"), max_length=10)
    seller_city = models.CharField(_("city"), max_length=100)
    seller_country = models.CharField(_("country"), max_length=2, default="DE")
    seller_email = models.EmailField(_("e-mail"), blank=True)
    seller_phone = models.CharField(_("phone"), max_length=40, blank=True)
    seller_vat_id = models.CharField(_("VAT ID"), max_length=20, blank=True)
    seller_tax_number = models.CharField(_("tax number"), max_length=30, blank=True)
    seller_iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    seller_bic = models.CharField(_("BIC"), max_length=11, blank=True)
    seller_bank = models.CharField(_("bank"), max_length=100, blank=True)
    seller_footer = models.TextField(_("footer"), blank=True)

    # The buyer: copied from the registration's organisation or person when issued.
    buyer_name = models.CharField(_("buyer"), max_length=200)
    buyer_street = models.CharField(_("street and number"), max_length=200, blank=True)
    buyer_postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    buyer_city = models.CharField(_("city"), max_length=100, blank=True)
    buyer_country = models.CharField(_("country"), max_length=2, default="DE")
    buyer_email = models.EmailField(_("e-mail"), blank=True)
    buyer_vat_id = models.CharField(_("VAT ID"), max_length=20, blank=True)
    buyer_leitweg_id = models.CharField(
        _("Leitweg-ID"),
        max_length=50,
        blank=True,
        help_text=_("Public buyers' routing ID; with it the e-invoice is an XRechnung."),
    )
    net_total = models.DecimalField(_("net total"), max_digits=12, decimal_places=2)
    vat_total = models.DecimalField(_("VAT"), max_digits=12, decimal_places=2)
    gross_total = models.DecimalField(_("total"), max_digits=12, decimal_places=2)

    class Meta:
        abstract = True

    @property
    def is_xrechnung(self) -> bool:
        return bool(self.buyer_leitweg_id)

    @property
    def is_cancellation(self) -> bool:
        return False

    @property
    def is_credit_note(self) -> bool:
        return False

    @property
    def corrected_invoice(self):
        return None

    def vat_breakdown(self) -> list["VatGroup"]:
        """Net amount and VAT per rate, the way EN 16931 (BG-23) sums them."""
        return vat_breakdown(self.lines.all())

    def set_totals(self, lines) -> None:
        """Net, VAT and gross total from (unsaved) lines, VAT rounded once per rate."""
        groups = vat_breakdown(lines)
        self.net_total = sum((g.net for g in groups), Decimal("0.00"))
        self.vat_total = sum((g.vat for g in groups), Decimal("0.00"))
        self.gross_total = self.net_total + self.vat_total


class InvoiceLineFields(models.Model):
    """One line of an invoice document (EN 16931 BG-25)."""

    position = models.PositiveSmallIntegerField(_("position"))
    description = models.CharField(_("description"), max_length=300)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=4)
    unit_net = models.DecimalField(
        _("unit price (net)"),
        max_digits=12,
        decimal_places=4,
        validators=[MinValueValidator(0)],
    )
    vat_rate = models.DecimalField(
        _("VAT rate (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    net_amount = models.DecimalField(_("net amount"), max_digits=12, decimal_places=2)

    class Meta:
        abstract = True

    def __str__(self):
        return self.description

    @classmethod
    def priced(cls, position: int, description: str, quantity, unit_net, vat_rate):
        """A line with its net amount: quantity × unit price, rounded to cents."""
        quantity, unit_net = Decimal(quantity), Decimal(unit_net)
        return cls(
            position=position,
            description=description[:300],
            quantity=quantity,
            unit_net=unit_net,
            vat_rate=Decimal(vat_rate),
            net_amount=money(quantity * unit_net),
        )


class Invoice(InvoiceDocument):
    """An issued invoice or cancellation invoice; immutable except for its payment status."""

    class Kind(models.TextChoices):
        INVOICE = "invoice", _("Invoice")
        CANCELLATION = "cancellation", _("Cancellation invoice")
        CREDIT_NOTE = "credit_note", _("Credit note")

    class Status(models.TextChoices):
        ISSUED = "issued", _("Issued")
        PAID = "paid", _("Paid")
        CANCELLED = "cancelled", _("Cancelled")

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.PROTECT, related_name="invoices"
    )
    number = models.CharField(_("invoice number"), max_length=40, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence_number = models.PositiveIntegerField(_("sequence number"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.INVOICE)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ISSUED
    )
    cancels = models.OneToOneField(
        "self",
        verbose_name=_("cancels invoice"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cancellation",
    )
    cancel_reason = models.CharField(_("reason for the cancellation"), max_length=300, blank=True)
    # A credit note (Gutschrift im Sinne einer Rechnungskorrektur) takes back part of an
    # invoice, e.g. the unused months of a fee after an exit; the invoice stays valid.
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects invoice"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="credit_notes",
    )
    # The billing period (EN 16931 BG-14) of an invoice for a span of time, such as a
    # membership fee for a year; empty for a single delivery on the date of service.
    period_start = models.DateField(_("service period from"), null=True, blank=True)
    period_end = models.DateField(_("service period to"), null=True, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invoices",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invoices",
    )

    # What the invoice is for (e.g. an event registration), without knowing that app.
    source_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_id = models.CharField(max_length=40, blank=True)
    source = GenericForeignKey("source_type", "source_id")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-year", "-sequence_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "year", "sequence_number"], name="gap_free_number_per_year"
            ),
            models.CheckConstraint(
                condition=Q(kind="invoice", cancels__isnull=True, corrects__isnull=True)
                | Q(kind="cancellation", cancels__isnull=False, corrects__isnull=True)
                | Q(kind="credit_note", cancels__isnull=True, corrects__isnull=False),
                name="cancellation_references_original",
            ),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True, period_end__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="invoice_period_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["source_type", "source_id"]),
            models.Index(fields=["cluster", "status", "year"]),
            # Revenue by service period (the fee revenue KPI asks for one year's): on
            # PostgreSQL it carries what that sum reads, so the table is not visited.
            models.Index(
                fields=["period_end", "period_start"],
                include=["cluster", "source_type", "kind", "status", "corrects", "net_total"],
                name="invoice_by_service_period",
            ),
            # The few documents without a period of their own (credit notes borrow it).
            models.Index(
                fields=["cluster"],
                condition=Q(period_start__isnull=True),
                name="invoice_without_period",
            ),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("invoicing:invoice", args=[self.pk])

    @property
    def is_cancellation(self) -> bool:
        return self.kind == self.Kind.CANCELLATION

    @property
    def is_credit_note(self) -> bool:
        return self.kind == self.Kind.CREDIT_NOTE

    @property
    def corrected_invoice(self) -> "Invoice | None":
        """The invoice a cancellation or credit note refers to (EN 16931 BG-3)."""
        return self.cancels or self.corrects

    @property
    def net_of_credit_notes(self) -> Decimal:
        """The gross total less what credit notes took back (their totals are negative)."""
        credited = sum((note.gross_total for note in self.credit_notes.all()), Decimal("0.00"))
        return self.gross_total + credited

    @property
    def amount_due(self) -> Decimal:
        """What the buyer still owes: the total less its credit notes (0 once paid or
        cancelled)."""
        if self.kind != self.Kind.INVOICE or self.status != self.Status.ISSUED:
            return Decimal("0.00")
        return self.net_of_credit_notes

    @property
    def may_be_cancelled(self) -> bool:
        return self.kind == self.Kind.INVOICE and self.status != self.Status.CANCELLED

    @property
    def may_be_marked_paid(self) -> bool:
        return self.kind == self.Kind.INVOICE and self.status == self.Status.ISSUED


class InvoiceLine(InvoiceLineFields):
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="lines")

    class Meta:
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        ordering = ["invoice", "position"]
        constraints = [
            models.UniqueConstraint(fields=["invoice", "position"], name="unique_line_position"),
            # EN 16931 BR-27: the item price is never negative; a credit negates the quantity.
            models.CheckConstraint(condition=Q(unit_net__gte=0), name="line_price_not_negative"),
        ]


class VatGroup:
    """One VAT rate's share of an invoice (EN 16931 BG-23)."""

    def __init__(self, rate: Decimal, net: Decimal):
        self.rate = rate
        self.net = net
        self.vat = money(net * rate / 100)

    @property
    def gross(self) -> Decimal:
        return self.net + self.vat

    @property
    def category(self) -> str:
        # UNCL 5305: S standard/reduced rate, E exempt from tax.
        return "S" if self.rate else "E"


def vat_breakdown(lines) -> list[VatGroup]:
    """Line nets (already rounded to cents) summed per rate, VAT rounded once per rate.

    Rounding per rate and not per line is what EN 16931 (BR-CO-17) prescribes; it also
    keeps the invoice consistent with what the buyer's software recomputes.
    """
    per_rate: dict[Decimal, Decimal] = {}
    for line in lines:
        rate = Decimal(line.vat_rate).quantize(CENT)
        per_rate[rate] = per_rate.get(rate, Decimal("0.00")) + line.net_amount
    return [VatGroup(rate, net) for rate, net in sorted(per_rate.items(), reverse=True)]
