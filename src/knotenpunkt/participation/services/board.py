"""The workshop board: collecting cards, dot voting, the facilitator's controls, and the
adopted vision, values and goals that later modules link to.

Budget rule: a participant places at most `dots_per_participant` dots per column, several
on one card if they like. Every write to a column's dots runs under a row lock on the
column, so two clicks racing for the last dot cannot both win (the count is taken under
the lock). Merging two cards moves every dot of the merged-away card to the survivor: the
number of dots per person and column stays the same, so nobody exceeds the budget, even
if one person then has two dots on the merged card. Hiding a card gives its dots back to
the voters (they can no longer see it to take them back themselves).
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, IntegerField, Prefetch, Q, QuerySet, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import log_action
from knotenpunkt.participation.models import BoardCard, BoardColumn, BoardDot, Phase, Process

__all__ = [
    "adopted_cards",
    "adopted_goals",
    "add_card",
    "board_for",
    "columns_of",
    "configure_column",
    "erase_board_contributions",
    "export_board_contributions",
    "hide_card",
    "merge_cards",
    "place_dot",
    "reveal",
    "set_adopted",
    "set_collecting",
    "set_voting",
    "take_back_dot",
    "unhide_card",
]

KINDS = [kind for kind, _label in BoardColumn.Kind.choices]


def columns_of(phase: Phase) -> list[BoardColumn]:
    """The phase's three columns in board order (vision, values, goals), made on first
    use."""
    existing = {column.kind: column for column in phase.board_columns.all()}
    missing = [BoardColumn(phase=phase, kind=kind) for kind in KINDS if kind not in existing]
    if missing:
        # Two first visits at once: the unique constraint keeps one row per kind.
        BoardColumn.objects.bulk_create(missing, ignore_conflicts=True)
        existing = {column.kind: column for column in phase.board_columns.all()}
    return [existing[kind] for kind in KINDS]


def _locked_column(column: BoardColumn) -> BoardColumn:
    return (
        BoardColumn.objects.select_for_update().select_related("phase__process").get(pk=column.pk)
    )


def _live_cards(column: BoardColumn) -> QuerySet[BoardCard]:
    return column.cards.filter(hidden_at__isnull=True, merged_into__isnull=True)


# --- participants -------------------------------------------------------------------------


def add_card(user, column: BoardColumn, text: str) -> BoardCard:
    """A participant's card in `column`, while its collecting is open."""
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError(_("Please write something on the card."))
    max_length = BoardCard._meta.get_field("text").max_length
    if len(text) > max_length:
        raise ValidationError(
            _("A card holds at most %(max)d characters; this one has %(length)d.")
            % {"max": max_length, "length": len(text)}
        )
    with transaction.atomic():
        column = _locked_column(column)
        if not column.collecting_open:
            raise ValidationError(_("This column is not collecting cards at the moment."))
        card = BoardCard.objects.create(column=column, text=text, author=user)
    return card


def place_dot(user, card: BoardCard) -> BoardDot:
    """One more dot of `user` on `card`, within the column's budget."""
    with transaction.atomic():
        column = _locked_column(card.column)
        card = BoardCard.objects.get(pk=card.pk)
        if not column.voting_open:
            raise ValidationError(_("Voting is closed in this column."))
        if card.is_merged:
            raise ValidationError(
                _("This card was merged with another one; place your dot on that card.")
            )
        if card.is_hidden:
            raise ValidationError(_("This card has been hidden by the moderation."))
        used = BoardDot.objects.filter(card__column=column, voter=user).count()
        if used >= column.dots_per_participant:
            raise ValidationError(
                _(
                    "You have used all %(count)d of your dots in this column. Take one back "
                    "to place it elsewhere."
                )
                % {"count": column.dots_per_participant}
            )
        return BoardDot.objects.create(card=card, voter=user)


