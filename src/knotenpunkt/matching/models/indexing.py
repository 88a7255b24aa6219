"""What the matching engine stores: analysed provider documents and learned associations.

Kept apart from the domain models (needs, profiles) because these rows are derived data:
they can be rebuilt at any time from the organisations and the feedback on suggestions.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MatchDocument(models.Model):
    """One organisation as the engine sees it: analysed fields, concepts, tags.

    Rebuilt by `services.indexing.reindex_organisation` whenever the profile, the
    description or the topics change; every process keeps an in-memory index built from
    these rows (see `engine.index`).
    """

    organisation = models.OneToOneField(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="match_document",
    )
    # {"name": {stem: count}, "text": {...}, "tags": {...}}
    fields = models.JSONField(_("analysed fields"), default=dict)
    # {"name": n, "text": n, "tags": n}: number of words per field, for length normalisation
    lengths = models.JSONField(_("field lengths"), default=dict)
    # {concept_id: strength}
    concepts = models.JSONField(_("concepts"), default=dict)
    # [[tag as displayed, [stems], [concept ids]], ...] for explanations
    tags = models.JSONField(_("tags"), default=list)
    is_candidate = models.BooleanField(_("may be suggested"), default=True)
    analyser_version = models.PositiveSmallIntegerField(_("analyser version"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("matching document")
        verbose_name_plural = _("matching documents")

    def __str__(self):
        return str(self.organisation_id)


class FeedbackAssociation(models.Model):
    """How strongly a feature of needs goes with a feature of providers, from feedback.

    A feature is a concept ("t:zeiterfassung") or a word stem ("w:zettel"). Fitting
    feedback raises the weight of every (need feature, provider feature) pair of that
    suggestion, not fitting lowers it; the engine applies the sum as a small, bounded
    adjustment (see `engine.feedback`).
    """

    need_feature = models.CharField(_("need feature"), max_length=120)
    provider_feature = models.CharField(_("provider feature"), max_length=120)
    weight = models.FloatField(_("weight"), default=0.0)
    votes = models.PositiveIntegerField(_("votes"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("feedback association")
        verbose_name_plural = _("feedback associations")
        constraints = [
            models.UniqueConstraint(
                fields=["need_feature", "provider_feature"], name="feedback_association_unique"
            )
        ]
        indexes = [models.Index(fields=["need_feature"])]

    def __str__(self):
        return f"{self.need_feature} → {self.provider_feature}: {self.weight:+.2f}"
