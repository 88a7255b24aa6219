"""Live brainwriting: preparing a session, taking seats, the clock that moves the rounds
on, and writing ideas on the sheet one holds.

The clock needs no background job: whoever looks at or writes to a session first moves it
on to where its stored deadline says it is (`sync`), under the session's row lock, so two
requests never move it twice. Every function that changes a session takes `now` (the
moment the server received the request) so that tests and the benchmark set the clock.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import log_action
from knotenpunkt.participation.models import (
    BrainwritingGroup,
    BrainwritingIdea,
    BrainwritingRound,
    BrainwritingSeat,
    BrainwritingSession,
    BrainwritingSheet,
    Phase,
)

State = BrainwritingSession.State


class IdeaRefused(ValidationError):
    """An idea that was not stored; the message says why, the writer keeps the text."""


# --- The rotation ------------------------------------------------------------------------


def holder_position(sheet_position: int, round_number: int, size: int) -> int:
    """The seat that writes on sheet `sheet_position` in round `round_number` (from 1)."""
    return (sheet_position + round_number - 1) % size


def sheet_position_held(seat_position: int, round_number: int, size: int) -> int:
    """The sheet the seat at `seat_position` holds in round `round_number` (from 1)."""
    return (seat_position - (round_number - 1)) % size


def sheet_held(seat: BrainwritingSeat, round_number: int) -> BrainwritingSheet:
    # A group has a handful of sheets: reading them all is one query, counting and then
    # picking one would be two.
    sheets = list(BrainwritingSheet.objects.filter(group_id=seat.group_id).order_by("position"))
    return sheets[sheet_position_held(seat.position, round_number, len(sheets))]


# --- Preparing ---------------------------------------------------------------------------


def _lock(session: BrainwritingSession) -> BrainwritingSession:
    return BrainwritingSession.objects.select_for_update().get(pk=session.pk)


def _require_preparing(session: BrainwritingSession) -> None:
    if session.state != State.PREPARING:
        raise ValidationError(_("The session has started; this can no longer be changed."))


@transaction.atomic
def configure_session(
    actor,
    phase: Phase,
    *,
    rounds: int = 5,
    minutes_per_round: int = 3,
    ideas_per_round: int = 3,
    groups: list[str] = (),
) -> BrainwritingSession:
    """Create or change the brainwriting of `phase` (before it starts); `groups` are topics
    to add."""
    if phase.module != Phase.Module.BRAINWRITING:
        raise ValidationError(_("This phase is not run with brainwriting."))
    session, created = BrainwritingSession.objects.get_or_create(phase=phase)
    session = _lock(session)
    _require_preparing(session)
    session.rounds = rounds
    session.minutes_per_round = minutes_per_round
    session.ideas_per_round = ideas_per_round
    session.full_clean(exclude=["phase"])
    session.save(update_fields=["rounds", "minutes_per_round", "ideas_per_round"])
    for title in groups:
        _add_group(session, title)
    log_action(
        actor,
        "participation.brainwriting.configured",
        phase.process,
        phase=phase.title,
        rounds=rounds,
        minutes_per_round=minutes_per_round,
        ideas_per_round=ideas_per_round,
    )
    return session


def _add_group(session: BrainwritingSession, title: str) -> BrainwritingGroup:
    title = title.strip()
    if not title:
        raise ValidationError(_("Please give the group a topic."))
    if session.groups.filter(title__iexact=title).exists():
        raise ValidationError(_("There is already a group with this topic."))
    return BrainwritingGroup.objects.create(session=session, title=title)


@transaction.atomic
def add_group(actor, session: BrainwritingSession, title: str) -> BrainwritingGroup:
    session = _lock(session)
    _require_preparing(session)
    group = _add_group(session, title)
    log_action(
        actor, "participation.brainwriting.group_added", session.phase.process, group=group.title
    )
    return group


@transaction.atomic
def remove_group(actor, session: BrainwritingSession, group: BrainwritingGroup) -> None:
    """Remove an empty group before the start."""
    session = _lock(session)
    _require_preparing(session)
    if group.seats.exists():
        raise ValidationError(
            _("People have joined this group; assign them to another group first.")
        )
    log_action(
        actor, "participation.brainwriting.group_removed", session.phase.process, group=group.title
    )
    group.delete()


def _seat(session, user, group) -> BrainwritingSeat:
    if group.session_id != session.pk:
        raise ValidationError(_("This group does not belong to this session."))
    seat = BrainwritingSeat.objects.filter(session=session, user=user).first()
    if seat is None:
        try:
            with transaction.atomic():
                return BrainwritingSeat.objects.create(session=session, user=user, group=group)
        except IntegrityError:  # the same person joined twice at once
            seat = BrainwritingSeat.objects.get(session=session, user=user)
    if seat.group_id != group.pk:
        seat.group = group
        seat.save(update_fields=["group"])
    return seat


@transaction.atomic
def join_group(user, session: BrainwritingSession, group: BrainwritingGroup) -> BrainwritingSeat:
    """`user` takes a seat in `group` (or moves to it) before the session starts."""
    session = _lock(session)
    _require_preparing(session)
    return _seat(session, user, group)


@transaction.atomic
def assign(actor, session: BrainwritingSession, user, group: BrainwritingGroup):
    """The facilitator seats `user` in `group` (or moves them) before the start."""
    session = _lock(session)
    _require_preparing(session)
    seat = _seat(session, user, group)
    log_action(
        actor, "participation.brainwriting.assigned", session.phase.process, group=group.title
    )
    return seat


@transaction.atomic
def leave(user, session: BrainwritingSession) -> None:
    """`user` gives up their seat before the start."""
    session = _lock(session)
    _require_preparing(session)
    BrainwritingSeat.objects.filter(session=session, user=user).delete()


# --- The clock ---------------------------------------------------------------------------


@transaction.atomic
def start(actor, session: BrainwritingSession, now: datetime | None = None):
    """Fix the seats' order, lay out one sheet per seat and start round 1."""
    now = now or timezone.now()
    session = _lock(session)
    _require_preparing(session)
    seated = 0
    for group in session.groups.all():
        seats = list(group.seats.order_by("joined_at", "pk"))
        for position, seat in enumerate(seats):
            seat.position = position
            seat.save(update_fields=["position"])
        BrainwritingSheet.objects.bulk_create(
            BrainwritingSheet(group=group, position=position) for position in range(len(seats))
        )
        seated += len(seats)
    if not seated:
        raise ValidationError(_("Nobody has joined a group yet."))
    session.state = State.RUNNING
    session.current_round = 1
    session.started_at = now
    session.round_ends_at = now + session.round_length
    session.save(update_fields=["state", "current_round", "started_at", "round_ends_at"])
    BrainwritingRound.objects.create(session=session, number=1, started_at=now)
    log_action(actor, "participation.brainwriting.started", session.phase.process, seats=seated)
    return session


