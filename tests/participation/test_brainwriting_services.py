"""Live brainwriting, the services: the rotation of the sheets, the clock that moves on
lazily, and that no idea is lost at the edges of a round."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from knotenpunkt.participation.models import (
    BrainwritingIdea,
    BrainwritingRound,
    BrainwritingSession,
    Phase,
)
from knotenpunkt.participation.services import brainwriting as services
from knotenpunkt.privacy.coverage import uncovered_personal_data
from tests.factories import PersonFactory, PositionFactory, UserFactory

T0 = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)
MS = timedelta(milliseconds=1)

pytestmark = pytest.mark.django_db


@pytest.fixture
def phase(process):
    return process.phases.get(module=Phase.Module.BRAINWRITING)


@pytest.fixture
def people(member_org):
    """Three more people of the member organisation: they may take part."""
    made = []
    for name in ("Uwe", "Vera", "Wiebke"):
        user = UserFactory(email=f"{name.lower()}@nordlicht.example")
        PositionFactory(person=PersonFactory(first_name=name, user=user), organisation=member_org)
        made.append(user)
    return made


@pytest.fixture
def session(phase, alice):
    return services.configure_session(
        alice, phase, rounds=3, minutes_per_round=3, ideas_per_round=3, groups=["Neue Arbeit"]
    )


@pytest.fixture
def started(session, people, alice):
    """Uwe, Vera and Wiebke, in this order, in one group; round 1 runs from T0 to T0+3'."""
    group = session.groups.get()
    for user in people:
        services.join_group(user, session, group)
    return services.start(alice, session, now=T0)


def write(user, session, text, round_number, at, extends=None):
    return services.submit_idea(
        user, session, text=text, round_number=round_number, extends=extends, now=at
    )


def held_by(user, session, round_number):
    seat = services.seat_of(user, session)
    return services.sheet_held(seat, round_number).position


def test_in_round_r_sheet_i_is_with_the_seat_i_plus_r_minus_1():
    size = 3
    for round_number in range(1, 6):
        holders = [services.holder_position(i, round_number, size) for i in range(size)]
        assert sorted(holders) == [0, 1, 2]  # every sheet has a writer, nobody two sheets
        for sheet, seat in enumerate(holders):
            assert services.sheet_position_held(seat, round_number, size) == sheet
    assert services.holder_position(0, 1, size) == 0
    assert services.holder_position(0, 2, size) == 1
    assert services.holder_position(2, 2, size) == 0


def test_starting_fixes_the_seats_in_the_order_people_joined_and_lays_out_a_sheet_each(
    started, people
):
    assert started.state == BrainwritingSession.State.RUNNING
    assert started.current_round == 1
    assert started.round_ends_at == T0 + 3 * MINUTE
    assert [services.seat_of(user, started).position for user in people] == [0, 1, 2]
    assert [held_by(user, started, 1) for user in people] == [0, 1, 2]
    assert [held_by(user, started, 2) for user in people] == [2, 0, 1]


def test_a_session_without_participants_does_not_start(session, alice):
    with pytest.raises(ValidationError, match="Nobody has joined"):
        services.start(alice, session, now=T0)


def test_nobody_joins_or_changes_the_settings_after_the_start(started, carol, alice, phase):
    with pytest.raises(ValidationError, match="has started"):
        services.join_group(carol, started, started.groups.get())
    with pytest.raises(ValidationError, match="has started"):
        services.configure_session(alice, phase, rounds=2)


def test_the_sheets_pass_when_the_round_ends_without_anybody_doing_anything(started, people):
    uwe, vera, _ = people
    write(uwe, started, "Coworking im Dorfladen", 1, T0 + MINUTE)
    moved = services.sync(started, T0 + 3 * MINUTE)
    assert moved.current_round == 2
    assert moved.round_ends_at == T0 + 6 * MINUTE
    # Vera now holds Uwe's sheet and sees his idea.
    hand = services.sheet_in_hand(vera, moved)
    assert hand.sheet.position == 0
    assert [idea.text for idea in hand.ideas] == ["Coworking im Dorfladen"]


def test_rounds_missed_while_nobody_looked_end_at_their_deadlines(started):
    later = services.sync(started, T0 + 7 * MINUTE)
    assert later.current_round == 3
    rounds = list(BrainwritingRound.objects.filter(session=later).order_by("number"))
    assert [(r.started_at, r.ended_at) for r in rounds] == [
        (T0, T0 + 3 * MINUTE),
        (T0 + 3 * MINUTE, T0 + 6 * MINUTE),
        (T0 + 6 * MINUTE, None),
    ]
    over = services.sync(later, T0 + 60 * MINUTE)
    assert over.state == BrainwritingSession.State.FINISHED
    assert over.finished_at == T0 + 9 * MINUTE


