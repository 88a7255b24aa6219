"""What an organisation offers: its competence profile."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CompetenceProfile(models.Model):
    """What an organisation offers, in its own words and in the taxonomy's terms."""

    class RegionServed(models.TextChoices):
        LOCAL = "local", _("Local (own district)")
        STATE = "state", _("Our federal state")
        NORTH = "north", _("Northern Germany")
        NATIONAL = "national", _("All of Germany")
        INTERNATIONAL = "international", _("International")

    organisation = models.OneToOneField(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="competence_profile",
    )
    offer = models.TextField(
        _("what we offer"),
        blank=True,
        help_text=_("Services and products in plain words: what problems do you solve, for whom?"),
    )
    services = models.TextField(_("services"), blank=True, help_text=_("One per line."))
    products = models.TextField(_("products"), blank=True, help_text=_("One per line."))
    technologies = models.TextField(
        _("technologies"), blank=True, help_text=_("One per line, e.g. Python, SAP, LoRaWAN.")
    )
    keywords = models.TextField(
        _("further keywords"),
        blank=True,
        help_text=_("Words your customers use for what you do, one per line."),
    )
    topics = models.ManyToManyField(
        "directory.Topic",
        verbose_name=_("competences and industries (taxonomy)"),
        related_name="competence_profiles",
        blank=True,
    )
    references = models.TextField(
        _("references"), blank=True, help_text=_("Projects and customers you may name.")
    )
    team_size = models.PositiveIntegerField(_("team size"), null=True, blank=True)
    languages = models.CharField(
        _("languages"), max_length=200, blank=True, help_text=_("e.g. German, English, Danish")
    )
    region_served = models.CharField(
        _("region served"),
        max_length=20,
        choices=RegionServed.choices,
        default=RegionServed.STATE,
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("competence profile")
        verbose_name_plural = _("competence profiles")

    def __str__(self):
        return str(self.organisation)