def _close_round(session: BrainwritingSession, at: datetime, *, last: bool = False) -> None:
    """End the running round at `at`: the next one starts, or (after the last round, or
    with `last`) the session is over."""
    BrainwritingRound.objects.filter(
        session=session, number=session.current_round, ended_at__isnull=True
    ).update(ended_at=at)
    session.paused_remaining = None
    if last or session.current_round >= session.rounds:
        session.state = State.FINISHED
        session.finished_at = at
        session.round_ends_at = None
    else:
        session.state = State.RUNNING
        session.current_round += 1
        session.round_ends_at = at + session.round_length
        BrainwritingRound.objects.create(
            session=session, number=session.current_round, started_at=at
        )
    session.save(
        update_fields=[
            "state",
            "current_round",
            "round_ends_at",
            "paused_remaining",
            "finished_at",
        ]
    )


def _advance(session: BrainwritingSession, now: datetime) -> None:
    """Move a locked session on by its deadlines up to `now` (idempotent). Rounds that
    passed while nobody looked end at their deadlines, not when somebody came back."""
    while session.state == State.RUNNING and now >= session.round_ends_at:
        _close_round(session, session.round_ends_at)


def _is_due(session: BrainwritingSession, now: datetime) -> bool:
    return session.state == State.RUNNING and now >= session.round_ends_at


def sync(session: BrainwritingSession, now: datetime | None = None) -> BrainwritingSession:
    """The session as it stands at `now`; moves it on first if a deadline has passed. Takes
    the lock only then, so the many polls of a running round do not queue."""
    now = now or timezone.now()
    if not _is_due(session, now):
        return session
    with transaction.atomic():
        session = _lock(session)
        _advance(session, now)
    return session


@transaction.atomic
def end_round(actor, session: BrainwritingSession, now: datetime | None = None):
    """The facilitator ends the round now: the sheets pass at once (after the last round,
    the session is over). Ideas the server received before this moment still count for
    the ended round."""
    session = _lock(session)
    now = now or timezone.now()
    _advance(session, now)
    if not session.is_live:
        raise ValidationError(_("No round is running."))
    ended = session.current_round
    _close_round(session, now)
    log_action(actor, "participation.brainwriting.round_ended", session.phase.process, round=ended)
    return session