def take_back_dot(user, card: BoardCard) -> None:
    """Take one of `user`'s dots off `card` while voting is open."""
    with transaction.atomic():
        column = _locked_column(card.column)
        if not column.voting_open:
            raise ValidationError(_("Voting is closed in this column."))
        dot = BoardDot.objects.filter(card=card, voter=user).order_by("-placed_at", "-pk").first()
        if dot is None:
            raise ValidationError(_("You have no dot on this card."))
        dot.delete()


# --- the facilitator --------------------------------------------------------------------


def configure_column(actor, column: BoardColumn, *, prompt: str, dots_per_participant: int):
    """Set the column's question and dot budget. Lowering the budget keeps the dots already
    placed; nobody can place more until they are under it."""
    with transaction.atomic():
        column = _locked_column(column)
        column.prompt = prompt.strip()
        column.dots_per_participant = dots_per_participant
        column.full_clean(exclude=["phase"])
        column.save(update_fields=["prompt", "dots_per_participant"])
        log_action(
            actor,
            "participation.board.configured",
            column.phase.process,
            column=column.kind,
            dots=dots_per_participant,
        )
    return column


def set_collecting(actor, column: BoardColumn, is_open: bool) -> BoardColumn:
    """Open or close the collecting of cards in a column."""
    with transaction.atomic():
        column = _locked_column(column)
        column.collecting_open = is_open
        column.save(update_fields=["collecting_open"])
        log_action(
            actor,
            "participation.board.collecting_opened"
            if is_open
            else "participation.board.collecting_closed",
            column.phase.process,
            column=column.kind,
        )
    return column


def set_voting(actor, column: BoardColumn, is_open: bool) -> BoardColumn:
    """Open or close the dot voting in a column. Once the dots are revealed, voting does
    not open again (the totals would herd the late votes)."""
    with transaction.atomic():
        column = _locked_column(column)
        if is_open and column.is_revealed:
            raise ValidationError(
                _("The dots of this column have been revealed; voting cannot open again.")
            )
        column.voting_open = is_open
        column.save(update_fields=["voting_open"])
        log_action(
            actor,
            "participation.board.voting_opened" if is_open else "participation.board.voting_closed",
            column.phase.process,
            column=column.kind,
        )
    return column


def reveal(actor, column: BoardColumn) -> BoardColumn:
    """Show everyone the dot totals of a column; this closes its voting."""
    with transaction.atomic():
        column = _locked_column(column)
        if column.is_revealed:
            return column
        column.revealed_at = timezone.now()
        column.voting_open = False
        column.save(update_fields=["revealed_at", "voting_open"])
        log_action(actor, "participation.board.revealed", column.phase.process, column=column.kind)
    return column


