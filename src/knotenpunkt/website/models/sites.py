"""Which Wagtail site belongs to which cluster, and who edits it."""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection, Site


class ClusterSite(models.Model):
    """A cluster's website: its Wagtail site (host name, German home page as root), the
    auth groups its editors and portrait authors are in, and its image collection."""

    cluster = models.OneToOneField(
        "directory.Cluster",
        on_delete=models.CASCADE,
        related_name="cluster_site",
        verbose_name=_("cluster"),
    )
    site = models.OneToOneField(
        Site, on_delete=models.PROTECT, related_name="cluster_site", verbose_name=_("site")
    )
    editors = models.OneToOneField(
        Group, on_delete=models.PROTECT, related_name="+", verbose_name=_("editors' group")
    )
    authors = models.OneToOneField(
        Group,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("portrait authors' group"),
    )
    collection = models.OneToOneField(
        Collection, on_delete=models.PROTECT, related_name="+", verbose_name=_("collection")
    )

    class Meta:
        verbose_name = _("cluster website")
        verbose_name_plural = _("cluster websites")

    def __str__(self):
        return f"{self.cluster} – {self.site.hostname}"
