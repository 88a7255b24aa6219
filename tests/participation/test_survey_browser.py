"""In a real browser: a conditional question appears as soon as the answer it depends on
is chosen (HTMX, no reload), keeps the focus where it was, and goes again when the answer
changes; the expert then submits through the personal link."""

import pytest

from knotenpunkt.participation.models import SurveyResponse
from tests.browser import conftest as browser
from tests.participation import test_survey as fixtures

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Debian's Chromium, as in tests/browser.
browser_type_launch_args = browser.browser_type_launch_args
browser_context_args = browser.browser_context_args
survey_phase = fixtures.survey_phase
survey = fixtures.survey
questions = fixtures.questions
running = fixtures.running
expert = fixtures.expert


def test_a_conditional_question_appears_and_goes_without_reload(
    live_server, page, running, questions, expert
):
    page.goto(f"{live_server.url}/participation/survey/answer/{expert.token}/")
    detail = page.get_by_label("What does logistics need?")
    assert detail.count() == 0
    logistik = page.get_by_label("Logistik")
    logistik.check()
    detail.wait_for()
    assert logistik.evaluate("el => el === document.activeElement")
    logistik.uncheck()
    detail.wait_for(state="detached")

    page.get_by_label("Your vision for 2035?").fill("Eine vernetzte Region.")
    page.get_by_label("County").check()
    page.get_by_label("Software").check()
    page.get_by_role("group", name="How urgent?").get_by_label("4", exact=True).check()
    for label, rank in (("Broadband", "1"), ("Skills", "2"), ("Funding", "3")):
        page.get_by_label(label).select_option(rank)
    page.locator('button[name="action"][value="submit"]').click()
    page.wait_for_load_state()
    assert page.locator("[data-survey-submitted]").is_visible()
    assert SurveyResponse.objects.get(invitation=expert).submitted_at is not None
