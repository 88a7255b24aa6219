"""Target groups (segments): a stored condition tree, evaluated at send time."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from knotenpunkt.directory.models import Cluster


class Segment(models.Model):
    """A named target group of a cluster, defined by conditions over the central data.

    Only the definition is stored, never the people it matches: the tree is evaluated
    each time it is previewed or mailed, so the group follows the data (and consent).
    """

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.CASCADE, related_name="segments"
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    definition = models.JSONField(
        _("conditions"),
        default=dict,
        help_text=_(
            'A condition tree: {"all": [...]}, {"any": [...]}, {"not": {...}} or a '
            'condition {"field": ..., "op": ..., "value": ...}.'
        ),
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

    class Meta:
        app_label = "mailings"
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        ordering = ["cluster__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "name"], name="unique_segment_name"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("mailings:segment_edit", args=[self.pk])