def test_moving_on_twice_to_the_same_moment_changes_nothing(started):
    services.sync(started, T0 + 4 * MINUTE)
    again = services.sync(BrainwritingSession.objects.get(pk=started.pk), T0 + 4 * MINUTE)
    assert again.current_round == 2
    assert BrainwritingRound.objects.filter(session=started).count() == 2


def test_an_idea_received_a_millisecond_before_the_deadline_stays_on_the_sheet_of_that_round(
    started, people
):
    uwe, vera, _ = people
    deadline = started.round_ends_at
    # Another request, received just after the deadline, got the lock first and passed
    # the sheets; Uwe's idea, received before, still belongs to round 1 and his own sheet.
    services.sync(started, deadline + MS)
    idea = write(uwe, started, "Dorfbüro mit Glasfaser", 1, deadline - MS)
    assert (idea.round, idea.sheet.position) == (1, 0)
    assert held_by(uwe, started, 2) != 0


def test_an_idea_received_a_millisecond_after_the_deadline_is_refused_with_its_reason(
    started, people
):
    uwe = people[0]
    deadline = started.round_ends_at
    with translation.override("en"), pytest.raises(services.IdeaRefused) as refused:
        write(uwe, started, "Zu spät", 1, deadline + MS)
    assert "Round 1 had ended" in refused.value.messages[0]
    assert "Your text is still here" in refused.value.messages[0]
    assert not BrainwritingIdea.objects.filter(text="Zu spät").exists()
    # Sent again for round 2, it goes on the sheet Uwe holds now.
    idea = write(uwe, started, "Zu spät", 2, deadline + 2 * MS)
    assert idea.sheet.position == held_by(uwe, started, 2)


def test_two_ideas_in_the_last_second_land_on_their_writers_sheets(started, people):
    uwe, vera, wiebke = people
    deadline = started.round_ends_at
    # Wiebke's request, received after the deadline, is handled first and passes the sheets.
    with pytest.raises(services.IdeaRefused):
        write(wiebke, started, "Nach dem Gong", 1, deadline + MS)
    first = write(vera, started, "Radweg zum Bahnhof", 1, deadline - 2 * MS)
    second = write(uwe, started, "Lastenrad-Verleih", 1, deadline - MS)
    assert (first.sheet.position, first.round) == (1, 1)
    assert (second.sheet.position, second.round) == (0, 1)
    assert BrainwritingIdea.objects.count() == 2


def test_a_participant_who_drops_out_does_not_stop_their_sheet(started, people):
    uwe, vera, wiebke = people
    # Vera writes nothing and is gone; her sheet (1) moves on to Wiebke in round 2 and to
    # Uwe in round 3.
    write(uwe, started, "Idee A", 1, T0 + MINUTE)
    write(wiebke, started, "Idee C", 1, T0 + MINUTE)
    services.sync(started, T0 + 3 * MINUTE)
    assert held_by(wiebke, started, 2) == 1
    write(wiebke, started, "Auf Veras leerem Blatt", 2, T0 + 4 * MINUTE)
    services.sync(started, T0 + 6 * MINUTE)
    assert held_by(uwe, started, 3) == 1
    hand = services.sheet_in_hand(uwe, BrainwritingSession.objects.get(pk=started.pk))
    assert [idea.text for idea in hand.ideas] == ["Auf Veras leerem Blatt"]


def test_ending_the_round_early_keeps_ideas_received_before_and_refuses_later_ones(
    started, people, alice
):
    uwe, vera, _ = people
    ended_at = T0 + MINUTE
    services.end_round(alice, started, now=ended_at)
    # Received before the facilitator ended the round, handled after: kept in round 1.
    kept = write(uwe, started, "Noch rechtzeitig", 1, ended_at - MS)
    assert (kept.round, kept.sheet.position) == (1, 0)
    with pytest.raises(services.IdeaRefused, match="Round 1 had ended"):
        write(vera, started, "Zu spät", 1, ended_at + MS)
    session = BrainwritingSession.objects.get(pk=started.pk)
    assert session.current_round == 2
    assert session.round_ends_at == ended_at + 3 * MINUTE


def test_a_sheet_takes_at_most_the_set_number_of_ideas_a_round(started, people):
    uwe = people[0]
    for n in range(3):
        write(uwe, started, f"Idee {n}", 1, T0 + MINUTE)
    with pytest.raises(services.IdeaRefused, match="most allowed"):
        write(uwe, started, "Eine zu viel", 1, T0 + MINUTE)


