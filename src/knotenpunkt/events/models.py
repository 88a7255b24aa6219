"""Events, their ticket types, vouchers, questions, invitations and registrations."""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from knotenpunkt.directory.models import Cluster, Organisation, Person, Topic


class Event(models.Model):
    """A meeting a cluster (or several, or a group) organises: from a lunch to a summit."""

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    class Kind(models.TextChoices):
        # What the event is for, as the KPIs count it: knowledge transfer and trips are
        # figures of their own (docs/kpis.md).
        NETWORKING = "networking", _("Networking")
        KNOWLEDGE_TRANSFER = (
            "knowledge_transfer",
            _("Knowledge transfer (talk, workshop, training)"),
        )
        CONFERENCE = "conference", _("Conference or trade fair")
        TRIP = "trip", _("Delegation trip or learning journey")
        OTHER = "other", _("Other")

    class Audience(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBERS = "members", _("Members of the organising clusters")
        GROUP = "group", _("Members of the organising groups")
        INVITATION = "invitation", _("Invited guests only")

    class Language(models.TextChoices):
        GERMAN = "de", _("German")
        ENGLISH = "en", _("English")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short address"), max_length=220, unique=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown: **bold**, *italic*, lists, links.")
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), related_name="events", blank=True
    )
    clusters = models.ManyToManyField(
        Cluster,
        verbose_name=_("organising clusters"),
        related_name="events",
        help_text=_("Several clusters make it a cross-cluster event."),
    )
    groups = models.ManyToManyField(
        "groups.Group", verbose_name=_("organising groups"), related_name="events", blank=True
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.IN_PERSON
    )
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    join_url = models.URLField(
        _("join link"),
        blank=True,
        help_text=_("For online and hybrid events; shown only to registered attendees."),
    )
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    timezone = models.CharField(_("time zone"), max_length=50, default="Europe/Berlin")
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.GERMAN
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty means unlimited.")
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    cancellation_deadline = models.DateTimeField(
        _("cancellation possible until"),
        null=True,
        blank=True,
        help_text=_("Empty means attendees may cancel until the event starts."),
    )
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.PUBLIC
    )
    feedback_url = models.URLField(_("feedback survey link"), blank=True)
    image = models.ImageField(
        _("image"),
        upload_to="events/",
        blank=True,
        help_text=_("Shown on the event page and to search engines; PNG, JPEG, WebP or GIF."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    cancelled_at = models.DateTimeField(_("called off on"), null=True, blank=True, editable=False)
    # The iCalendar SEQUENCE (RFC 5545 §3.8.7.4): raised whenever attendees' calendars must
    # take a change over an earlier copy (the event moved, a place or the event cancelled).
    sequence = models.PositiveIntegerField(_("calendar revision"), default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:event", args=[self.slug])

    @property
    def has_venue(self) -> bool:
        return self.format in (self.Format.IN_PERSON, self.Format.HYBRID)

    @property
    def is_online(self) -> bool:
        return self.format in (self.Format.ONLINE, self.Format.HYBRID)

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class TicketType(models.Model):
    """A kind of ticket with member and non-member prices and an optional own contingent."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="ticket_types")
    name = models.CharField(_("name"), max_length=150)
    price_member = models.DecimalField(
        _("price for members (net EUR)"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(0)],
        help_text=_("0 means free."),
    )
    price_non_member = models.DecimalField(
        _("price for non-members (net EUR)"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(0)],
        help_text=_("0 means free."),
    )
    vat_rate = models.DecimalField(
        _("VAT rate (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("19.00"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    contingent = models.PositiveIntegerField(
        _("contingent"),
        null=True,
        blank=True,
        help_text=_("Empty means only the event's capacity limits this ticket type."),
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("ticket type")
        verbose_name_plural = _("ticket types")
        ordering = ["event", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(price_member__gte=0) & Q(price_non_member__gte=0),
                name="ticket_price_not_negative",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_free(self) -> bool:
        return not self.price_member and not self.price_non_member


class Voucher(models.Model):
    """A discount code for one event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="vouchers")
    code = models.CharField(_("code"), max_length=40)
    percent_off = models.DecimalField(
        _("discount (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    max_uses = models.PositiveIntegerField(
        _("maximum uses"), null=True, blank=True, help_text=_("Empty means unlimited.")
    )
    used_count = models.PositiveIntegerField(_("used"), default=0, editable=False)

    class Meta:
        verbose_name = _("voucher")
        verbose_name_plural = _("vouchers")
        constraints = [
            models.UniqueConstraint(fields=["event", "code"], name="unique_voucher_code_per_event"),
            models.CheckConstraint(
                condition=Q(percent_off__gte=0) & Q(percent_off__lte=100),
                name="voucher_percent_in_range",
            ),
        ]

    def __str__(self):
        return self.code


class Question(models.Model):
    """A question the registration form asks, e.g. dietary needs or workshop choice."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        CHOICE = "choice", _("Choice")
        YES_NO = "yes_no", _("Yes or no")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    choices = models.JSONField(
        _("choices"), default=list, blank=True, help_text=_("For choice questions: the options.")
    )
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["event", "position", "pk"]

    def __str__(self):
        return self.label


class Invitation(models.Model):
    """A person on the guest list of an invitation-only event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="event_invitations",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="unique_invitation"),
        ]

    def __str__(self):
        return f"{self.person} – {self.event}"


def new_ticket_code() -> str:
    return secrets.token_urlsafe(16)


class Registration(models.Model):
    """One attendee's place (or place on the waiting list) at an event."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("Waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    ticket_type = models.ForeignKey(
        TicketType,
        verbose_name=_("ticket type"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("attendee"),
        on_delete=models.PROTECT,
        related_name="event_registrations",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONFIRMED
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    price_net = models.DecimalField(
        _("price (net EUR)"), max_digits=10, decimal_places=2, default=Decimal("0")
    )
    voucher = models.ForeignKey(
        Voucher,
        verbose_name=_("voucher"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    ticket_code = models.CharField(
        _("ticket code"), max_length=40, unique=True, default=new_ticket_code, editable=False
    )
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "created_at", "pk"]
        constraints = [
            # One open registration per person and event; cancelled ones stay as history.
            models.UniqueConstraint(
                fields=["event", "person"],
                condition=~Q(status="cancelled"),
                name="one_open_registration_per_person",
            ),
            models.CheckConstraint(
                condition=Q(price_net__gte=0), name="registration_price_not_negative"
            ),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return f"{self.person} – {self.event}"
