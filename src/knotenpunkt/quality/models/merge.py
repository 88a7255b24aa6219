"""Merges of two records into one, with everything needed to undo them exactly."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["BulkMergeItem", "BulkMergeRun", "MergeKind", "MergeRecord"]


class MergeKind(models.TextChoices):
    PERSON = "person", _("Person")
    ORGANISATION = "organisation", _("Organisation")


class MergeRecord(models.Model):
    """One merge: the loser was folded into the survivor and deleted.

    `snapshot` holds, in Django's serialised form (model, pk, fields), the loser row, the
    survivor row before and after, every related row before and after it was moved, and
    every row removed because it collided with one of the survivor's. Undo replays it
    backwards. The ids are plain integers: the loser no longer exists, and the survivor
    may be merged away later.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=MergeKind.choices)
    survivor_id = models.PositiveBigIntegerField(_("surviving record"))
    loser_id = models.PositiveBigIntegerField(_("merged-away record"))
    survivor_repr = models.CharField(_("surviving record"), max_length=300)
    loser_repr = models.CharField(_("merged-away record"), max_length=300)
    field_choices = models.JSONField(_("field choices"), default=dict)
    moved_counts = models.JSONField(_("moved rows per relation"), default=dict)
    snapshot = models.JSONField(default=dict, editable=False)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("merged by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    merged_at = models.DateTimeField(_("merged"), auto_now_add=True, db_index=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undone by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)
    bulk_run = models.ForeignKey(
        "quality.BulkMergeRun",
        verbose_name=_("bulk merge"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merges",
    )

    class Meta:
        verbose_name = _("merge")
        verbose_name_plural = _("merges")
        ordering = ["-merged_at", "-id"]
        indexes = [
            models.Index(fields=["kind", "survivor_id"]),
            models.Index(fields=["kind", "loser_id"]),
        ]

    def __str__(self):
        return f"{self.loser_repr} → {self.survivor_repr}"

    @property
    def is_undone(self) -> bool:
        return self.undone_at is not None


class BulkMergeRun(models.Model):
    """A background merge of every pending candidate pair above a score threshold."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=20, choices=MergeKind.choices)
    threshold = models.FloatField(_("minimum score"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    merged_count = models.PositiveIntegerField(_("merged"), default=0)
    skipped_count = models.PositiveIntegerField(_("skipped"), default=0)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("bulk merge")
        verbose_name_plural = _("bulk merges")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} ≥ {self.threshold} ({self.created_at:%Y-%m-%d %H:%M})"


class BulkMergeItem(models.Model):
    """One candidate pair handled by a bulk merge: merged (with its undo) or skipped."""

    class Outcome(models.TextChoices):
        MERGED = "merged", _("Merged")
        SKIPPED = "skipped", _("Skipped")

    run = models.ForeignKey(BulkMergeRun, on_delete=models.CASCADE, related_name="items")
    pair_id = models.PositiveBigIntegerField(_("candidate pair"))
    record_a_id = models.PositiveBigIntegerField()
    record_b_id = models.PositiveBigIntegerField()
    label = models.CharField(_("records"), max_length=300)
    score = models.FloatField(_("score"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    reason = models.TextField(_("reason"), blank=True)
    merge = models.ForeignKey(
        MergeRecord, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("bulk merge item")
        verbose_name_plural = _("bulk merge items")
        ordering = ["id"]

    def __str__(self):
        return f"{self.label}: {self.get_outcome_display()}"
