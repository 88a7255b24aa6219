"""Organisations: firms, research institutes, public bodies and their profiles."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from knotenpunkt.directory import validators
from knotenpunkt.directory.models.taxonomy import Region, Topic


class Organisation(models.Model):
    """A firm, university, association or public body in the cluster's world."""

    class LegalForm(models.TextChoices):
        GMBH = "gmbh", "GmbH"
        UG = "ug", "UG (haftungsbeschränkt)"
        AG = "ag", "AG"
        GMBH_CO_KG = "gmbh_co_kg", "GmbH & Co. KG"
        KG = "kg", "KG"
        OHG = "ohg", "OHG"
        GBR = "gbr", "GbR"
        PARTG = "partg", "PartG"
        SOLE = "sole", _("Sole proprietorship (e.K. / freelancer)")
        EV = "ev", "e.V."
        GGMBH = "ggmbh", "gGmbH"
        EG = "eg", "eG"
        PUBLIC_BODY = "public", _("Public-law body")
        FOUNDATION = "foundation", _("Foundation")
        OTHER = "other", _("Other")

    class ActorType(models.TextChoices):
        BUSINESS = "business", _("Business and industry")
        RESEARCH = "research", _("Research and education")
        INTERMEDIARY = "intermediary", _("Intermediary")
        MARKETING = "marketing", _("Marketing and communication")
        PUBLIC = "public", _("Government and public administration")

    class SizeClass(models.TextChoices):
        # Employee bands of the EU SME definition.
        MICRO = "micro", _("fewer than 10 employees")
        SMALL = "small", _("10 to 49 employees")
        MEDIUM = "medium", _("50 to 249 employees")
        LARGE = "large", _("250 employees or more")

    name = models.CharField(_("name"), max_length=200, db_index=True)
    slug = models.SlugField(_("short address"), max_length=220, unique=True)
    legal_form = models.CharField(
        _("legal form"), max_length=20, choices=LegalForm.choices, blank=True
    )
    actor_type = models.CharField(
        _("actor type"), max_length=20, choices=ActorType.choices, default=ActorType.BUSINESS
    )
    size_class = models.CharField(_("size"), max_length=10, choices=SizeClass.choices, blank=True)
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    wz_code = models.CharField(
        _("sector (WZ 2008)"),
        max_length=8,
        blank=True,
        validators=[validators.validate_wz_code],
        help_text=_("Classification of economic activities, e.g. 62.01 for programming."),
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=5, blank=True, validators=[validators.validate_german_postcode]
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region (district)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("general e-mail"), blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown: **bold**, *italic*, lists, links.")
    )
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    register_number = models.CharField(
        _("register number"),
        max_length=40,
        blank=True,
        validators=[validators.validate_register_number],
    )
    vat_id = models.CharField(
        _("VAT ID"), max_length=20, blank=True, validators=[validators.validate_vat_id]
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), related_name="organisations", blank=True
    )
    is_listed = models.BooleanField(
        _("listed in the public directory"),
        default=True,
        help_text=_("Shown in the public directory while it has an active membership."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # When an organisation admin last saved (and so confirmed) the profile; the data-quality
    # dashboard counts records neither confirmed nor updated for months as stale.
    confirmed_at = models.DateTimeField(_("last confirmed"), null=True, blank=True, editable=False)
    # Kept by directory.services.search; read by the directory search.
    search_document = models.TextField(editable=False, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["actor_type"]),
            models.Index(fields=["size_class"]),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:organisation", kwargs={"slug": self.slug})
