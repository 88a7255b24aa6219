"""SEPA direct debit: the creditor identifier, mandates and the debits submitted."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from knotenpunkt.directory.models import Cluster, Organisation
from knotenpunkt.invoicing.models import Invoice, validate_bic, validate_iban
from knotenpunkt.memberships.validators import validate_creditor_id, validate_mandate_reference


class DirectDebitSettings(models.Model):
    cluster = models.OneToOneField(
        Cluster, on_delete=models.CASCADE, related_name="direct_debit_settings"
    )
    creditor_id = models.CharField(
        _("creditor identifier"),
        max_length=35,
        validators=[validate_creditor_id],
        help_text=_(
            "Gläubiger-Identifikationsnummer from the Bundesbank, e.g. DE98ZZZ09999999999."
        ),
    )
    creditor_name = models.CharField(
        _("creditor name"),
        max_length=70,
        blank=True,
        help_text=_("As the bank account is held; empty means the invoices' seller name."),
    )
    mandate_prefix = models.CharField(
        _("mandate reference prefix"),
        max_length=10,
        blank=True,
        validators=[validate_mandate_reference],
    )
    return_fee = models.DecimalField(
        _("fee for a returned debit (EUR)"),
        max_digits=8,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("What the bank charges the cluster for a return; added to the open item."),
    )

    class Meta:
        verbose_name = _("direct debit settings")
        verbose_name_plural = _("direct debit settings")

    def __str__(self):
        return str(self.cluster)


class Mandate(models.Model):
    class Scheme(models.TextChoices):
        CORE = "CORE", _("SEPA Core direct debit")
        B2B = "B2B", _("SEPA business-to-business direct debit")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        AMENDED = "amended", _("Replaced by an amendment")
        REVOKED = "revoked", _("Revoked")
        EXPIRED = "expired", _("Expired (36 months unused)")

    class Source(models.TextChoices):
        ONLINE = "online", _("Given online")
        PAPER = "paper", _("Entered from paper")

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.PROTECT, related_name="mandates"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="mandates",
    )
    reference = models.CharField(
        _("mandate reference"), max_length=35, validators=[validate_mandate_reference]
    )
    scheme = models.CharField(
        _("scheme"), max_length=4, choices=Scheme.choices, default=Scheme.CORE
    )
    account_holder = models.CharField(_("account holder"), max_length=70)
    iban = models.CharField(_("IBAN"), max_length=34, validators=[validate_iban])
    bic = models.CharField(_("BIC"), max_length=11, blank=True, validators=[validate_bic])
    # The debtor's structured address: banks refuse unstructured ones from November 2026.
    street = models.CharField(_("street and number"), max_length=70)
    postcode = models.CharField(_("postcode"), max_length=16)
    city = models.CharField(_("city"), max_length=35)
    country = models.CharField(_("country"), max_length=2, default="DE")
    signed_on = models.DateField(_("date of signature"))
    signed_by = models.CharField(_("signed by"), max_length=150)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    amends = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="amended_by"
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(_("reason"), max_length=300, blank=True)
    last_collected_on = models.DateField(_("last collected"), null=True, blank=True)
    # The mandate text exactly as the debtor read and signed it (online) or as staff
    # confirmed it from paper: the creditor has to be able to show it to the bank.
    text = models.TextField(_("mandate text"), blank=True, editable=False)
    captured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("SEPA mandate")
        verbose_name_plural = _("SEPA mandates")
        ordering = ["organisation__name", "-signed_on"]
        constraints = [
            # The reference identifies the mandate towards the bank together with the
            # creditor identifier; an amendment keeps its reference, so it is unique per
            # cluster only among the versions that are not replaced.
            models.UniqueConstraint(
                fields=["cluster", "reference"],
                condition=~Q(status="amended"),
                name="unique_mandate_reference",
            ),
            models.UniqueConstraint(
                fields=["cluster", "organisation"],
                condition=Q(status="active"),
                name="one_active_mandate_per_organisation",
            ),
        ]

    def __str__(self):
        return self.reference


class DebitBatch(models.Model):
    """One pain.008 file as it was written: kept, so the treasurer can download it again."""

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.PROTECT, related_name="debit_batches"
    )
    message_id = models.CharField(_("message ID"), max_length=35, unique=True)
    collection_date = models.DateField(_("collection date"))
    transactions = models.PositiveIntegerField(_("transactions"))
    total = models.DecimalField(_("sum"), max_digits=14, decimal_places=2)
    xml = models.TextField(editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("SEPA direct debit file")
        verbose_name_plural = _("SEPA direct debit files")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.message_id} ({self.collection_date})"


class PreNotification(models.Model):
    """The announcement of a debit (amount, date, mandate), mailed before it is collected."""

    invoice = models.ForeignKey(
        Invoice, on_delete=models.PROTECT, related_name="debit_pre_notifications"
    )
    mandate = models.ForeignKey(Mandate, on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    collection_date = models.DateField(_("announced collection date"))
    sent_on = models.DateField(_("sent"))

    class Meta:
        verbose_name = _("pre-notification")
        verbose_name_plural = _("pre-notifications")
        ordering = ["-sent_on"]

    def __str__(self):
        return f"{self.invoice} → {self.collection_date}"


class DirectDebit(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted to the bank")
        RETURNED = "returned", _("Returned")

    batch = models.ForeignKey(DebitBatch, on_delete=models.PROTECT, related_name="debits")
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="direct_debits")
    mandate = models.ForeignKey(Mandate, on_delete=models.PROTECT, related_name="debits")
    end_to_end_id = models.CharField(_("end-to-end ID"), max_length=35)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    sequence_type = models.CharField(_("sequence type"), max_length=4)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )

    class Meta:
        verbose_name = _("direct debit")
        verbose_name_plural = _("direct debits")
        constraints = [
            # An invoice is collected by at most one debit that is not returned.
            models.UniqueConstraint(
                fields=["invoice"],
                condition=Q(status="submitted"),
                name="one_open_debit_per_invoice",
            ),
        ]

    def __str__(self):
        return self.end_to_end_id


class DebitReturn(models.Model):
    """An R-transaction: a debit the debtor's bank gave back, with its reason and fee."""

    class Source(models.TextChoices):
        STATEMENT = "statement", _("Bank statement (camt.054)")
        MANUAL = "manual", _("Entered by hand")

    debit = models.OneToOneField(DirectDebit, on_delete=models.PROTECT, related_name="return_entry")
    reason_code = models.CharField(_("reason code"), max_length=4)
    returned_on = models.DateField(_("returned on"))
    fee = models.DecimalField(_("return fee"), max_digits=8, decimal_places=2, default=0)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("returned debit")
        verbose_name_plural = _("returned debits")

    def __str__(self):
        return f"{self.debit} {self.reason_code}"
