"""The central data: clusters, organisations, people, their functions and memberships."""

from datetime import date

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from knotenpunkt.directory import validators


class Cluster(models.Model):
    """A regional network run by a cluster management; one installation hosts several."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    slug = models.SlugField(_("short address"), max_length=60, unique=True)
    description = models.TextField(_("description"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="clusters/", blank=True)
    brand_colour = models.CharField(
        _("brand colour"),
        max_length=7,
        default="#1d4f91",
        validators=[validators.validate_hex_colour],
        help_text=_("Used for headings and buttons in mailings, e.g. #1d4f91."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    website = models.URLField(_("website"), blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=5, blank=True, validators=[validators.validate_german_postcode]
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cluster management staff"),
        related_name="staffed_clusters",
        blank=True,
    )

    class Meta:
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")
        ordering = ["name"]

    def __str__(self):
        return self.short_name or self.name


class Region(models.Model):
    """A district (Kreis) or district-free city, identified by its official AGS key."""

    ags = models.CharField(_("official key (AGS)"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=100)
    state = models.CharField(_("federal state"), max_length=50)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["state", "name"]

    def __str__(self):
        return self.name


class Topic(models.Model):
    """One entry of the hierarchical taxonomy of themes and competences."""

    class Kind(models.TextChoices):
        THEME = "theme", _("Theme")
        COMPETENCE = "competence", _("Competence")
        TECHNOLOGY = "technology", _("Technology")
        INDUSTRY = "industry", _("Industry served")

    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent topic"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    slug = models.SlugField(_("key"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.THEME)
    label_de = models.CharField(_("German label"), max_length=120)
    label_en = models.CharField(_("English label"), max_length=120)
    synonyms = models.TextField(
        _("synonyms"),
        blank=True,
        help_text=_("Other words for this topic, in any language, one per line."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["label_de"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        if (get_language() or "de").startswith("en"):
            return self.label_en or self.label_de
        return self.label_de

    @property
    def synonym_list(self) -> list[str]:
        return [s.strip() for s in self.synonyms.splitlines() if s.strip()]


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


class Person(models.Model):
    """A contact person; a user account is optional."""

    class Salutation(models.TextChoices):
        MS = "ms", _("Ms")
        MR = "mr", _("Mr")
        NONE = "none", _("No salutation")

    salutation = models.CharField(
        _("salutation"), max_length=10, choices=Salutation.choices, default=Salutation.NONE
    )
    title = models.CharField(_("academic title"), max_length=50, blank=True)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100, db_index=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("interests"), related_name="people", blank=True
    )
    is_public = models.BooleanField(_("show me on my organisation's public page"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # When the person (or their organisation admin) last saved and so confirmed the data.
    confirmed_at = models.DateTimeField(_("last confirmed"), null=True, blank=True, editable=False)
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.title, self.first_name, self.last_name) if p)

    @property
    def primary_email(self) -> str:
        emails = list(self.emails.all())
        primary = next((e for e in emails if e.is_primary), emails[0] if emails else None)
        return primary.address if primary else ""


class PersonEmailQuerySet(models.QuerySet):
    def identifying(self):
        """Addresses that may identify their person: confirmed by the owner through a link
        sent to them (or the person's confirmed login itself), or on a record without a
        login (contact data entered by staff or an import, on which nobody's rights hang).
        An unconfirmed address on a person with a login identifies nobody: anyone can type
        anyone's address into their profile."""
        return self.alias(
            address_lower=Lower("address"), login_lower=Lower("person__user__email")
        ).filter(
            Q(confirmed_at__isnull=False)
            | Q(person__user__isnull=True)
            | Q(person__user__email_confirmed_at__isnull=False, login_lower=F("address_lower"))
        )


class PersonEmail(models.Model):
    class Kind(models.TextChoices):
        WORK = "work", _("Work")
        PRIVATE = "private", _("Private")

    class Deliverability(models.TextChoices):
        VALID = "valid", _("Valid")
        INVALID = "invalid", _("Invalid")
        BOUNCING = "bouncing", _("Bouncing")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="emails")
    address = models.EmailField(_("e-mail address"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.WORK)
    is_primary = models.BooleanField(_("primary"), default=False)
    # Set by whoever learns it (the mailings' bounce handling, a staff check); the
    # data-quality dashboard lists addresses that are not valid.
    deliverability = models.CharField(
        _("deliverability"),
        max_length=10,
        choices=Deliverability.choices,
        default=Deliverability.VALID,
        db_index=True,
    )
    bounced_at = models.DateTimeField(_("last bounce"), null=True, blank=True)
    # Set when the owner opened the confirmation link sent to the address (or confirmed it
    # by confirming their login, which is the same address); cleared when it changes.
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True, editable=False)

    objects = PersonEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("e-mail address")
        verbose_name_plural = _("e-mail addresses")
        constraints = [
            models.UniqueConstraint("person", Lower("address"), name="unique_email_per_person"),
        ]
        indexes = [models.Index(Lower("address"), name="person_email_lower")]

    def __str__(self):
        return self.address

    def save(self, *args, **kwargs):
        # A confirmation belongs to the address that was confirmed, not to the row: whoever
        # edits an address (the owner, an admin, staff in the back office, an import), the
        # new one counts only once its owner confirms it.
        loaded = getattr(self, "_address_as_loaded", None)
        if self.confirmed_at and loaded is not None and loaded.lower() != self.address.lower():
            self.confirmed_at = None
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "confirmed_at"}
        super().save(*args, **kwargs)
        self._address_as_loaded = self.address

    @classmethod
    def from_db(cls, db, field_names, values):
        email = super().from_db(db, field_names, values)
        email._address_as_loaded = email.__dict__.get("address")
        return email

    @property
    def identifies_person(self) -> bool:
        """The same test as PersonEmailQuerySet.identifying, for a loaded row."""
        if self.confirmed_at is not None or self.person.user_id is None:
            return True
        login = self.person.user
        return login.email_confirmed_at is not None and login.email.lower() == self.address.lower()


