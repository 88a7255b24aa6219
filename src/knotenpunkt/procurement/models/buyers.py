"""Public buyers: the administrations that may buy through the one-stop shop.

Only an organisation of actor type public administration can be a buyer, and only once
cluster staff have verified it (that it is the public body it says, its jurisdiction and
the kind of contracting authority it is). The procurement advisor takes its jurisdiction
and authority kind from here.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from knotenpunkt.directory.models import Organisation
from knotenpunkt.procurement.leitweg import validate_leitweg_id
from knotenpunkt.procurement.models.thresholds import AuthorityKind, Jurisdiction


class PublicBuyer(models.Model):
    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="public_buyer",
    )
    jurisdiction = models.CharField(
        _("jurisdiction"),
        max_length=8,
        choices=[c for c in Jurisdiction.choices if c[0] not in (Jurisdiction.EU, "DEFAULT")],
        help_text=_("The Federation or the Land whose procurement law applies."),
    )
    authority_kind = models.CharField(
        _("kind of contracting authority"), max_length=15, choices=AuthorityKind.choices
    )
    leitweg_id = models.CharField(
        _("Leitweg-ID"),
        max_length=50,
        blank=True,
        validators=[validate_leitweg_id],
        help_text=_("Where e-invoices to this administration are routed (XRechnung BT-10)."),
    )
    invoice_email = models.EmailField(_("e-mail for invoices"), blank=True)
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verification_note = models.TextField(
        _("how it was verified"),
        blank=True,
        help_text=_("E.g. “called the main office, 03.02.2026”; visible to staff only."),
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        verbose_name = _("public buyer")
        verbose_name_plural = _("public buyers")
        ordering = ["organisation__name"]

    def __str__(self):
        return str(self.organisation)

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    def clean(self):
        if self.organisation_id and self.organisation.actor_type != Organisation.ActorType.PUBLIC:
            raise ValidationError(
                _("Only an organisation of the actor type public administration can buy.")
            )
        # Sector entities (utilities, transport) exist at every level.
        federal = self.authority_kind in (AuthorityKind.FEDERAL_TOP, AuthorityKind.FEDERAL_UPPER)
        land = self.authority_kind in (AuthorityKind.LAND, AuthorityKind.MUNICIPAL)
        in_bund = self.jurisdiction == Jurisdiction.BUND
        if (federal and not in_bund) or (land and in_bund):
            raise ValidationError(
                _(
                    "Federal authorities belong to the Federation; "
                    "Land and municipal ones to a Land."
                )
            )
