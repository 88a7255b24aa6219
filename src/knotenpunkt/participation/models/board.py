"""The workshop board: three columns (vision, values, goals) of a phase, the cards the
participants write into them, and the dots they vote with."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from knotenpunkt.participation.models.processes import Phase

MAX_DOTS = 20


class BoardColumn(models.Model):
    """One column of a phase's board, with the facilitator's prompt and switches. Voting
    and the reveal are per column, so a workshop can take vision, values and goals one
    after the other."""

    class Kind(models.TextChoices):
        VISION = "vision", _("Vision")
        VALUES = "values", _("Values")
        GOALS = "goals", _("Goals")

    phase = models.ForeignKey(
        Phase, verbose_name=_("phase"), on_delete=models.CASCADE, related_name="board_columns"
    )
    kind = models.CharField(_("column"), max_length=10, choices=Kind.choices)
    prompt = models.CharField(
        _("question"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the participants answer, e.g. “What does our economy look like in 2035?”"
        ),
    )
    dots_per_participant = models.PositiveSmallIntegerField(
        _("dots per participant"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_DOTS)],
    )
    collecting_open = models.BooleanField(_("collecting open"), default=False)
    voting_open = models.BooleanField(_("voting open"), default=False)
    revealed_at = models.DateTimeField(_("dots revealed"), null=True, blank=True)

    class Meta:
        verbose_name = _("board column")
        verbose_name_plural = _("board columns")
        ordering = ["phase", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["phase", "kind"], name="one_board_column_per_kind"),
            models.CheckConstraint(
                condition=Q(dots_per_participant__gte=1, dots_per_participant__lte=MAX_DOTS),
                name="board_dots_per_participant_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.phase}: {self.get_kind_display()}"

    @property
    def is_revealed(self) -> bool:
        return self.revealed_at is not None


class BoardCard(models.Model):
    """A statement on the board. Anonymous to the other participants; the author is kept
    for the author's own view, for export and erasure, and for moderators when the process
    attributes ideas. A merged card stays (with its text) as part of the survivor's
    history; a hidden one stays for the moderators."""

    column = models.ForeignKey(
        BoardColumn, verbose_name=_("column"), on_delete=models.CASCADE, related_name="cards"
    )
    text = models.CharField(_("text"), max_length=300)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="board_cards",
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_cards",
    )
    merged_at = models.DateTimeField(_("merged"), null=True, blank=True)
    adopted_at = models.DateTimeField(_("adopted"), null=True, blank=True)

    class Meta:
        verbose_name = _("board card")
        verbose_name_plural = _("board cards")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["column", "hidden_at", "merged_into"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(merged_into=models.F("pk")), name="board_card_not_merged_into_itself"
            )
        ]

    def __str__(self):
        return self.text[:80]

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def is_merged(self) -> bool:
        return self.merged_into_id is not None


class BoardDot(models.Model):
    """One dot a participant placed on a card; several on one card are several rows."""

    card = models.ForeignKey(
        BoardCard, verbose_name=_("card"), on_delete=models.CASCADE, related_name="dots"
    )
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="board_dots",
    )
    placed_at = models.DateTimeField(_("placed"), auto_now_add=True)

    class Meta:
        verbose_name = _("dot")
        verbose_name_plural = _("dots")
        ordering = ["placed_at", "pk"]
        indexes = [models.Index(fields=["card", "voter"])]

    def __str__(self):
        return f"{self.card}: {self.voter_id or '-'}"
