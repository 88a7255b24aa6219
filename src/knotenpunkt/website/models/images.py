"""The websites' images: Wagtail's image with a required alternative text."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class WebsiteImage(AbstractImage):
    """An image in a cluster's collection; templates use `alt_text` as its alt attribute.

    Required, so that no image reaches a page without a text for screen readers (BITV 2.0).
    """

    alt_text = models.CharField(
        _("alternative text"),
        max_length=255,
        help_text=_(
            "What the image shows, for people who cannot see it (read out by screen readers)."
        ),
    )

    admin_form_fields = (*Image.admin_form_fields, "alt_text")

    @property
    def default_alt_text(self):
        return self.alt_text

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class WebsiteRendition(AbstractRendition):
    image = models.ForeignKey(WebsiteImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