class PersonPhone(models.Model):
    class Kind(models.TextChoices):
        WORK = "work", _("Work")
        MOBILE = "mobile", _("Mobile")
        PRIVATE = "private", _("Private")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="phones")
    number = PhoneNumberField(_("phone number"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.WORK)

    class Meta:
        verbose_name = _("phone number")
        verbose_name_plural = _("phone numbers")
        constraints = [
            models.UniqueConstraint(fields=["person", "number"], name="unique_phone_per_person"),
        ]

    def __str__(self):
        return self.number.as_international if self.number else ""


class PositionQuerySet(models.QuerySet):
    def current(self, day: date | None = None):
        """Functions held on `day` (today): started (or undated) and not yet ended."""
        day = day or timezone.localdate()
        return self.filter(Q(start_date__isnull=True) | Q(start_date__lte=day)).filter(
            Q(end_date__isnull=True) | Q(end_date__gt=day)
        )


class Position(models.Model):
    """A person's function at an organisation (CEO, CIO, HR lead, board member, ...)."""

    class Function(models.TextChoices):
        CEO = "ceo", _("Managing director / CEO")
        CIO = "cio", _("CIO / head of IT")
        CTO = "cto", _("CTO")
        CDO = "cdo", _("Chief digital officer")
        HR = "hr", _("HR lead")
        MARKETING = "marketing", _("Marketing and communication")
        SALES = "sales", _("Sales")
        PROJECT = "project", _("Project management")
        RESEARCH = "research", _("Research and teaching")
        DEVELOPER = "developer", _("Software development")
        BOARD = "board", _("Board member")
        OFFICE = "office", _("Office and assistance")
        EMPLOYEE = "employee", _("Employee")
        STUDENT = "student", _("Student")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="positions")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="positions"
    )
    function = models.CharField(
        _("function"), max_length=20, choices=Function.choices, default=Function.EMPLOYEE
    )
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    is_admin = models.BooleanField(
        _("organisation admin"),
        default=False,
        help_text=_("May edit the organisation's profile, topics and people."),
    )
    start_date = models.DateField(_("since"), null=True, blank=True)
    # The first day the person no longer holds the function (set when they leave).
    end_date = models.DateField(_("ended on"), null=True, blank=True)

    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = _("function")
        verbose_name_plural = _("functions")
        ordering = ["organisation__name", "person__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation", "function"],
                condition=Q(end_date__isnull=True),
                name="unique_current_function",
            ),
        ]
        indexes = [models.Index(fields=["function"])]

    def __str__(self):
        return f"{self.person} – {self.get_function_display()}, {self.organisation}"

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        started = self.start_date is None or self.start_date <= today
        return started and (self.end_date is None or self.end_date > today)


class MembershipQuerySet(models.QuerySet):
    def active_on(self, day: date):
        """Memberships running on `day`: started, and not ended before it."""
        return self.filter(start_date__lte=day).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )

    def in_force(self, day: date | None = None):
        """Memberships that make an organisation a member on `day` (today): running by
        their dates and not ended by status (a notice given still runs to its end date)."""
        return self.active_on(day or timezone.localdate()).exclude(status=Membership.Status.ENDED)


class Membership(models.Model):
    """An organisation's membership in a cluster, with its kind, fee and dates."""

    class Kind(models.TextChoices):
        PAYING = "paying", _("Paying")
        COMPENSATING = "compensating", _("Compensating (in kind)")
        FREE = "free", _("Free")
        STARTUP = "startup", _("Start-up")
        STUDENT = "student", _("Student / young people")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        NOTICE_GIVEN = "notice_given", _("Notice given")
        ENDED = "ended", _("Ended")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships"
    )
    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="memberships")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PAYING)
    annual_fee = models.DecimalField(
        _("yearly fee (EUR)"),
        max_digits=10,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR", editable=False)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(annual_fee__gte=0), name="membership_fee_not_negative"
            ),
            models.UniqueConstraint(
                fields=["organisation", "cluster"],
                condition=~Q(status="ended"),
                name="one_open_membership_per_cluster",
            ),
        ]
        indexes = [models.Index(fields=["cluster", "start_date", "end_date"])]

    def __str__(self):
        return f"{self.organisation} @ {self.cluster}"

    def is_active_on(self, day: date) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)