@transaction.atomic
def pause(actor, session: BrainwritingSession, now: datetime | None = None):
    """Stop the clock of the running round; writing stays possible."""
    session = _lock(session)
    now = now or timezone.now()
    _advance(session, now)
    if session.state != State.RUNNING:
        raise ValidationError(_("Only a running round can be paused."))
    session.paused_remaining = session.round_ends_at - now
    session.round_ends_at = None
    session.state = State.PAUSED
    session.save(update_fields=["paused_remaining", "round_ends_at", "state"])
    log_action(
        actor,
        "participation.brainwriting.paused",
        session.phase.process,
        round=session.current_round,
    )
    return session


@transaction.atomic
def resume(actor, session: BrainwritingSession, now: datetime | None = None):
    """Start the clock again with the time that was left."""
    session = _lock(session)
    now = now or timezone.now()
    if session.state != State.PAUSED:
        raise ValidationError(_("The session is not paused."))
    session.round_ends_at = now + session.paused_remaining
    session.paused_remaining = None
    session.state = State.RUNNING
    session.save(update_fields=["paused_remaining", "round_ends_at", "state"])
    log_action(
        actor,
        "participation.brainwriting.resumed",
        session.phase.process,
        round=session.current_round,
    )
    return session


@transaction.atomic
def finish(actor, session: BrainwritingSession, now: datetime | None = None):
    """End the session now, whatever round it is in."""
    session = _lock(session)
    now = now or timezone.now()
    _advance(session, now)
    if not session.is_live:
        raise ValidationError(_("The session is not running."))
    _close_round(session, now, last=True)
    log_action(actor, "participation.brainwriting.finished", session.phase.process)
    return session


# --- Writing -----------------------------------------------------------------------------


def seat_of(user, session: BrainwritingSession) -> BrainwritingSeat | None:
    if not user.is_authenticated:
        return None
    return (
        BrainwritingSeat.objects.select_related("group").filter(session=session, user=user).first()
    )


def submit_idea(
    user,
    session: BrainwritingSession,
    *,
    text: str,
    round_number: int,
    extends: int | None = None,
    now: datetime | None = None,
) -> BrainwritingIdea:
    """Store `text` on the sheet `user` held in round `round_number`, if that round was
    open at `now` (when the server received it), even if the round has passed since:
    the sheet is decided by (seat, round), under the session's lock. Otherwise raise
    IdeaRefused, and the writer keeps the text."""
    now = now or timezone.now()
    text = (text or "").strip()
    if not text:
        raise IdeaRefused(_("Please write an idea first."))
    if len(text) > 1000:
        raise IdeaRefused(_("An idea may be at most 1000 characters long."))
    with transaction.atomic():
        session = _lock(session)
        _advance(session, now)
        seat = seat_of(user, session)
        if seat is None or seat.position is None:
            raise IdeaRefused(_("You do not have a seat in this session."))
        if session.state == State.PREPARING:
            raise IdeaRefused(_("The session has not started yet."))
        played = BrainwritingRound.objects.filter(session=session, number=round_number).first()
        if played is None or not played.was_open_at(now):
            if session.state == State.FINISHED:
                raise IdeaRefused(
                    _("The session is over; your idea was not stored. Your text is still here.")
                )
            raise IdeaRefused(
                _(
                    "Round %(round)s had ended when your idea arrived, so it was not stored. "
                    "Your text is still here: send it again to write it on the sheet you "
                    "hold now."
                )
                % {"round": round_number}
            )
        sheet = sheet_held(seat, round_number)
        written = BrainwritingIdea.objects.filter(sheet=sheet, round=round_number).count()
        if written >= session.ideas_per_round:
            raise IdeaRefused(
                _("You have written %(count)s ideas on this sheet in this round, the most allowed.")
                % {"count": session.ideas_per_round}
            )
        base = None
        if extends:
            base = BrainwritingIdea.objects.filter(pk=extends, sheet=sheet).first()
            if base is None:
                raise IdeaRefused(_("The idea you build on is not on this sheet."))
        return BrainwritingIdea.objects.create(
            sheet=sheet, round=round_number, text=text, extends=base, author=user, created_at=now
        )


# --- Reading -----------------------------------------------------------------------------


@dataclass
class SheetInHand:
    """What a participant sees: the round, the sheet they hold and what is on it."""

    session: BrainwritingSession
    seat: BrainwritingSeat | None
    sheet: BrainwritingSheet | None
    ideas: list
    written_this_round: int

    @property
    def may_write(self) -> bool:
        return (
            self.sheet is not None
            and self.session.is_live
            and self.written_this_round < self.session.ideas_per_round
        )

    @property
    def version(self) -> str:
        return _version(self.session, self.sheet, len(self.ideas))


