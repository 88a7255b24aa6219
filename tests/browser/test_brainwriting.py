"""In real browsers: three participants (one on a phone) and a facilitator run two rounds
of brainwriting; every idea ends up on the sheet its writer held."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from knotenpunkt.participation.models import BrainwritingIdea, Phase
from knotenpunkt.participation.services import brainwriting as services
from tests.browser.sessions import log_in
from tests.factories import PersonFactory, PositionFactory, UserFactory
from tests.participation.conftest import process  # noqa: F401 - the process with its phases

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NAMES = ("uwe", "vera", "wiebke")


@pytest.fixture
def participants(member_org):
    made = []
    for name in NAMES:
        user = UserFactory(email=f"{name}@nordlicht.example")
        PositionFactory(
            person=PersonFactory(first_name=name.title(), user=user), organisation=member_org
        )
        made.append(user)
    return made


def test_two_rounds_with_three_participants_put_every_idea_on_the_right_sheet(
    live_server,
    new_context,
    process,  # noqa: F811 - the fixture imported above
    alice,
    participants,
):
    phase = process.phases.get(module=Phase.Module.BRAINWRITING)
    session = services.configure_session(
        alice, phase, rounds=2, minutes_per_round=3, ideas_per_round=2, groups=["Neue Arbeit"]
    )
    page_url = live_server.url + reverse("participation:brainwriting", args=[phase.pk])
    setup_url = live_server.url + reverse("participation:brainwriting_setup", args=[phase.pk])

    pages = []
    for n, user in enumerate(participants):
        extra = {"viewport": {"width": 390, "height": 844}} if n == 0 else {}
        context = new_context(**extra)
        page = context.new_page()
        log_in(page, live_server, user)
        page.goto(page_url)
        # Joining one after the other fixes the order of the seats: Uwe, Vera, Wiebke.
        page.locator("input[name=group]").first.check()
        page.locator("#brainwriting-join button[type=submit]").click()
        expect(page.locator("[data-seat-group]")).to_be_visible()
        pages.append(page)

    facilitator = new_context().new_page()
    log_in(facilitator, live_server, alice)
    facilitator.goto(setup_url)
    facilitator.locator("button[name=action][value=start]").click()
    facilitator.wait_for_load_state()

    # The waiting pages reload by themselves when the session starts.
    for page in pages:
        expect(page.locator("#brainwriting-idea-form")).to_be_visible(timeout=10_000)
        expect(page.locator("[data-countdown]")).to_have_text(re.compile(r"^\d+:\d\d$"))
    phone = pages[0]
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    def write(page, text, round_number, builds_on=None):
        expect(page.locator(f"input[name=round][value='{round_number}']")).to_have_count(
            1, timeout=10_000
        )
        if builds_on:
            page.locator("#brainwriting-extends").select_option(label=builds_on)
        page.locator("#brainwriting-text").fill(text)
        page.locator("#brainwriting-idea-form button[type=submit]").click()
        expect(page.locator("#brainwriting-sheet li", has_text=text)).to_be_visible()

    for name, page in zip(NAMES, pages, strict=True):
        write(page, f"Runde 1 von {name}", 1)

    facilitator.locator("button[name=action][value=end_round]").click()
    facilitator.wait_for_load_state()

    # Round 2: each holds the sheet of the one before them and builds on its idea.
    before = {"uwe": "wiebke", "vera": "uwe", "wiebke": "vera"}
    for name, page in zip(NAMES, pages, strict=True):
        expect(page.locator("input[name=round][value='2']")).to_have_count(1, timeout=10_000)
        # Screen readers hear that the sheets have passed.
        expect(page.locator("#brainwriting-announcement")).to_have_text(
            re.compile(r"^Runde 2 von 2: Sie halten jetzt Blatt [ABC]\.$")
        )
        previous = f"Runde 1 von {before[name]}"
        expect(page.locator("#brainwriting-sheet li", has_text=previous)).to_be_visible()
        write(page, f"Runde 2 von {name}", 2, builds_on=f"1.1: {previous}")

    facilitator.locator("button[name=action][value=end_round]").click()
    facilitator.wait_for_load_state()
    for page in pages:
        expect(page.locator(".brainwriting-clock[data-state=finished]")).to_be_visible(
            timeout=10_000
        )

    # On the facilitator's overview, and in the database, each sheet holds its owner's
    # idea of round 1 and the next person's of round 2, built on it.
    for sheet_owner, next_writer in (("uwe", "vera"), ("vera", "wiebke"), ("wiebke", "uwe")):
        first = BrainwritingIdea.objects.get(text=f"Runde 1 von {sheet_owner}")
        second = BrainwritingIdea.objects.get(text=f"Runde 2 von {next_writer}")
        assert second.sheet_id == first.sheet_id
        assert (first.round, second.round) == (1, 2)
        assert second.extends_id == first.pk
        sheet = facilitator.locator(f"[data-sheet='{first.sheet_id}']")
        expect(sheet).to_contain_text(first.text)
        expect(sheet).to_contain_text(second.text)
    assert BrainwritingIdea.objects.filter(sheet__group__session=session).count() == 6
