"""Commitments a cluster publishes (a code of digital ethics, a sustainability pledge),
their versions, and the organisations that sign them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from knotenpunkt.directory.models import Cluster, Organisation


class Commitment(models.Model):
    """A text a cluster asks its members to sign; its wording lives in its versions."""

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.PROTECT, related_name="commitments"
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short address"), max_length=80, unique=True)
    summary = models.CharField(
        _("summary"), max_length=300, blank=True, help_text=_("One sentence for lists.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("commitments:detail", args=[self.slug])


class CommitmentVersion(models.Model):
    """One wording of a commitment. A draft until published; unchangeable afterwards (the
    organisations signed exactly this text)."""

    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("commitment"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(
        _("text"), help_text=_("Markdown: **bold**, *italic*, lists, links, headings with ###.")
    )
    change_summary = models.CharField(
        _("what changed"),
        max_length=500,
        blank=True,
        help_text=_("For the signatories: what is new in this version."),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("version of a commitment")
        verbose_name_plural = _("versions of commitments")
        ordering = ["commitment", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "number"], name="unique_commitment_version_number"
            ),
            # One draft at a time: a new version is prepared, then published.
            models.UniqueConstraint(
                fields=["commitment"],
                condition=Q(published_at__isnull=True),
                name="one_draft_per_commitment",
            ),
        ]

    def __str__(self):
        return f"{self.commitment} ({self.number})"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Signature(models.Model):
    """An organisation's signature under one version, until it is withdrawn."""

    version = models.ForeignKey(
        CommitmentVersion,
        verbose_name=_("version"),
        on_delete=models.PROTECT,
        related_name="signatures",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="commitment_signatures",
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commitment_signatures",
    )
    signed_at = models.DateTimeField(_("signed"))
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["-signed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "organisation"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_valid_signature_per_version",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "withdrawn_at"])]

    def __str__(self):
        return f"{self.organisation} – {self.version}"
