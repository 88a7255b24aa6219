"""Quote requests (Angebotsanfragen): a public buyer asks providers for offers.

The request freezes the advisor's result when it is sent (procedure, estimate, duties),
so the documentation file shows what was decided on which basis even after the
threshold tables change. Quotes stay sealed for the buyer until the deadline has passed:
no quote can be compared or leaked while others may still submit.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.uploads import private_storage
from knotenpunkt.directory.models import Organisation
from knotenpunkt.procurement.models.buyers import PublicBuyer
from knotenpunkt.procurement.models.catalogue import OfferingVersion
from knotenpunkt.procurement.models.thresholds import Category, Procedure

MONEY = {"max_digits": 14, "decimal_places": 2}


class QuoteRequest(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent")
        AWARDED = "awarded", _("Awarded")
        CANCELLED = "cancelled", _("Cancelled")

    buyer = models.ForeignKey(
        PublicBuyer,
        verbose_name=_("administration"),
        on_delete=models.PROTECT,
        related_name="quote_requests",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("subject"), max_length=200)
    need = models.TextField(
        _("what is needed"),
        help_text=_("The requirement in your own words: what, for whom, by when, how many."),
    )
    offering_category = models.CharField(
        _("kind of offering"), max_length=20, choices=OfferingVersion.OfferingCategory.choices
    )
    procurement_category = models.CharField(
        _("procurement category"),
        max_length=12,
        choices=[c for c in Category.choices if c[0] != Category.CONSTRUCTION],
        default=Category.SERVICES,
    )

    # The inputs of the value estimate (§ 3 VgV), as the buyer gave them.
    one_off_value = models.DecimalField(
        _("one-off value (EUR net)"), null=True, blank=True, **MONEY
    )
    monthly_value = models.DecimalField(_("monthly fee (EUR net)"), null=True, blank=True, **MONEY)
    term_months = models.PositiveSmallIntegerField(
        _("fixed term in months"),
        null=True,
        blank=True,
        help_text=_("Leave empty for an indefinite term."),
    )
    option_months = models.PositiveSmallIntegerField(
        _("optional extension in months"), null=True, blank=True
    )
    option_value = models.DecimalField(
        _("value of further options (EUR net)"), null=True, blank=True, **MONEY
    )

    # The advisor's result, frozen when the request is sent.
    related_value = models.DecimalField(
        _("related orders of the last 12 months (EUR net)"), default=0, **MONEY
    )
    estimated_value = models.DecimalField(_("estimated value (EUR net)"), null=True, **MONEY)
    procedure = models.CharField(
        _("procedure"), max_length=12, choices=Procedure.choices, blank=True
    )
    min_offers = models.PositiveSmallIntegerField(_("minimum number of offers"), null=True)
    advice = models.JSONField(_("advice"), default=dict, blank=True)

    deadline = models.DateTimeField(_("deadline for quotes"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    awarded_quote = models.OneToOneField(
        "Quote",
        verbose_name=_("awarded quote"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    award_reason = models.TextField(_("reason for the award"), blank=True)
    awarded_at = models.DateTimeField(_("awarded"), null=True, blank=True)
    awarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("awarded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)

    class Meta:
        verbose_name = _("quote request")
        verbose_name_plural = _("quote requests")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("procurement:request", args=[self.pk])

    @property
    def deadline_passed(self) -> bool:
        return self.deadline is not None and self.deadline <= timezone.now()

    @property
    def quotes_open(self) -> bool:
        """Quotes may still be submitted or changed."""
        return self.status == self.Status.SENT and not self.deadline_passed


class QuoteInvitation(models.Model):
    """One provider asked for a quote, and why it was asked."""

    class Origin(models.TextChoices):
        CHOSEN = "chosen", _("Chosen by the administration")
        PROPOSED = "proposed", _("Proposed by the platform")

    request = models.ForeignKey(
        QuoteRequest,
        verbose_name=_("quote request"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    provider = models.ForeignKey(
        Organisation,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="quote_invitations",
    )
    offering_version = models.ForeignKey(
        OfferingVersion,
        verbose_name=_("offering as listed"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices)
    reason = models.TextField(_("why this provider"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    declined_at = models.DateTimeField(_("declined"), null=True, blank=True)
    decline_reason = models.CharField(_("reason for declining"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("invitation to quote")
        verbose_name_plural = _("invitations to quote")
        ordering = ["request", "provider__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "provider"], name="one_invitation_per_provider"
            )
        ]

    def __str__(self):
        return f"{self.request} → {self.provider}"


def quote_document_path(instance, filename: str) -> str:
    return f"quotes/{instance.invitation.request_id}/{instance.invitation.provider_id}/{filename}"


class Quote(models.Model):
    """A provider's offer in answer to an invitation."""

    invitation = models.OneToOneField(
        QuoteInvitation,
        verbose_name=_("invitation"),
        on_delete=models.CASCADE,
        related_name="quote",
    )
    net_price = models.DecimalField(_("price (EUR net)"), **MONEY)
    description = models.TextField(
        _("offer"), help_text=_("What you offer, terms, schedule, what is not included.")
    )
    valid_until = models.DateField(_("binding until"), null=True, blank=True)
    document = models.FileField(
        _("offer document"), upload_to=quote_document_path, storage=private_storage, blank=True
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["net_price"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(net_price__gte=0), name="quote_price_not_negative"
            )
        ]

    def __str__(self):
        return f"{self.invitation.provider}: {self.net_price} EUR"