def hide_card(actor, card: BoardCard, reason: str) -> BoardCard:
    """Hide a card from the participants, with a reason the moderators see. Its dots go
    back to their voters."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError(_("Please give a reason for hiding the card."))
    with transaction.atomic():
        column = _locked_column(card.column)
        card = BoardCard.objects.select_for_update().get(pk=card.pk)
        if card.is_merged:
            raise ValidationError(_("This card has been merged into another one."))
        returned, _deleted = card.dots.all().delete()
        card.hidden_at = timezone.now()
        card.hidden_reason = reason[:300]
        card.adopted_at = None
        card.save(update_fields=["hidden_at", "hidden_reason", "adopted_at"])
        log_action(
            actor,
            "participation.board.card_hidden",
            column.phase.process,
            card=card.pk,
            reason=card.hidden_reason,
            dots_returned=returned,
        )
    return card


def unhide_card(actor, card: BoardCard) -> BoardCard:
    """Show a hidden card again (without the dots it had)."""
    with transaction.atomic():
        column = _locked_column(card.column)
        card = BoardCard.objects.select_for_update().get(pk=card.pk)
        card.hidden_at = None
        card.hidden_reason = ""
        card.save(update_fields=["hidden_at", "hidden_reason"])
        log_action(actor, "participation.board.card_shown", column.phase.process, card=card.pk)
    return card


def merge_cards(actor, survivor: BoardCard, merged: BoardCard) -> BoardCard:
    """Merge a duplicate into `survivor`: the dots of both stay, on the survivor (a voter
    may then have several dots on it; nobody's total changes); the merged-away card keeps
    its text in the survivor's history; an adoption carries over."""
    if survivor.pk == merged.pk:
        raise ValidationError(_("A card cannot be merged with itself."))
    if survivor.column_id != merged.column_id:
        raise ValidationError(_("Only cards of the same column can be merged."))
    with transaction.atomic():
        column = _locked_column(survivor.column)
        cards = {
            card.pk: card
            for card in BoardCard.objects.select_for_update().filter(
                pk__in=[survivor.pk, merged.pk]
            )
        }
        survivor, merged = cards[survivor.pk], cards[merged.pk]
        for card in (survivor, merged):
            if card.is_merged:
                raise ValidationError(_("One of the cards has already been merged."))
            if card.is_hidden:
                raise ValidationError(_("Hidden cards cannot be merged."))
        moved = BoardDot.objects.filter(card=merged).update(card=survivor)
        # Cards merged into the merged-away card earlier now belong to the survivor's
        # history too.
        BoardCard.objects.filter(merged_into=merged).update(merged_into=survivor)
        now = timezone.now()
        merged.merged_into = survivor
        merged.merged_at = now
        fields = ["merged_into", "merged_at"]
        if merged.adopted_at and not survivor.adopted_at:
            survivor.adopted_at = merged.adopted_at
            survivor.save(update_fields=["adopted_at"])
        if merged.adopted_at:
            merged.adopted_at = None
            fields.append("adopted_at")
        merged.save(update_fields=fields)
        log_action(
            actor,
            "participation.board.cards_merged",
            column.phase.process,
            survivor=survivor.pk,
            merged=merged.pk,
            merged_text=merged.text,
            dots_moved=moved,
        )
    return survivor


def set_adopted(actor, card: BoardCard, adopted: bool) -> BoardCard:
    """Mark a card as (no longer) agreed: the adopted vision, values and goals. Only after
    the column's dots are revealed."""
    with transaction.atomic():
        column = _locked_column(card.column)
        card = BoardCard.objects.select_for_update().get(pk=card.pk)
        if not column.is_revealed:
            raise ValidationError(_("Reveal the dots of this column before adopting cards."))
        if adopted and (card.is_hidden or card.is_merged):
            raise ValidationError(_("Only visible cards can be adopted."))
        card.adopted_at = timezone.now() if adopted else None
        card.save(update_fields=["adopted_at"])
        log_action(
            actor,
            "participation.board.adopted" if adopted else "participation.board.unadopted",
            column.phase.process,
            card=card.pk,
            text=card.text,
        )
    return card


# --- reading the board ------------------------------------------------------------------


@dataclass
class CardView:
    card: BoardCard
    my_dots: int
    total: int | None  # None until revealed
    merged_texts: list[str]
    is_mine: bool


@dataclass
class ColumnView:
    column: BoardColumn
    cards: list[CardView]
    hidden: list[BoardCard] = field(default_factory=list)  # moderators only
    my_dots_used: int = 0
    dots_placed: int = 0  # moderators: progress before the reveal
    voters: int = 0

    @property
    def my_dots_left(self) -> int:
        return max(self.column.dots_per_participant - self.my_dots_used, 0)


def board_for(user, phase: Phase, *, moderator: bool) -> list[ColumnView]:
    """The board as `user` sees it: live cards (and, for moderators, hidden ones), their
    own dots, and the totals once a column is revealed, then ordered by dots."""
    columns = columns_of(phase)
    user_id = user.pk if user.is_authenticated else None
    cards = (
        BoardCard.objects.filter(column__phase=phase, merged_into__isnull=True)
        .select_related("author__person")
        .annotate(
            total=Count("dots", distinct=True),
            mine=Count("dots", filter=Q(dots__voter_id=user_id), distinct=True)
            if user_id
            else Value(0, output_field=IntegerField()),
        )
        .prefetch_related(
            Prefetch(
                "merged_cards",
                queryset=BoardCard.objects.order_by("merged_at", "pk").only(
                    "pk", "text", "merged_into"
                ),
            )
        )
        .order_by("created_at", "pk")
    )
    by_column: dict[int, list[BoardCard]] = {column.pk: [] for column in columns}
    for card in cards:
        by_column[card.column_id].append(card)
    progress = {}
    if moderator:
        progress = {
            row["card__column"]: row
            for row in BoardDot.objects.filter(card__column__phase=phase)
            .values("card__column")
            .annotate(dots=Count("pk"), voters=Count("voter", distinct=True))
        }
    views = []
    for column in columns:
        live, hidden = [], []
        for card in by_column[column.pk]:
            if card.is_hidden:
                hidden.append(card)
                continue
            live.append(
                CardView(
                    card=card,
                    my_dots=card.mine,
                    total=card.total if column.is_revealed else None,
                    merged_texts=[m.text for m in card.merged_cards.all()],
                    is_mine=bool(user_id) and card.author_id == user_id,
                )
            )
        if column.is_revealed:
            live.sort(key=lambda view: (-view.total, view.card.created_at, view.card.pk))
        row = progress.get(column.pk, {})
        views.append(
            ColumnView(
                column=column,
                cards=live,
                hidden=hidden if moderator else [],
                my_dots_used=sum(view.my_dots for view in live),
                dots_placed=row.get("dots", 0),
                voters=row.get("voters", 0),
            )
        )
    return views


def adopted_cards(process: Process, kind: str) -> QuerySet[BoardCard]:
    """The cards of `kind` (BoardColumn.Kind) the facilitators adopted in the process's
    workshop boards, the most dots first."""
    return (
        BoardCard.objects.filter(
            column__phase__process=process,
            column__phase__module=Phase.Module.WORKSHOP_BOARD,
            column__kind=kind,
            adopted_at__isnull=False,
            hidden_at__isnull=True,
            merged_into__isnull=True,
        )
        .annotate(dot_count=Count("dots"))
        .select_related("column__phase")
        .order_by("-dot_count", "adopted_at", "pk")
    )


def adopted_goals(process: Process) -> QuerySet[BoardCard]:
    """The process's agreed goals (for the measures table's "Mehrwert")."""
    return adopted_cards(process, BoardColumn.Kind.GOALS)


# --- personal data ------------------------------------------------------------------------


def export_board_contributions(person) -> dict:
    """The cards a person wrote and the dots they placed (Art. 15)."""
    if not person.user_id:
        return {"cards": [], "dots": []}
    cards = BoardCard.objects.filter(author_id=person.user_id).select_related(
        "column__phase__process"
    )
    dots = BoardDot.objects.filter(voter_id=person.user_id).select_related(
        "card__column__phase__process"
    )
    return {
        "cards": [
            {
                "process": card.column.phase.process.title,
                "column": card.column.kind,
                "text": card.text,
                "written_at": card.created_at.isoformat(),
            }
            for card in cards.order_by("pk")
        ],
        "dots": [
            {
                "process": dot.card.column.phase.process.title,
                "card": dot.card.text,
                "placed_at": dot.placed_at.isoformat(),
            }
            for dot in dots.order_by("pk")
        ],
    }


def erase_board_contributions(person) -> None:
    """Art. 17: the cards and dots stay (the workshop's result and its counts), without
    the link to the person."""
    if person.user_id:
        BoardCard.objects.filter(author_id=person.user_id).update(author=None)
        BoardDot.objects.filter(voter_id=person.user_id).update(voter=None)
