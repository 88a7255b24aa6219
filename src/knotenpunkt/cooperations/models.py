"""Documented cooperations, partner networks abroad and at home, their agreements, and the
delegation trips that visit them.

A cooperation belongs to exactly one cluster (the one that documents its part in it), so
the KPIs count it once per cluster and once for any body of clusters. Two clusters that
both took part each document their own part.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.uploads import private_storage

COUNTRIES = [
    ("DE", _("Germany")),
    ("AT", _("Austria")),
    ("BE", _("Belgium")),
    ("CH", _("Switzerland")),
    ("CZ", _("Czechia")),
    ("DK", _("Denmark")),
    ("EE", _("Estonia")),
    ("ES", _("Spain")),
    ("FI", _("Finland")),
    ("FR", _("France")),
    ("GB", _("United Kingdom")),
    ("IE", _("Ireland")),
    ("IS", _("Iceland")),
    ("IT", _("Italy")),
    ("LT", _("Lithuania")),
    ("LU", _("Luxembourg")),
    ("LV", _("Latvia")),
    ("NL", _("Netherlands")),
    ("NO", _("Norway")),
    ("PL", _("Poland")),
    ("PT", _("Portugal")),
    ("SE", _("Sweden")),
    ("AU", _("Australia")),
    ("BR", _("Brazil")),
    ("CA", _("Canada")),
    ("CN", _("China")),
    ("IL", _("Israel")),
    ("IN", _("India")),
    ("JP", _("Japan")),
    ("KR", _("South Korea")),
    ("SG", _("Singapore")),
    ("US", _("United States")),
]


class Cooperation(models.Model):
    """A cooperation or project between partners, and the part the cluster played in it."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        COMPLETED = "completed", _("Completed")
        STOPPED = "stopped", _("Stopped")

    class ClusterRole(models.TextChoices):
        INITIATED = "initiated", _("Initiated by the cluster")
        MODERATED = "moderated", _("Moderated by the cluster")
        PARTICIPATED = "participated", _("The cluster is a partner")
        NONE = "none", _("No active part of the cluster")

    # The roles the KPI "cooperations initiated" counts: the cluster brought them about.
    INITIATING_ROLES = (ClusterRole.INITIATED, ClusterRole.MODERATED)

    cluster = models.ForeignKey(
        "directory.Cluster",
        verbose_name=_("cluster"),
        on_delete=models.PROTECT,
        related_name="cooperations",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    topics = models.ManyToManyField(
        "directory.Topic", verbose_name=_("topics"), related_name="cooperations", blank=True
    )
    start_date = models.DateField(_("start"), db_index=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RUNNING
    )
    funding_programme = models.CharField(
        _("funding programme"),
        max_length=200,
        blank=True,
        help_text=_("For example ZIM, EFRE or Horizon Europe; empty if not funded."),
    )
    funding_amount = models.DecimalField(
        _("funding (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    outputs = models.TextField(
        _("outputs"),
        blank=True,
        help_text=_("Products, publications, pilots, follow-up projects: what came of it."),
    )
    cluster_role = models.CharField(
        _("part of the cluster"),
        max_length=20,
        choices=ClusterRole.choices,
        default=ClusterRole.INITIATED,
    )
    origin = models.OneToOneField(
        "matching.Contact",
        verbose_name=_("from the matchmaking contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documented_cooperation",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("documented by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("documented"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("cooperation")
        verbose_name_plural = _("cooperations")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="cooperation_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(funding_amount__isnull=True) | Q(funding_amount__gte=0),
                name="cooperation_funding_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["cluster", "start_date"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("cooperations:detail", args=[self.pk])

    @property
    def cluster_initiated(self) -> bool:
        return self.cluster_role in self.INITIATING_ROLES


class CooperationPartner(models.Model):
    """An organisation of the directory taking part in a cooperation."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead partner")
        PARTNER = "partner", _("Partner")
        ASSOCIATED = "associated", _("Associated partner")

    cooperation = models.ForeignKey(
        Cooperation,
        verbose_name=_("cooperation"),
        on_delete=models.CASCADE,
        related_name="partners",
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="cooperation_partnerships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARTNER)

    class Meta:
        verbose_name = _("cooperation partner")
        verbose_name_plural = _("cooperation partners")
        ordering = ["cooperation", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperation", "organisation"], name="cooperation_partner_once"
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.cooperation}"


class PartnerNetwork(models.Model):
    """A partner network, a foreign cluster or an association the cluster works with."""

    class Kind(models.TextChoices):
        NETWORK = "network", _("Partner network")
        FOREIGN_CLUSTER = "foreign_cluster", _("Foreign cluster")
        OTHER = "other", _("Other partner")

    cluster = models.ForeignKey(
        "directory.Cluster",
        verbose_name=_("cluster"),
        on_delete=models.PROTECT,
        related_name="partner_networks",
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NETWORK)
    country = models.CharField(_("country"), max_length=2, choices=COUNTRIES, default="DE")
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("partner network")
        verbose_name_plural = _("partner networks")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "name"], name="partner_network_name_once")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cooperations:network", args=[self.pk])

    @property
    def is_abroad(self) -> bool:
        return self.country != "DE"


class CooperationAgreement(models.Model):
    """A signed agreement with a partner network, with its document if uploaded."""

    network = models.ForeignKey(
        PartnerNetwork,
        verbose_name=_("partner network"),
        on_delete=models.CASCADE,
        related_name="agreements",
    )
    subject = models.CharField(_("subject"), max_length=200)
    signed_on = models.DateField(_("signed on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    document = models.FileField(
        _("document"),
        storage=private_storage,
        upload_to="cooperations/agreements/%Y/",
        blank=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("cooperation agreement")
        verbose_name_plural = _("cooperation agreements")
        ordering = ["-signed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("signed_on")),
                name="agreement_ends_after_signing",
            )
        ]

    def __str__(self):
        return self.subject


class TripDestination(models.Model):
    """A delegation trip or learning journey (an event of kind "trip") visits a partner."""

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("trip"),
        on_delete=models.CASCADE,
        related_name="trip_destinations",
    )
    network = models.ForeignKey(
        PartnerNetwork,
        verbose_name=_("partner network"),
        on_delete=models.CASCADE,
        related_name="trip_destinations",
    )

    class Meta:
        verbose_name = _("trip destination")
        verbose_name_plural = _("trip destinations")
        ordering = ["network", "event"]
        constraints = [
            models.UniqueConstraint(fields=["event", "network"], name="trip_destination_once")
        ]

    def __str__(self):
        return f"{self.event} → {self.network}"
