"""The statutes and the fee rules an applicant accepts, versioned per cluster.

A document is never edited once published: a change is a new version, so that every
acceptance points at the text the applicant actually read.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from knotenpunkt.directory.models import Cluster


class ClusterDocument(models.Model):
    class Kind(models.TextChoices):
        STATUTES = "statutes", _("Statutes")
        FEE_RULES = "fee_rules", _("Fee rules")

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.PROTECT, related_name="documents"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    version = models.PositiveSmallIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), help_text=_("Markdown: headings, lists, links."))
    valid_from = models.DateField(_("valid from"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership document")
        verbose_name_plural = _("membership documents")
        ordering = ["cluster", "kind", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "kind", "version"], name="one_document_per_version"
            )
        ]

    def __str__(self):
        return f"{self.title} ({_('version')} {self.version})"
