"""In a real browser, on a phone: the citizens' dialogue's pages fit 390 px and pass
axe-core's WCAG 2.1 A/AA rules, with a form's errors showing and the text kept."""

import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.participation.models import Phase, Process
from knotenpunkt.participation.services import dialogue as services
from knotenpunkt.participation.services.processes import add_phase, create_process
from tests.browser.conftest import (  # noqa: F401 - Debian's Chromium, German locale
    browser_context_args,
    browser_type_launch_args,
)
from tests.browser.sessions import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = Path(__file__).resolve().parents[2] / "frontend" / "packages" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def problems_on(page) -> list[str]:
    found = []
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 0:
        found.append(f"{overflow} px wider than the phone")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA
    )
    for violation in result["violations"]:
        targets = [node["target"] for node in violation["nodes"][:3]]
        found.append(f"axe {violation['id']} ({violation['impact']}): {json.dumps(targets)}")
    return found


@pytest.fixture
def dialogue(cluster, alice, carol):
    process = create_process(
        alice,
        cluster,
        title="Innenstadt 2035",
        summary="Was wünschen Sie sich?",
        visibility=Process.Visibility.PUBLIC,
        is_published=True,
    )
    today = timezone.localdate()
    phase = add_phase(
        alice,
        process,
        title="Ihre Ideen",
        module=Phase.Module.DIALOGUE,
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=9),
    )
    made = services.dialogue_of(phase)
    made.identity = made.Identity.EMAIL
    made.moderation = made.Moderation.POST
    made.save()
    made.topics.create(title="Verkehr")
    proposal = services.submit_proposal(
        made, services.Writer(carol), title="Radweg an der Bahn", text="Mit *Licht*."
    )
    comment = services.submit_comment(proposal, services.Writer(carol), text="Gute Idee")
    services.submit_comment(proposal, services.Writer(alice), text="Danke", parent=comment)
    services.answer(alice, proposal, status="review", text="Wir prüfen die Trasse.")
    return made


def test_the_dialogue_pages_fit_a_phone_and_pass_axe(live_server, browser, dialogue, alice):
    assert AXE.exists(), "axe-core is missing: run `make dev` (frontend/fetch.py test)"
    proposal = dialogue.proposals.get()
    context = browser.new_context(viewport=PHONE, locale="de-DE", bypass_csp=True)
    page = context.new_page()
    report = []
    public = [
        reverse("participation:dialogue", args=[dialogue.phase_id]),
        reverse("participation:dialogue_proposal_new", args=[dialogue.phase_id]),
        proposal.get_absolute_url(),
        reverse("participation:dialogue_report", args=["proposal", proposal.pk]),
    ]
    for path in public:
        page.goto(live_server.url + path)
        report += [f"anonymous {path}: {problem}" for problem in problems_on(page)]

    # A form sent without its required fields: errors on top and at the fields, text kept.
    page.goto(live_server.url + public[1])
    # (Located by id, not by German words: the catalogue is merged later.)
    page.locator("#id_title").fill("Mehr Bänke")
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").first.is_visible()
    assert page.locator("#id_title").input_value() == "Mehr Bänke"
    assert page.locator("#id_text").get_attribute("aria-invalid") == "true"
    report += [f"form with errors: {problem}" for problem in problems_on(page)]
    context.close()

    context = browser.new_context(viewport=PHONE, locale="de-DE", bypass_csp=True)
    page = context.new_page()
    log_in(page, live_server, alice)
    for path in [
        proposal.get_absolute_url(),
        reverse("participation:dialogue_moderation", args=[dialogue.phase_id]),
        reverse("participation:dialogue_settings", args=[dialogue.phase_id]),
        reverse("participation:dialogue_moderate", args=["proposal", proposal.pk]),
    ]:
        page.goto(live_server.url + path)
        report += [f"moderator {path}: {problem}" for problem in problems_on(page)]
    context.close()
    assert not report, "\n".join(report)
