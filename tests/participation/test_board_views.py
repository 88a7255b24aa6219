"""The workshop board's pages: who sees them, who may act, and the HTMX fragment."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.participation.models import BoardCard, BoardDot, Phase
from knotenpunkt.participation.services import board as services
from knotenpunkt.participation.services.processes import add_phase
from tests.factories import UserFactory

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
    services.set_collecting(alice, column, True)
    return services.set_voting(alice, column, True)


def _board(phase):
    return reverse("participation:board", args=[phase.pk])


def test_a_participant_adds_a_card_and_places_a_dot_without_script(client_for, phase, goals, carol):
    client = client_for(carol)
    response = client.post(
        reverse("participation:board_add_card", args=[phase.pk, "goals"]),
        {"goals-text": "Breitband in jedem Dorf"},
    )
    assert response.status_code == 302
    card = BoardCard.objects.get()
    assert client.post(reverse("participation:board_place_dot", args=[card.pk])).status_code == 302
    page = client.get(_board(phase)).content.decode()
    assert "Breitband in jedem Dorf" in page
    assert f'data-card="{card.pk}"' in page
    assert 'data-my-dots="1"' in page
    assert "data-total=" not in page  # not revealed yet


def test_a_refused_card_keeps_its_text(client_for, phase, goals, alice, carol):
    services.set_collecting(alice, goals, False)
    services.set_collecting(alice, goals, True)
    response = client_for(carol).post(
        reverse("participation:board_add_card", args=[phase.pk, "goals"]),
        {"goals-text": "x" * 301},
    )
    assert response.status_code == 400
    assert "x" * 301 in response.content.decode()
    assert not BoardCard.objects.exists()


def test_the_htmx_poll_gets_only_the_board_fragment(client_for, phase, goals, carol):
    response = client_for(carol).get(_board(phase), headers={"HX-Request": "true"})
    text = response.content.decode()
    assert response.status_code == 200
    assert text.lstrip().startswith('<div id="board"')
    assert 'hx-trigger="every 3s"' in text
    assert "<html" not in text


def test_the_board_page_needs_few_queries(
    client_for, phase, goals, carol, django_assert_max_num_queries
):
    for n in range(10):
        card = services.add_card(carol, goals, f"Ziel {n}")
        if n < 2:
            services.place_dot(carol, card)
    client = client_for(carol)
    with django_assert_max_num_queries(30):
        client.get(_board(phase), headers={"HX-Request": "true"})


def test_an_outsider_and_staff_of_another_cluster_see_nothing(
    client_for, phase, goals, carol, dave, other_cluster
):
    card = services.add_card(carol, goals, "Breitband")
    olga = UserFactory(email="olga@logistik.example")
    other_cluster.staff.add(olga)
    for user in (dave, olga):
        client = client_for(user)
        assert client.get(_board(phase)).status_code == 404
        assert (
            client.post(reverse("participation:board_place_dot", args=[card.pk])).status_code == 404
        )
        assert client.get(reverse("participation:board_hide", args=[card.pk])).status_code == 404
    assert not BoardDot.objects.exists()


def test_anonymous_visitors_of_a_members_process_get_404(client, phase):
    assert client.get(_board(phase)).status_code == 404


def test_participants_are_refused_the_facilitator_controls(client_for, phase, goals, carol):
    card = services.add_card(carol, goals, "Breitband")
    client = client_for(carol)
    refused = [
        client.post(reverse("participation:board_column", args=[goals.pk, "reveal"])),
        client.post(reverse("participation:board_column", args=[goals.pk, "close_voting"])),
        client.get(reverse("participation:board_setup", args=[phase.pk])),
        client.post(reverse("participation:board_hide", args=[card.pk]), {"reason": "x"}),
        client.post(reverse("participation:board_merge", args=[card.pk]), {"survivor": card.pk}),
        client.post(reverse("participation:board_adopt", args=[card.pk])),
    ]
    assert [response.status_code for response in refused] == [403] * 6
    goals.refresh_from_db()
    assert goals.voting_open and not goals.is_revealed
    card.refresh_from_db()
    assert not card.is_hidden
    assert 'data-action="reveal"' not in client.get(_board(phase)).content.decode()


def test_the_facilitator_reveals_merges_and_hides(client_for, phase, goals, alice, bob, carol):
    first = services.add_card(carol, goals, "Glasfaser für alle")
    second = services.add_card(bob, goals, "Breitband in jedem Dorf")
    services.place_dot(bob, second)
    client = client_for(alice)
    assert 'data-action="reveal"' in client.get(_board(phase)).content.decode()
    response = client.post(
        reverse("participation:board_merge", args=[second.pk]), {"survivor": first.pk}
    )
    assert response.status_code == 302
    assert first.dots.count() == 1
    client.post(reverse("participation:board_column", args=[goals.pk, "reveal"]))
    page = client_for(carol).get(_board(phase)).content.decode()
    assert 'data-total="1"' in page
    client = client_for(alice)
    assert (
        client.post(
            reverse("participation:board_hide", args=[first.pk]), {"reason": ""}
        ).status_code
        == 400
    )
    client.post(reverse("participation:board_hide", args=[first.pk]), {"reason": "Doppelt"})
    assert "Glasfaser" not in client_for(carol).get(_board(phase)).content.decode()
    assert "Doppelt" in client_for(alice).get(_board(phase)).content.decode()


def test_authors_are_shown_to_moderators_only_when_the_process_attributes_ideas(
    client_for, process, phase, goals, alice, carol
):
    services.add_card(carol, goals, "Breitband")
    assert "Clausen" not in client_for(alice).get(_board(phase)).content.decode()
    process.attribute_ideas = True
    process.save()
    assert "Clausen" in client_for(alice).get(_board(phase)).content.decode()
    assert "Clausen" not in client_for(carol).get(_board(phase)).content.decode()


def test_the_setup_page_sets_question_and_dots(client_for, phase, alice):
    client = client_for(alice)
    data = {}
    for kind in ("vision", "values", "goals"):
        data[f"{kind}-prompt"] = "Wie sieht die Wirtschaft des Landkreises 2035 aus?"
        data[f"{kind}-dots_per_participant"] = "3"
    data["goals-dots_per_participant"] = "0"
    assert (
        client.post(reverse("participation:board_setup", args=[phase.pk]), data).status_code == 400
    )
    data["goals-dots_per_participant"] = "5"
    assert (
        client.post(reverse("participation:board_setup", args=[phase.pk]), data).status_code == 302
    )
    assert [c.dots_per_participant for c in services.columns_of(phase)] == [3, 3, 5]


def test_the_process_page_links_the_board(client_for, process, phase, carol):
    page = client_for(carol).get(reverse("participation:process", args=[process.slug]))
    assert _board(phase) in page.content.decode()