def test_an_idea_builds_only_on_one_of_the_same_sheet(started, people):
    uwe, vera, _ = people
    uwes = write(uwe, started, "Coworking", 1, T0 + MINUTE)
    with pytest.raises(services.IdeaRefused, match="not on this sheet"):
        write(vera, started, "Mit Kita", 1, T0 + MINUTE, extends=uwes.pk)
    services.sync(started, T0 + 3 * MINUTE)
    extension = write(vera, started, "Mit Kita", 2, T0 + 4 * MINUTE, extends=uwes.pk)
    assert extension.extends == uwes
    hand = services.sheet_in_hand(vera, BrainwritingSession.objects.get(pk=started.pk))
    assert [(i.label, i.extends_label) for i in hand.ideas] == [("1.1", ""), ("2.1", "1.1")]


def test_an_empty_idea_is_refused(started, people):
    with pytest.raises(services.IdeaRefused, match="write an idea"):
        write(people[0], started, "   ", 1, T0 + MINUTE)


def test_someone_without_a_seat_cannot_write(started, carol):
    with pytest.raises(services.IdeaRefused, match="seat"):
        write(carol, started, "Ich auch", 1, T0 + MINUTE)


def test_a_pause_stops_the_clock_and_keeps_the_time_left(started, people, alice):
    services.pause(alice, started, now=T0 + MINUTE)
    paused = services.sync(BrainwritingSession.objects.get(pk=started.pk), T0 + 30 * MINUTE)
    assert paused.state == BrainwritingSession.State.PAUSED
    assert paused.current_round == 1
    # Writing goes on during the pause.
    write(people[0], paused, "In der Pause", 1, T0 + 20 * MINUTE)
    resumed = services.resume(alice, paused, now=T0 + 30 * MINUTE)
    assert resumed.round_ends_at == T0 + 32 * MINUTE


def test_finishing_ends_the_session_and_later_ideas_are_refused_with_a_reason(
    started, people, alice
):
    services.finish(alice, started, now=T0 + MINUTE)
    session = BrainwritingSession.objects.get(pk=started.pk)
    assert session.state == BrainwritingSession.State.FINISHED
    assert session.rounds == 3  # the settings stay as they were
    with pytest.raises(services.IdeaRefused, match="session is over"):
        write(people[0], session, "Nachzügler", 1, T0 + 2 * MINUTE)
    with pytest.raises(ValidationError, match="not running"):
        services.finish(alice, session, now=T0 + 3 * MINUTE)


def test_the_last_round_ended_early_finishes_the_session(started, alice):
    services.sync(started, T0 + 6 * MINUTE)
    services.end_round(alice, started, now=T0 + 7 * MINUTE)
    session = BrainwritingSession.objects.get(pk=started.pk)
    assert session.state == BrainwritingSession.State.FINISHED
    assert session.finished_at == T0 + 7 * MINUTE


def test_the_facilitator_sees_every_sheet_by_round(started, people):
    uwe, vera, wiebke = people
    write(uwe, started, "A1", 1, T0 + MINUTE)
    write(vera, started, "B1", 1, T0 + MINUTE)
    services.sync(started, T0 + 3 * MINUTE)
    write(vera, started, "A2", 2, T0 + 4 * MINUTE)
    [group] = services.overview(started)
    sheets = {entry["sheet"].letter: entry for entry in group["sheets"]}
    assert [(number, [i.text for i in ideas]) for number, ideas in sheets["A"]["rounds"]] == [
        (1, ["A1"]),
        (2, ["A2"]),
    ]
    assert sheets["C"]["count"] == 0


def test_erasure_keeps_the_ideas_and_the_seat_but_drops_the_person(started, people):
    uwe = people[0]
    write(uwe, started, "Gemeinschaftsgarten", 1, T0 + MINUTE)
    exported = services.export_person(uwe.person)
    assert [idea["text"] for idea in exported["ideas"]] == ["Gemeinschaftsgarten"]
    assert exported["seats"][0]["group"] == "Neue Arbeit"
    services.erase_person(uwe.person)
    idea = BrainwritingIdea.objects.get(text="Gemeinschaftsgarten")
    assert idea.author is None
    assert started.seats.filter(user__isnull=True, position=0).exists()
    assert services.export_person(uwe.person) == {"seats": [], "ideas": []}


def test_export_and_erasure_cover_every_personal_field_of_brainwriting():
    assert [name for name in uncovered_personal_data() if "Brainwriting" in name] == []
