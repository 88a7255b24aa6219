"""Procurement thresholds and e-invoice rules, kept as data so staff can follow changes in
the law in the admin without a release."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Jurisdiction(models.TextChoices):
    EU = "EU", _("European Union")
    BUND = "BUND", _("Federation (Bund)")
    BW = "BW", _("Baden-Württemberg")
    BY = "BY", _("Bavaria")
    BE = "BE", _("Berlin")
    BB = "BB", _("Brandenburg")
    HB = "HB", _("Bremen")
    HH = "HH", _("Hamburg")
    HE = "HE", _("Hesse")
    MV = "MV", _("Mecklenburg-Western Pomerania")
    NI = "NI", _("Lower Saxony")
    NW = "NW", _("North Rhine-Westphalia")
    RP = "RP", _("Rhineland-Palatinate")
    SL = "SL", _("Saarland")
    SN = "SN", _("Saxony")
    ST = "ST", _("Saxony-Anhalt")
    SH = "SH", _("Schleswig-Holstein")
    TH = "TH", _("Thuringia")
    DEFAULT = "DEFAULT", _("Default (UVgO without Land rules)")


class AuthorityKind(models.TextChoices):
    FEDERAL_TOP = "federal_top", _("Federal top authority")
    FEDERAL_UPPER = "federal_upper", _("Federal upper authority")
    LAND = "land", _("Land authority")
    MUNICIPAL = "municipal", _("Municipality")
    SECTOR = "sector", _("Sector entity")


class Category(models.TextChoices):
    SUPPLIES = "supplies", _("Supplies")
    SERVICES = "services", _("Services")
    CONSTRUCTION = "construction", _("Construction works")


class Procedure(models.TextChoices):
    DA = "DA", _("Direct award (Direktauftrag)")
    VV_BA_OTW = (
        "VV_BA_OTW",
        _(
            "Negotiated award or restricted tender without competition "
            "(Verhandlungsvergabe / Beschränkte Ausschreibung ohne Teilnahmewettbewerb)"
        ),
    )
    NAT = "NAT", _("National open or restricted tender with competition")
    EU = "EU", _("EU-wide procedure")
    CALL_OFF = "CALL_OFF", _("Call-off from a framework agreement")
    NOT_ALLOWED = "NOT_ALLOWED", _("Not allowed")
    OUT_OF_SCOPE = "OUT_OF_SCOPE", _("Out of scope")


# Notes are the cluster staff's working notes (what to verify, what to add); buyers read
# the advisor's own translatable texts instead, never a note.
STAFF_NOTE_HELP = _(
    "For staff only: how the row was checked and what is still to do. Never shown to buyers."
)


def parse_authority_kinds(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


class Threshold(models.Model):
    """One value limit of one procedure in one jurisdiction, valid for a period."""

    jurisdiction = models.CharField(_("jurisdiction"), max_length=8, choices=Jurisdiction.choices)
    authority_kinds = models.CharField(
        _("authority kinds"),
        max_length=120,
        blank=True,
        help_text=_("Comma-separated codes (e.g. land,municipal); empty means every kind."),
    )
    category = models.CharField(
        _("procurement category"),
        max_length=12,
        choices=[c for c in Category.choices if c[0] != Category.CONSTRUCTION],
        blank=True,
        help_text=_("Empty means supplies and services."),
    )
    procedure = models.CharField(_("procedure"), max_length=12, choices=Procedure.choices)
    amount = models.DecimalField(
        _("amount in EUR net"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "National procedures: the upper limit up to which the procedure is allowed. "
            "EU: the threshold from which EU-wide procurement applies. Empty when the "
            "limit is the EU threshold."
        ),
    )
    up_to_eu_threshold = models.BooleanField(
        _("limit is the EU threshold"),
        default=False,
        help_text=_(
            "The procedure is allowed up to the EU threshold that applies to the buyer's "
            "kind of authority (taken from the EU rows), not up to a fixed amount."
        ),
    )
    inclusive = models.BooleanField(
        _("amount itself included"),
        default=True,
        help_text=_(
            "Whether a value equal to the limit belongs to this procedure, as the source "
            "words it: 'bis (einschließlich) X' includes X, 'unter X' or 'unterhalb' does "
            "not; a value equal to an EU threshold reaches it ('erreicht', § 106 GWB)."
        ),
    )
    bound_wording = models.CharField(
        _("wording of the limit in the source"),
        max_length=300,
        blank=True,
        help_text=_(
            "The source's own words for the limit, e.g. 'bis zu einer Wertgrenze von "
            "einschließlich 100 000 €'; they decide whether the amount is included."
        ),
    )
    min_offers = models.PositiveSmallIntegerField(
        _("minimum number of offers"), null=True, blank=True
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    source = models.TextField(_("legal source"))
    uncertain = models.BooleanField(_("uncertain"), default=False)
    note = models.TextField(_("note for staff"), blank=True, help_text=STAFF_NOTE_HELP)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("threshold")
        verbose_name_plural = _("thresholds")
        ordering = ["jurisdiction", "amount"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="procurement_threshold_amount_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True)
                | models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="procurement_threshold_period_ordered",
            ),
            # Either a fixed amount or the EU threshold, never both or neither.
            models.CheckConstraint(
                condition=models.Q(up_to_eu_threshold=False, amount__isnull=False)
                | models.Q(up_to_eu_threshold=True, amount__isnull=True),
                name="procurement_threshold_amount_or_eu_threshold",
            ),
        ]

    def __str__(self):
        limit = "EU" if self.up_to_eu_threshold else f"{self.amount} EUR"
        return f"{self.jurisdiction} {self.procedure} {limit}"

    def clean(self):
        unknown = set(parse_authority_kinds(self.authority_kinds)) - set(AuthorityKind.values)
        if unknown:
            raise ValidationError(
                {
                    "authority_kinds": _("Unknown authority kinds: %(kinds)s")
                    % {"kinds": ", ".join(sorted(unknown))}
                }
            )
        if self.procedure not in (Procedure.DA, Procedure.VV_BA_OTW, Procedure.EU):
            raise ValidationError(
                {"procedure": _("Thresholds exist for direct awards, VV/BA and EU only.")}
            )
        if self.up_to_eu_threshold and self.procedure == Procedure.EU:
            raise ValidationError(
                {"up_to_eu_threshold": _("An EU threshold needs its own amount.")}
            )
        if self.up_to_eu_threshold and self.amount is not None:
            raise ValidationError(
                {"amount": _("Leave the amount empty when the limit is the EU threshold.")}
            )
        if not self.up_to_eu_threshold and self.amount is None:
            raise ValidationError({"amount": _("Give the amount of the limit.")})

    def applies_to(self, authority: str | None, category: str) -> bool:
        kinds = parse_authority_kinds(self.authority_kinds)
        if authority is not None and kinds and authority not in kinds:
            return False
        return not self.category or self.category == category


class EInvoiceRule(models.Model):
    """Whether suppliers must send an e-invoice (XRechnung) to buyers of a jurisdiction."""

    jurisdiction = models.CharField(_("jurisdiction"), max_length=8, choices=Jurisdiction.choices)
    required = models.BooleanField(_("e-invoice required from suppliers"))
    exempt_up_to = models.DecimalField(
        _("exempt up to EUR net"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Direct awards up to this value are exempt."),
    )
    exempt_inclusive = models.BooleanField(
        _("exemption includes the amount itself"),
        default=True,
        help_text=_(
            "As the source words it: 'bis zu X' exempts a direct award of exactly X, "
            "'unter X' does not."
        ),
    )
    bound_wording = models.CharField(
        _("wording of the limit in the source"), max_length=300, blank=True
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    source = models.TextField(_("legal source"))
    uncertain = models.BooleanField(_("uncertain"), default=False)
    note = models.TextField(_("note for staff"), blank=True, help_text=STAFF_NOTE_HELP)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("e-invoice rule")
        verbose_name_plural = _("e-invoice rules")
        ordering = ["jurisdiction"]

    def __str__(self):
        return f"{self.jurisdiction}: {self.required}"


class DutyKind(models.TextChoices):
    EX_POST_PUBLICATION = "ex_post_publication", _("Ex-post publication of the award")
    STATISTICS = "statistics", _("Report to the procurement statistics")


class DutyThreshold(models.Model):
    """The value from which a duty of the advisor's procedures starts ('ab X' includes X,
    'überschreitet X' does not), as its source words it."""

    duty = models.CharField(_("duty"), max_length=24, choices=DutyKind.choices)
    jurisdiction = models.CharField(
        _("jurisdiction"),
        max_length=8,
        choices=Jurisdiction.choices,
        help_text=_("Default: wherever no row for the buyer's own jurisdiction exists."),
    )
    authority_kinds = models.CharField(
        _("authority kinds"),
        max_length=120,
        blank=True,
        help_text=_("Comma-separated codes (e.g. land,municipal); empty means every kind."),
    )
    amount = models.DecimalField(_("amount in EUR net"), max_digits=14, decimal_places=2)
    inclusive = models.BooleanField(
        _("amount itself included"),
        help_text=_(
            "Whether the duty applies to a value equal to the amount, as the source words it: "
            "'ab X' includes X, 'über X' or 'X überschreitet' does not."
        ),
    )
    bound_wording = models.CharField(
        _("wording of the limit in the source"), max_length=300, blank=True
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    source = models.TextField(_("legal source"))
    uncertain = models.BooleanField(_("uncertain"), default=False)
    note = models.TextField(_("note for staff"), blank=True, help_text=STAFF_NOTE_HELP)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("duty threshold")
        verbose_name_plural = _("duty thresholds")
        ordering = ["duty", "jurisdiction"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0),
                name="procurement_dutythreshold_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True)
                | models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="procurement_dutythreshold_period_ordered",
            ),
        ]

    def __str__(self):
        sign = "≥" if self.inclusive else ">"
        return f"{self.jurisdiction} {self.duty} {sign} {self.amount} EUR"

    def clean(self):
        unknown = set(parse_authority_kinds(self.authority_kinds)) - set(AuthorityKind.values)
        if unknown:
            raise ValidationError(
                {
                    "authority_kinds": _("Unknown authority kinds: %(kinds)s")
                    % {"kinds": ", ".join(sorted(unknown))}
                }
            )

    def applies_to(self, authority: str) -> bool:
        kinds = parse_authority_kinds(self.authority_kinds)
        return not kinds or authority in kinds

    def reached_by(self, value) -> bool:
        return value >= self.amount if self.inclusive else value > self.amount
