"""The workshop board's rules: collecting, the dot budget (also under racing clicks),
the reveal gate, merging, hiding, adoption and personal data."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone, translation

from knotenpunkt.participation.models import BoardCard, BoardColumn, BoardDot, Phase
from knotenpunkt.participation.services import board as services
from knotenpunkt.participation.services.processes import add_phase
from knotenpunkt.privacy.services import erase_person, export_person_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def phase(process, alice):
    today = timezone.localdate()
    return add_phase(
        alice,
        process,
        title="Zukunftswerkstatt",
        module=Phase.Module.WORKSHOP_BOARD,
        starts_on=today,
        ends_on=today + timedelta(days=1),
    )


@pytest.fixture
def goals(phase, alice):
    column = services.columns_of(phase)[2]
    services.configure_column(
        alice, column, prompt="Was wollen wir 2035 erreicht haben?", dots_per_participant=2
    )
    return services.set_collecting(alice, column, True)


def _voting(alice, column):
    return services.set_voting(alice, column, True)


def _column_view(user, phase, kind, *, moderator=False):
    views = services.board_for(user, phase, moderator=moderator)
    return next(view for view in views if view.column.kind == kind)


def test_a_board_has_vision_values_and_goals_columns_in_that_order(phase):
    kinds = [column.kind for column in services.columns_of(phase)]
    assert kinds == ["vision", "values", "goals"]
    assert len(services.columns_of(phase)) == 3
    assert BoardColumn.objects.filter(phase=phase).count() == 3


def test_cards_are_collected_only_while_the_column_is_open(goals, alice, carol):
    card = services.add_card(carol, goals, "  Breitband   in jedem Dorf ")
    assert card.text == "Breitband in jedem Dorf"
    services.set_collecting(alice, goals, False)
    with translation.override("en"), pytest.raises(ValidationError, match="not collecting"):
        services.add_card(carol, goals, "Zu spät")
    assert goals.cards.count() == 1


def test_an_empty_or_too_long_card_is_refused_with_a_message(goals, carol):
    with translation.override("en"):
        with pytest.raises(ValidationError, match="write something"):
            services.add_card(carol, goals, "   ")
        with pytest.raises(ValidationError, match="at most 300 characters"):
            services.add_card(carol, goals, "x" * 301)
    assert goals.cards.count() == 0


def test_dots_can_pile_on_one_card_up_to_the_budget_and_be_taken_back(goals, alice, carol):
    card = services.add_card(carol, goals, "Breitband in jedem Dorf")
    goals = _voting(alice, goals)
    services.place_dot(carol, card)
    services.place_dot(carol, card)
    with translation.override("en"), pytest.raises(ValidationError, match="all 2 of your dots"):
        services.place_dot(carol, card)
    assert card.dots.count() == 2
    services.take_back_dot(carol, card)
    services.place_dot(carol, card)
    assert card.dots.filter(voter=carol).count() == 2


def test_no_dots_while_voting_is_closed(goals, carol):
    card = services.add_card(carol, goals, "Breitband in jedem Dorf")
    with translation.override("en"), pytest.raises(ValidationError, match="Voting is closed"):
        services.place_dot(carol, card)
    assert not BoardDot.objects.exists()


def test_the_budget_is_per_column(phase, goals, alice, carol):
    vision = services.set_collecting(alice, services.columns_of(phase)[0], True)
    services.configure_column(alice, vision, prompt="", dots_per_participant=1)
    vision_card = services.add_card(carol, vision, "Eine digitale Region")
    goal_card = services.add_card(carol, goals, "Breitband")
    _voting(alice, vision)
    _voting(alice, goals)
    services.place_dot(carol, vision_card)
    services.place_dot(carol, goal_card)
    services.place_dot(carol, goal_card)
    assert BoardDot.objects.filter(voter=carol).count() == 3


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_clicks_racing_for_the_last_dot_place_only_one(goals, alice, carol):
    first = services.add_card(carol, goals, "Breitband in jedem Dorf")
    second = services.add_card(carol, goals, "Fachkräfte halten")
    _voting(alice, goals)
    services.place_dot(carol, first)  # one of two dots left
    outcomes, errors, barrier = [], [], threading.Barrier(2)

    def click(card):
        barrier.wait()
        try:
            with translation.override("en"):
                services.place_dot(carol, card)
            outcomes.append("placed")
        except ValidationError as refused:
            outcomes.append(" ".join(refused.messages))
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=click, args=(card,)) for card in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(outcomes)[1] == "placed"
    assert "You have used all 2 of your dots" in sorted(outcomes)[0]
    assert BoardDot.objects.filter(voter=carol).count() == 2


def test_participants_see_only_their_own_dots_until_the_reveal(goals, alice, bob, carol):
    card = services.add_card(carol, goals, "Breitband in jedem Dorf")
    _voting(alice, goals)
    services.place_dot(carol, card)
    services.place_dot(bob, card)
    item = _column_view(carol, goals.phase, "goals").cards[0]
    assert (item.my_dots, item.total) == (1, None)
    moderator_view = _column_view(alice, goals.phase, "goals", moderator=True)
    assert moderator_view.cards[0].total is None
    assert (moderator_view.dots_placed, moderator_view.voters) == (2, 2)
    services.reveal(alice, goals)
    item = _column_view(carol, goals.phase, "goals").cards[0]
    assert (item.my_dots, item.total) == (1, 2)


def test_revealing_closes_the_voting_for_good_and_orders_cards_by_dots(goals, alice, carol):
    quiet = services.add_card(carol, goals, "Weniger Bürokratie")
    popular = services.add_card(carol, goals, "Breitband in jedem Dorf")
    _voting(alice, goals)
    services.place_dot(carol, popular)
    goals = services.reveal(alice, goals)
    assert not goals.voting_open
    with translation.override("en"), pytest.raises(ValidationError, match="cannot open again"):
        services.set_voting(alice, goals, True)
    texts = [item.card.text for item in _column_view(carol, goals.phase, "goals").cards]
    assert texts == [popular.text, quiet.text]


def test_merging_moves_the_dots_of_both_cards_to_the_survivor(goals, alice, bob, carol):
    survivor = services.add_card(carol, goals, "Glasfaser für alle")
    duplicate = services.add_card(bob, goals, "Breitband in jedem Dorf")
    _voting(alice, goals)
    services.place_dot(carol, survivor)
    services.place_dot(carol, duplicate)
    services.place_dot(bob, duplicate)
    services.merge_cards(alice, survivor, duplicate)
    assert survivor.dots.count() == 3
    assert survivor.dots.filter(voter=carol).count() == 2  # both stay, within her budget
    duplicate.refresh_from_db()
    assert duplicate.merged_into == survivor
    view = _column_view(carol, goals.phase, "goals")
    assert [item.card.pk for item in view.cards] == [survivor.pk]
    assert view.cards[0].merged_texts == ["Breitband in jedem Dorf"]
    assert view.my_dots_used == 2
    with translation.override("en"), pytest.raises(ValidationError, match="merged with another"):
        services.place_dot(bob, duplicate)


def test_cards_of_different_columns_are_not_merged(phase, goals, alice, carol):
    vision = services.set_collecting(alice, services.columns_of(phase)[0], True)
    with translation.override("en"), pytest.raises(ValidationError, match="same column"):
        services.merge_cards(
            alice, services.add_card(carol, goals, "A"), services.add_card(carol, vision, "B")
        )


def test_a_hidden_card_disappears_for_participants_but_stays_for_moderators(
    goals, alice, bob, carol
):
    card = services.add_card(carol, goals, "Unsinn")
    _voting(alice, goals)
    services.place_dot(bob, card)
    with translation.override("en"), pytest.raises(ValidationError, match="reason"):
        services.hide_card(alice, card, " ")
    services.hide_card(alice, card, "Beleidigend")
    assert _column_view(carol, goals.phase, "goals").cards == []
    moderator_view = _column_view(alice, goals.phase, "goals", moderator=True)
    assert [hidden.hidden_reason for hidden in moderator_view.hidden] == ["Beleidigend"]
    # Bob gets his dot back: he could not see the card to take it back himself.
    assert _column_view(bob, goals.phase, "goals").my_dots_used == 0
    services.unhide_card(alice, card)
    assert len(_column_view(carol, goals.phase, "goals").cards) == 1


def test_adopted_goals_are_the_agreed_ones_after_the_reveal(goals, alice, carol, process):
    adopted = services.add_card(carol, goals, "Breitband in jedem Dorf")
    services.add_card(carol, goals, "Weniger Bürokratie")
    with translation.override("en"), pytest.raises(ValidationError, match="Reveal the dots"):
        services.set_adopted(alice, adopted, True)
    services.reveal(alice, goals)
    services.set_adopted(alice, adopted, True)
    assert list(services.adopted_goals(process)) == [adopted]
    assert list(services.adopted_cards(process, BoardColumn.Kind.VISION)) == []
    services.set_adopted(alice, adopted, False)
    assert list(services.adopted_goals(process)) == []


def test_an_adoption_carries_over_to_the_survivor_of_a_merge(goals, alice, carol, process):
    survivor = services.add_card(carol, goals, "Glasfaser für alle")
    duplicate = services.add_card(carol, goals, "Breitband überall")
    services.reveal(alice, goals)
    services.set_adopted(alice, duplicate, True)
    services.merge_cards(alice, survivor, duplicate)
    assert list(services.adopted_goals(process)) == [survivor]


def test_erasure_keeps_text_and_dots_but_drops_the_person(goals, alice, carol):
    card = services.add_card(carol, goals, "Breitband in jedem Dorf")
    _voting(alice, goals)
    services.place_dot(carol, card)
    exported = export_person_data(alice, carol.person)["participation.board"]
    assert exported["cards"][0]["text"] == "Breitband in jedem Dorf"
    assert exported["dots"][0]["card"] == "Breitband in jedem Dorf"
    erase_person(alice, carol.person)
    card = BoardCard.objects.get(pk=card.pk)
    assert card.text == "Breitband in jedem Dorf"
    assert card.author is None
    assert card.dots.count() == 1
    assert card.dots.get().voter is None
