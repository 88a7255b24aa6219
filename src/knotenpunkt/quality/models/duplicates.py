"""Likely duplicates: pairs found by the record linkage, the staff's decisions on them,
and the keys that let the forms warn about a duplicate while someone types."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

__all__ = ["CandidatePair", "SimilarityKey"]


class CandidatePair(models.Model):
    """Two records of one kind that the linkage engine thinks are the same.

    The ids are plain integers rather than foreign keys: a pair may point at a person or
    an organisation, and a merge deletes one side while its decision must stay on record.
    `record_a_id < record_b_id`, so a pair has exactly one row whichever side was found first.
    """

    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        ORGANISATION = "organisation", _("Organisation")

    class Status(models.TextChoices):
        PENDING = "pending", _("To review")
        SAME = "same", _("Same, merge later")
        DIFFERENT = "different", _("Different")
        MERGED = "merged", _("Merged")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    record_a_id = models.PositiveIntegerField(_("record A"))
    record_b_id = models.PositiveIntegerField(_("record B"))
    score = models.FloatField(_("match probability"))
    agreements = models.JSONField(_("agreeing fields"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    found_at = models.DateTimeField(_("found"), auto_now_add=True)

    class Meta:
        verbose_name = _("candidate pair")
        verbose_name_plural = _("candidate pairs")
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "record_a_id", "record_b_id"], name="quality_pair_unique"
            ),
            models.CheckConstraint(
                condition=Q(record_a_id__lt=F("record_b_id")), name="quality_pair_ordered"
            ),
        ]
        indexes = [
            # The review queue: pending pairs of one kind, best first.
            models.Index(fields=["kind", "status", "-score"], name="quality_pair_queue"),
            models.Index(fields=["kind", "record_b_id"], name="quality_pair_b"),
        ]

    def __str__(self):
        return (
            f"{self.get_kind_display()} {self.record_a_id} ~ {self.record_b_id} ({self.score:.2f})"
        )


class SimilarityKey(models.Model):
    """One normalised key of a person or organisation (an e-mail address, a phone number in
    E.164 form, a phonetic code of the last name, …).

    The as-you-type warning looks up the keys of what is typed here, with an index on
    (kind, key_type, key), instead of running the linkage engine per keystroke. Rows are
    derived data: `refresh_keys()` rewrites them, `rebuild_keys()` recreates all of them.
    """

    class KeyType(models.TextChoices):
        EMAIL = "email", _("e-mail address")
        PHONE = "phone", _("phone number")
        NAME = "name", _("last name and first initial")
        PHONETIC = "phonetic", _("last name sounds alike")
        # A typo rarely hits both ends of a name: "Bauann" still starts like "Baumann",
        # "Enngel" still ends like "Engel".
        NAME_START = "name_start", _("start of the last name and first initial")
        NAME_END = "name_end", _("end of the last name and first initial")
        ORGANISATION = "organisation", _("organisation name")
        ORGANISATION_PHONETIC = "org_phonetic", _("organisation name sounds alike")
        ORGANISATION_WORD = "org_word", _("word of the organisation name")
        WEB = "web", _("web domain")
        VAT = "vat", _("VAT ID")
        REGISTER = "register", _("register number")

    kind = models.CharField(max_length=20, choices=CandidatePair.Kind.choices)
    record_id = models.PositiveIntegerField()
    key_type = models.CharField(max_length=20, choices=KeyType.choices)
    key = models.CharField(max_length=200)

    class Meta:
        verbose_name = _("similarity key")
        verbose_name_plural = _("similarity keys")
        constraints = [
            # Key first: a lookup asks for a handful of keys at once (`key IN (...)`), which
            # both SQLite and PostgreSQL answer from this index.
            models.UniqueConstraint(
                fields=["kind", "key", "key_type", "record_id"], name="quality_simkey_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "record_id"], name="quality_simkey_record"),
        ]

    def __str__(self):
        return f"{self.kind} {self.record_id} {self.key_type}={self.key}"
