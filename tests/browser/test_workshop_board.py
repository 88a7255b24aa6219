"""In real browsers: two participants write cards and place dots on the live board, the
facilitator reveals the totals and merges a duplicate."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.participation.models import Phase, Process
from knotenpunkt.participation.services import board as services
from knotenpunkt.participation.services.processes import add_phase, create_process
from tests.browser.sessions import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def board_phase(cluster, alice):
    process = create_process(
        alice,
        cluster,
        title="Digitalstrategie Landkreis 2035",
        summary="Wie sieht die Wirtschaft des Landkreises 2035 aus?",
        visibility=Process.Visibility.MEMBERS,
        is_published=True,
    )
    today = timezone.localdate()
    phase = add_phase(
        alice,
        process,
        title="Zukunftswerkstatt",
        module=Phase.Module.WORKSHOP_BOARD,
        starts_on=today,
        ends_on=today + timedelta(days=1),
    )
    goals = services.columns_of(phase)[2]
    services.configure_column(
        alice, goals, prompt="Was wollen wir 2035 erreicht haben?", dots_per_participant=2
    )
    services.set_collecting(alice, goals, True)
    return phase


def _page_of(new_context, live_server, user, url):
    context = new_context(locale="de-DE")
    page = context.new_page()
    log_in(page, live_server, user)
    page.goto(live_server.url + url)
    return page


def _card_id(page, text) -> str:
    return page.locator(".board-card", has_text=text).get_attribute("data-card")


def test_two_participants_vote_and_the_facilitator_reveals_and_merges(
    new_context, live_server, board_phase, alice, bob, carol
):
    url = reverse("participation:board", args=[board_phase.pk])
    carols = _page_of(new_context, live_server, carol, url)
    bobs = _page_of(new_context, live_server, bob, url)
    goals = "#column-goals"

    carols.locator(f"{goals} textarea").fill("Glasfaser für alle")
    carols.locator(f"{goals} [data-action=add_card]").click()
    bobs.locator(f"{goals} textarea").fill("Breitband in jedem Dorf")
    bobs.locator(f"{goals} [data-action=add_card]").click()
    # The poll brings Bob's card to Carol's board without a reload.
    carols.locator(f"{goals} .board-card", has_text="Breitband in jedem Dorf").wait_for()

    facilitator = _page_of(new_context, live_server, alice, url)
    facilitator.locator(f"{goals} [data-action=open_voting]").click()
    carols.locator(f"{goals} [data-action=dot]").first.wait_for()

    # The ids from the page: the ORM in this thread would share the live server's SQLite
    # connection.
    glasfaser = _card_id(carols, "Glasfaser für alle")
    breitband = _card_id(carols, "Breitband in jedem Dorf")
    for page in (carols, bobs):
        card = page.locator(f"#card-{breitband}")
        card.locator("[data-action=dot]").click()
        page.locator(f"#card-{breitband}[data-my-dots='1']").wait_for()
    carols.locator(f"#card-{glasfaser} [data-action=dot]").click()
    carols.locator(f"{goals} [data-dots-left='0']").wait_for()
    # Before the reveal nobody sees totals.
    assert carols.locator("[data-total]").count() == 0

    facilitator.locator(f"{goals} [data-action=reveal]").click()
    bobs.locator(f"#card-{breitband}[data-total='2']").wait_for()
    first = bobs.locator(f"{goals} .board-card").first
    assert first.get_attribute("data-card") == breitband

    facilitator.goto(live_server.url + reverse("participation:board_merge", args=[glasfaser]))
    facilitator.locator(f"#survivor-{breitband}").check()
    facilitator.locator("button[type=submit]").last.click()
    facilitator.locator(f"#card-{breitband}[data-total='3']").wait_for()
    carols.locator(f"#card-{breitband}[data-total='3']").wait_for()
    assert carols.locator(f"#card-{glasfaser}").count() == 0
    assert carols.locator(f"#card-{breitband}").get_by_text("Glasfaser für alle").is_visible()