def _version(session: BrainwritingSession, sheet: BrainwritingSheet | None, ideas: int) -> str:
    """Changes whenever what a participant sees changes (apart from the clock)."""
    ends = session.round_ends_at.timestamp() if session.round_ends_at else 0
    return f"{session.state}-{session.current_round}-{ends:.3f}-{sheet.pk if sheet else 0}-{ideas}"


def _sheet_now(seat: BrainwritingSeat | None, session: BrainwritingSession):
    if seat is None or seat.position is None or not session.is_live:
        return None
    return sheet_held(seat, session.current_round)


def sheet_version(user, session: BrainwritingSession) -> str:
    """The version of what `user` sees, without reading the ideas: the polls of a running
    round ask this every two seconds and mostly learn that nothing has changed."""
    sheet = _sheet_now(seat_of(user, session), session)
    return _version(session, sheet, sheet.ideas.count() if sheet else 0)


def numbered(ideas) -> list:
    """Give each idea its label "round.n" (1.1, 1.2, 2.1, …) as `label`."""
    counts: dict[int, int] = {}
    for idea in ideas:
        counts[idea.round] = counts.get(idea.round, 0) + 1
        idea.label = f"{idea.round}.{counts[idea.round]}"
    return ideas


def sheet_in_hand(user, session: BrainwritingSession) -> SheetInHand:
    seat = seat_of(user, session)
    sheet, ideas, written = _sheet_now(seat, session), [], 0
    if sheet is not None:
        ideas = numbered(
            list(sheet.ideas.select_related("extends").order_by("round", "created_at", "pk"))
        )
        labels = {idea.pk: idea.label for idea in ideas}
        for idea in ideas:
            idea.extends_label = labels.get(idea.extends_id, "")
        written = sum(1 for idea in ideas if idea.round == session.current_round)
    return SheetInHand(session, seat, sheet, ideas, written)


def overview(session: BrainwritingSession) -> list[dict]:
    """Every group's sheets with their ideas by round, for the facilitator."""
    groups = list(session.groups.prefetch_related("seats__user").annotate(size=Count("seats")))
    sheets = BrainwritingSheet.objects.filter(group__session=session).order_by("group", "position")
    ideas = (
        BrainwritingIdea.objects.filter(sheet__group__session=session)
        .select_related("author")
        .order_by("sheet", "round", "created_at", "pk")
    )
    by_sheet: dict[int, list] = {}
    for idea in ideas:
        by_sheet.setdefault(idea.sheet_id, []).append(idea)
    sheets_by_group: dict[int, list] = {}
    for sheet in sheets:
        on_sheet = numbered(by_sheet.get(sheet.pk, []))
        labels = {idea.pk: idea.label for idea in on_sheet}
        for idea in on_sheet:
            idea.extends_label = labels.get(idea.extends_id, "")
        rounds: dict[int, list] = {}
        for idea in on_sheet:
            rounds.setdefault(idea.round, []).append(idea)
        sheets_by_group.setdefault(sheet.group_id, []).append(
            {"sheet": sheet, "rounds": sorted(rounds.items()), "count": len(on_sheet)}
        )
    return [
        {
            "group": group,
            "seats": list(group.seats.all()),
            "sheets": sheets_by_group.get(group.pk, []),
        }
        for group in groups
    ]


# --- Personal data -----------------------------------------------------------------------


def export_person(person) -> dict:
    """The person's seats and ideas (DSGVO Art. 15)."""
    if not person.user_id:
        return {"seats": [], "ideas": []}
    seats = BrainwritingSeat.objects.filter(user_id=person.user_id).select_related(
        "group__session__phase__process"
    )
    ideas = BrainwritingIdea.objects.filter(author_id=person.user_id).select_related(
        "sheet__group__session__phase__process"
    )
    return {
        "seats": [
            {
                "process": seat.group.session.phase.process.title,
                "phase": seat.group.session.phase.title,
                "group": seat.group.title,
            }
            for seat in seats.order_by("pk")
        ],
        "ideas": [
            {
                "process": idea.sheet.group.session.phase.process.title,
                "group": idea.sheet.group.title,
                "round": idea.round,
                "text": idea.text,
                "written_at": idea.created_at.isoformat(),
            }
            for idea in ideas.order_by("pk")
        ],
    }


def erase_person(person) -> None:
    """Keep the ideas and the seats (the rotation of the sheets), drop the link to the
    person (DSGVO Art. 17)."""
    if not person.user_id:
        return
    BrainwritingIdea.objects.filter(author_id=person.user_id).update(author=None)
    BrainwritingSeat.objects.filter(user_id=person.user_id).update(user=None)
