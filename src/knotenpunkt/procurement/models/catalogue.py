"""The one-stop shop's catalogue: offerings of provider organisations, listed in versions.

An `Offering` is the identity of a product or service of one provider; everything a
buyer reads about it lives in an `OfferingVersion`. A version is edited while it is a
draft, frozen when the provider submits it for review, and becomes what buyers see when
cluster staff publish it. The previously published version stays stored (superseded), so
a quote request or order keeps pointing at exactly what was listed when the buyer
decided.
"""

import datetime

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from knotenpunkt.core.uploads import private_storage
from knotenpunkt.directory.models import Organisation, Person
from knotenpunkt.procurement.models.thresholds import Category
from knotenpunkt.procurement.validators import parse_leika_keys, validate_leika_keys


class Themenfeld(models.Model):
    """One of the OZG Themenfelder (the 14 life and business situations the online access
    act groups administrative services into). Seeded; staff may correct labels."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    label_de = models.CharField(_("German label"), max_length=120)
    label_en = models.CharField(_("English label"), max_length=120)

    class Meta:
        verbose_name = _("OZG Themenfeld")
        verbose_name_plural = _("OZG Themenfelder")
        ordering = ["label_de"]

    def __str__(self):
        from django.utils.translation import get_language

        return self.label_en if (get_language() or "de").startswith("en") else self.label_de


class Interface(models.Model):
    """A standard interface an offering supports (FIT-Connect, an XÖV standard, SSO...)."""

    class Kind(models.TextChoices):
        TRANSPORT = "transport", _("Transport and submission")
        XOEV = "xoev", _("XÖV data standard")
        SSO = "sso", _("Login and single sign-on")
        PAYMENT = "payment", _("Payment")
        DOCUMENTS = "documents", _("Records and document exchange")
        OTHER = "other", _("Other")

    key = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)

    class Meta:
        verbose_name = _("interface")
        verbose_name_plural = _("interfaces")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class Offering(models.Model):
    """A product or service of a provider, across all its listed versions."""

    provider = models.ForeignKey(
        Organisation,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="offerings",
    )
    slug = models.SlugField(_("short address"), max_length=220, unique=True)
    published = models.OneToOneField(
        "OfferingVersion",
        verbose_name=_("published version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(
        pgettext_lazy("offering", "withdrawn"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("offering")
        verbose_name_plural = _("offerings")
        ordering = ["slug"]

    def __str__(self):
        version = self.published or self.versions.order_by("-number").first()
        return version.name if version else self.slug

    def get_absolute_url(self):
        return reverse("procurement:offering", args=[self.slug])

    @property
    def is_listed(self) -> bool:
        return self.published_id is not None and self.withdrawn_at is None

    def working_version(self) -> "OfferingVersion | None":
        """The newest version that is not published yet (draft, in review, sent back)."""
        return (
            self.versions.filter(
                status__in=[
                    OfferingVersion.Status.DRAFT,
                    OfferingVersion.Status.SUBMITTED,
                    OfferingVersion.Status.CHANGES_REQUESTED,
                ]
            )
            .order_by("-number")
            .first()
        )


class OfferingVersion(models.Model):
    """Everything a buyer reads about an offering, as listed at one point in time."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        PUBLISHED = "published", _("Published")
        SUPERSEDED = "superseded", _("Replaced by a newer version")

    class Kind(models.TextChoices):
        PRODUCT = "product", _("Product")
        SERVICE = "service", _("Service")

    class OfferingCategory(models.TextChoices):
        APPOINTMENTS = "appointments", _("Appointment booking")
        EFILE = "efile", _("E-file and document management")
        ONLINE_SERVICES = "online_services", _("Online services and forms (OZG)")
        PORTAL = "portal", _("Citizen and business portal")
        PAYMENT = "payment", _("E-payment")
        SPECIALIST = "specialist", _("Specialist procedure")
        COLLABORATION = "collaboration", _("Collaboration and communication")
        GIS = "gis", _("Geodata and GIS")
        DATA = "data", _("Data platforms, open data and analytics")
        AI = "ai", _("Artificial intelligence")
        SECURITY = "security", _("IT security")
        ACCESSIBILITY = "accessibility", _("Accessibility")
        HOSTING = "hosting", _("Hosting and cloud operation")
        CONSULTING = "consulting", _("Consulting and implementation")
        TRAINING = "training", _("Training")
        OTHER = "other", _("Other")

    class Deployment(models.TextChoices):
        SAAS = "saas", _("Software as a service")
        ON_PREMISES = "on_premises", _("On premises")
        HYBRID = "hybrid", _("Hybrid")
        NOT_APPLICABLE = "none", _("Not applicable (service)")

    class Hosting(models.TextChoices):
        GERMANY = "de", _("Germany")
        EU = "eu", _("Another EU/EEA country")
        OUTSIDE_EU = "non_eu", _("Outside the EU/EEA")
        CUSTOMER = "customer", _("At the customer (own data centre)")
        NOT_APPLICABLE = "none", _("No hosting")

    class PriceModel(models.TextChoices):
        ONE_OFF = "one_off", _("One-off price")
        PER_USER_MONTH = "per_user_month", _("Per user and month")
        PER_CITIZEN_YEAR = "per_citizen_year", _("Per inhabitant and year")
        PROJECT = "project", _("Project price")
        DAILY_RATE = "daily_rate", _("Daily rate")

    class Accessibility(models.TextChoices):
        FULL = "full", _("Fully conformant")
        PARTIAL = "partial", _("Partially conformant")
        NONE = "none", _("Not conformant")
        NOT_ASSESSED = "not_assessed", _("Not assessed")

    class C5(models.TextChoices):
        NONE = "", _("No BSI C5 attestation")
        TYPE1 = "type1", _("BSI C5 type 1")
        TYPE2 = "type2", _("BSI C5 type 2")

    class Iso27001(models.TextChoices):
        NONE = "", _("No ISO 27001 certificate")
        NATIVE = "native", _("ISO 27001 (native)")
        GRUNDSCHUTZ = "grundschutz", _("ISO 27001 on the basis of IT-Grundschutz")

    class EvbIt(models.TextChoices):
        KAUF = "kauf", _("EVB-IT Kauf")
        UEBERLASSUNG_A = "ueberlassung_a", _("EVB-IT Überlassung Typ A")
        UEBERLASSUNG_B = "ueberlassung_b", _("EVB-IT Überlassung Typ B")
        DIENSTVERTRAG = "dienstvertrag", _("EVB-IT Dienstvertrag")
        SERVICE = "service", _("EVB-IT Service")
        PFLEGE = "pflege_s", _("EVB-IT Pflege S")
        INSTANDHALTUNG = "instandhaltung", _("EVB-IT Instandhaltung")
        ERSTELLUNG = "erstellung", _("EVB-IT Erstellung")
        SYSTEM = "system", _("EVB-IT System")
        SYSTEMLIEFERUNG = "systemlieferung", _("EVB-IT Systemlieferung")
        CLOUD = "cloud", _("EVB-IT Cloud")

    offering = models.ForeignKey(
        Offering, verbose_name=_("offering"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )

    name = models.CharField(_("name"), max_length=150)
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two sentences for the result list.")
    )
    description = models.TextField(
        _("description"), help_text=_("What it does and for whom. Markdown is allowed.")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    category = models.CharField(_("category"), max_length=20, choices=OfferingCategory.choices)
    procurement_category = models.CharField(
        _("procurement category"),
        max_length=12,
        choices=[c for c in Category.choices if c[0] != Category.CONSTRUCTION],
        default=Category.SERVICES,
        help_text=_(
            "Supplies (e.g. buying licences or hardware) or services (software as a "
            "service, consulting, operation)."
        ),
    )
    deployment = models.CharField(_("deployment"), max_length=12, choices=Deployment.choices)
    hosting = models.CharField(_("hosting location"), max_length=10, choices=Hosting.choices)
    hosting_details = models.CharField(
        _("hosting details"),
        max_length=200,
        blank=True,
        help_text=_("Data centre, operator, sub-processors."),
    )
    price_model = models.CharField(_("price model"), max_length=20, choices=PriceModel.choices)
    price_amount = models.DecimalField(
        _("price in EUR net"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The list price in the unit of the price model; empty means on request."),
    )
    price_note = models.CharField(
        _("price note"), max_length=300, blank=True, help_text=_("Minimum terms, set-up fees.")
    )
    reference_customers = models.TextField(
        _("reference customers"),
        blank=True,
        help_text=_("One per line, e.g. “Stadt Kiel, since 2023”. Only with their consent."),
    )
    themenfelder = models.ManyToManyField(
        Themenfeld, verbose_name=_("OZG Themenfelder"), blank=True, related_name="+"
    )
    leika_keys = models.TextField(
        _("administrative services (LeiKa keys)"),
        blank=True,
        validators=[validate_leika_keys],
        help_text=_(
            "14-digit keys of the Leistungskatalog, one per line; federal keys start with 99."
        ),
    )
    interfaces = models.ManyToManyField(
        Interface, verbose_name=_("interfaces"), blank=True, related_name="+"
    )
    open_source_licence = models.CharField(
        _("open-source licence"),
        max_length=60,
        blank=True,
        help_text=_("SPDX identifier, e.g. EUPL-1.2 or AGPL-3.0-or-later; empty if proprietary."),
    )
    opencode_url = models.URLField(
        _("openCode listing"), blank=True, help_text=_("The project's address on opencode.de.")
    )
    accessibility = models.CharField(
        _("accessibility (BITV 2.0 / EN 301 549)"),
        max_length=15,
        choices=Accessibility.choices,
        default=Accessibility.NOT_ASSESSED,
    )
    accessibility_statement_url = models.URLField(_("accessibility statement"), blank=True)
    c5 = models.CharField(_("BSI C5"), max_length=6, choices=C5.choices, blank=True)
    iso27001 = models.CharField(_("ISO 27001"), max_length=12, choices=Iso27001.choices, blank=True)
    avv_available = models.BooleanField(
        _("data-processing agreement (Art. 28 GDPR) available"), default=False
    )
    evb_it = models.CharField(
        _("suitable EVB-IT contract type"), max_length=20, choices=EvbIt.choices, blank=True
    )

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
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_note = models.TextField(_("note from the review"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # The words the catalogue search matches, kept up to date by the listing service, and
    # on PostgreSQL their German tsvector (GIN-indexed, migration 0007): stored, so a
    # search never recomputes it per row. SQLite leaves it empty and searches with LIKE.
    search_document = models.TextField(editable=False, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("offering version")
        verbose_name_plural = _("offering versions")
        ordering = ["offering", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["offering", "number"], name="offering_version_unique"),
            models.CheckConstraint(
                condition=models.Q(price_amount__isnull=True) | models.Q(price_amount__gte=0),
                name="offering_price_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["status", "category"])]

    def __str__(self):
        return f"{self.name} (v{self.number})"

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.CHANGES_REQUESTED)

    @property
    def is_open_source(self) -> bool:
        return bool(self.open_source_licence)

    def leika_key_list(self) -> list[str]:
        return parse_leika_keys(self.leika_keys)

    def reference_list(self) -> list[str]:
        return [line.strip() for line in self.reference_customers.splitlines() if line.strip()]


def document_path(instance, filename: str) -> str:
    return f"offerings/{instance.version.offering_id}/{filename}"


class OfferingDocument(models.Model):
    """A data sheet, certificate or statement attached to a version. Certificates carry
    their expiry date: an expired one is shown as expired, never silently as valid."""

    class Kind(models.TextChoices):
        DATA_SHEET = "data_sheet", _("Data sheet")
        ISO27001 = "iso27001", _("ISO 27001 certificate")
        C5 = "c5", _("BSI C5 attestation")
        ACCESSIBILITY = "accessibility", _("Accessibility test report")
        AVV = "avv", _("Data-processing agreement (template)")
        CERTIFICATE = "certificate", _("Other certificate")
        OTHER = "other", _("Other document")

    version = models.ForeignKey(
        OfferingVersion,
        verbose_name=_("offering version"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=document_path, storage=private_storage)
    issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["version", "kind", "title"]

    def __str__(self):
        return self.title

    def is_expired(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.valid_until is not None and self.valid_until < day


class OfferingReview(models.Model):
    """A verified public buyer's experience with an offering."""

    offering = models.ForeignKey(
        Offering, verbose_name=_("offering"), on_delete=models.CASCADE, related_name="reviews"
    )
    version = models.ForeignKey(
        OfferingVersion,
        verbose_name=_("version reviewed"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    buyer = models.ForeignKey(
        Organisation,
        verbose_name=_("administration"),
        on_delete=models.CASCADE,
        related_name="offering_reviews",
    )
    author = models.ForeignKey(
        Person,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="offering_reviews",
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), choices=[(n, str(n)) for n in range(1, 6)]
    )
    text = models.TextField(_("experience"), max_length=3000)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["offering", "buyer"], name="one_review_per_buyer"),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="review_rating_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.buyer} → {self.offering}"
