"""The clusters an installation hosts, and the staff who look after them."""

from django.conf import settings
from django.db import models
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
