"""Expert survey, the pages: who may build, run and read it; the experts' questionnaire
behind their personal link (errors per field, nothing lost; saved part-way; conditional
questions; round 2 with round 1's distribution); results and exports."""

import pytest
from django.urls import reverse
from django.utils import translation

from knotenpunkt.outbox.models import OutgoingMail
from knotenpunkt.participation.models import SurveyInvitation, SurveyQuestion, SurveyResponse
from knotenpunkt.participation.services import survey as services
from tests.participation import test_survey as fixtures
from tests.participation.test_survey import answered, complete_answers, option

# The survey fixtures of the service tests.
survey_phase = fixtures.survey_phase
survey = fixtures.survey
questions = fixtures.questions
running = fixtures.running
expert = fixtures.expert

Kind = SurveyQuestion.Kind


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


def page_url(phase):
    return reverse("participation:survey", args=[phase.pk])


def answer_url(invitation):
    return reverse("participation:survey_answer", args=[invitation.token])


# --- permissions ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_moderators_build_the_survey_on_the_phase_page(client_for, survey_phase, alice):
    page = client_for(alice).get(page_url(survey_phase))
    assert page.status_code == 200
    assert 'id="add-question-h"' in page.content.decode()


@pytest.mark.django_db
def test_the_process_page_links_the_survey_phase(client_for, survey_phase, alice):
    page = client_for(alice).get(reverse("participation:process", args=[survey_phase.process.slug]))
    assert page_url(survey_phase) in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["carol", "bob"])
def test_participants_who_do_not_moderate_read_about_the_survey_and_are_refused_the_rest(
    client_for, survey, persona, request
):
    user = request.getfixturevalue(persona)
    client = client_for(user)
    # The phase's page tells them what the survey is, without its questions or results.
    about = client.get(page_url(survey.phase))
    assert about.status_code == 200 and "data-survey-about" in about.text
    assert "survey_question_add" not in about.text and "/questions/" not in about.text
    phase_id = survey.phase.pk
    assert client.get(reverse("participation:survey_results", args=[phase_id])).status_code == 403
    assert (
        client.get(reverse("participation:survey_export", args=[phase_id, "csv"])).status_code
        == 403
    )
    response = client.post(
        reverse("participation:survey_question_add", args=[phase_id]),
        {"kind": "text", "text": "Hineingeschmuggelt?", "scale_min": 1, "scale_max": 5},
    )
    assert response.status_code == 403
    assert not survey.questions.exists()
    assert (
        client.post(
            reverse("participation:survey_round", args=[phase_id]), {"action": "open"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("participation:survey_invite", args=[phase_id]), {"addresses": "x@example.org"}
        ).status_code
        == 403
    )
    assert not OutgoingMail.objects.exists()


@pytest.mark.django_db
def test_those_who_may_not_see_the_process_get_404(client, client_for, survey, dave):
    assert client.get(page_url(survey.phase)).status_code == 404
    assert client_for(dave).get(page_url(survey.phase)).status_code == 404


@pytest.mark.django_db
def test_participants_answer_with_their_account_only_if_the_survey_allows(
    client_for, running, questions, carol, dave
):
    own = reverse("participation:survey_answer_own", args=[running.phase.pk])
    client = client_for(carol)
    assert client.get(own).status_code == 403
    running.open_to_participants = True
    running.save()
    assert client.get(page_url(running.phase)).url == own
    assert client.get(own).status_code == 200
    response = client.post(own, {**complete_answers(questions), "action": "submit"})
    assert response.status_code == 302
    assert SurveyResponse.objects.get(invitation__user=carol).submitted_at is not None
    # Someone who may not take part in the process still may not.
    assert client_for(dave).get(own).status_code == 404


# --- building and running ---------------------------------------------------------------------


@pytest.mark.django_db
def test_a_moderator_adds_a_conditional_question_through_the_form(
    client_for, survey, questions, alice
):
    condition = questions["lead"].options.get(label="Cluster")
    response = client_for(alice).post(
        reverse("participation:survey_question_add", args=[survey.phase.pk]),
        {
            "kind": "scale",
            "text": "How well does the cluster lead?",
            "required": "on",
            "scale_min": 0,
            "scale_max": 10,
            "scale_min_label": "badly",
            "scale_max_label": "very well",
            "shown_if": condition.pk,
        },
    )
    assert response.status_code == 302
    added = survey.questions.get(text="How well does the cluster lead?")
    assert (added.kind, added.scale_max, added.shown_if) == ("scale", 10, condition)


@pytest.mark.django_db
def test_a_question_form_with_errors_keeps_what_was_typed(client_for, survey, alice):
    response = client_for(alice).post(
        reverse("participation:survey_question_add", args=[survey.phase.pk]),
        {
            "kind": "multiple",
            "text": "Welche Themen sind wichtig?",
            "options": "Nur eins",
            "scale_min": 1,
            "scale_max": 5,
        },
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Geben Sie mindestens zwei Antwortmöglichkeiten ein, eine pro Zeile." in text
    assert "Welche Themen sind wichtig?" in text
    assert "Nur eins" in text
    assert not survey.questions.exists()


@pytest.mark.django_db
def test_a_moderator_invites_runs_rounds_and_sees_the_results(client_for, survey, questions, alice):
    client = client_for(alice)
    phase_id = survey.phase.pk
    client.post(reverse("participation:survey_round", args=[phase_id]), {"action": "open"})
    response = client.post(
        reverse("participation:survey_invite", args=[phase_id]),
        {"addresses": "a@example.org, b@example.org\nkein-mail"},
    )
    assert response.status_code == 302
    assert OutgoingMail.objects.filter(kind="participation_survey_invitation").count() == 2
    survey.refresh_from_db()
    assert survey.status == "open"
    answered(
        survey, SurveyInvitation.objects.get(email="a@example.org"), complete_answers(questions)
    )
    client.post(reverse("participation:survey_round", args=[phase_id]), {"action": "close"})
    page = client.get(reverse("participation:survey_results", args=[phase_id]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "<svg" in text and 'data-option-count="1"' in text
    client.post(reverse("participation:survey_round", args=[phase_id]), {"action": "next"})
    survey.refresh_from_db()
    assert (survey.current_round, survey.status) == (2, "open")


# --- the questionnaire ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_personal_link_opens_the_questionnaire_without_an_account(client, running, expert):
    page = client.get(answer_url(expert))
    assert page.status_code == 200
    assert 'id="survey-form"' in page.content.decode()


@pytest.mark.django_db
def test_a_wrong_token_is_404(client, running, expert):
    url = reverse("participation:survey_answer", args=["nicht-das-richtige-token"])
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "save"}).status_code == 404


@pytest.mark.django_db
def test_bad_answers_show_an_error_per_field_and_lose_nothing(client, running, questions, expert):
    data = complete_answers(questions, urgency="9")
    data[f"q{questions['vision'].pk}"] = "Meine ausführliche Vision"
    data[f"q{questions['priorities'].pk}_{option(questions['priorities'], 'Skills')}"] = "1"
    response = client.post(answer_url(expert), {**data, "action": "submit"})
    assert response.status_code == 400
    text = response.content.decode()
    assert 'data-survey-errors="2"' in text
    assert f'id="q{questions["urgency"].pk}-error"' in text
    assert f'id="q{questions["priorities"].pk}-error"' in text
    assert "Wählen Sie einen Wert von 1 bis 5." in text
    assert "Jeder Rang darf nur einmal vergeben werden." in text
    # What was typed and chosen is still there.
    assert "Meine ausführliche Vision</textarea>" in text
    lead = option(questions["lead"], "County")
    assert f'value="{lead}" id="q{questions["lead"].pk}-{lead}" checked' in text
    assert not SurveyResponse.objects.exists()


@pytest.mark.django_db
def test_a_response_is_saved_part_way_and_finished_with_the_same_link(
    client, running, questions, expert
):
    url = answer_url(expert)
    client.post(url, {f"q{questions['vision'].pk}": "Halb fertig", "action": "save"})
    response = SurveyResponse.objects.get(invitation=expert)
    assert response.submitted_at is None
    page = client.get(url).content.decode()
    assert "Halb fertig</textarea>" in page
    assert "data-survey-submitted" not in page
    client.post(url, {**complete_answers(questions), "action": "submit"})
    page = client.get(url).content.decode()
    assert "data-survey-submitted" in page
    assert 'id="survey-form"' in page  # answers can still change while the round is open


@pytest.mark.django_db
def test_after_the_round_closes_the_link_shows_no_form(client, running, questions, expert, alice):
    answered(running, expert, complete_answers(questions))
    services.close_round(alice, running)
    page = client.get(answer_url(expert)).content.decode()
    assert 'data-survey-state="closed"' in page
    assert 'id="survey-form"' not in page
    client.post(
        answer_url(expert), {**complete_answers(questions, urgency="1"), "action": "submit"}
    )
    assert SurveyResponse.objects.get().answers.get(question=questions["urgency"]).value == 4


@pytest.mark.django_db
def test_a_conditional_question_appears_when_its_option_is_chosen(
    client, running, questions, expert
):
    wrapper = f'id="question-{questions["detail"].pk}"'
    field = f'name="q{questions["detail"].pk}"'
    page = client.get(answer_url(expert)).content.decode()
    assert wrapper in page and field not in page
    # The HTMX request (or the button without JavaScript) shows the questions that apply.
    refreshed = client.post(
        answer_url(expert),
        {**complete_answers(questions, sectors=("Logistik",)), "action": "refresh"},
        headers={"HX-Request": "true"},
    )
    assert field in refreshed.content.decode()
    assert not SurveyResponse.objects.exists()
    sectors = page[page.index(f'name="q{questions["sectors"].pk}"') :][:600]
    assert f'hx-select-oob="#question-{questions["detail"].pk}"' in sectors


@pytest.mark.django_db
def test_round_two_shows_round_ones_distribution_and_prefills(
    client, running, questions, expert, alice
):
    others = [
        SurveyInvitation.objects.create(survey=running, email=f"other{i}@example.org")
        for i in range(2)
    ]
    answered(running, expert, complete_answers(questions, urgency="2"))
    answered(running, others[0], complete_answers(questions, urgency="4"))
    answered(running, others[1], complete_answers(questions, urgency="5"))
    services.close_round(alice, running)
    services.start_next_round(alice, running)
    page = client.get(answer_url(expert)).content.decode()
    urgency = page[page.index(f'id="question-{questions["urgency"].pk}"') :]
    urgency = urgency[: urgency.index('<div id="question-', 10)]
    assert "data-previous-round" in urgency
    assert 'data-median="4.0"' in urgency
    # Counts per value, never who answered what.
    assert urgency.count('data-option-count="1"') == 3
    assert "@" not in urgency  # no expert's address, nor anything else that names one
    # Round 1's own answer is filled in.
    assert (
        f'name="q{questions["urgency"].pk}" value="2" id="q{questions["urgency"].pk}-2" checked'
        in urgency
    )
    client.post(
        answer_url(expert), {**complete_answers(questions, urgency="3"), "action": "submit"}
    )
    assert SurveyResponse.objects.filter(invitation=expert).count() == 2


# --- exports ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_moderators_download_the_export(client_for, running, questions, expert, alice, fmt):
    answered(running, expert, complete_answers(questions))
    response = client_for(alice).get(
        reverse("participation:survey_export", args=[running.phase.pk, fmt])
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Disposition"].endswith(f'.{fmt}"')


@pytest.mark.django_db
def test_an_unknown_export_format_is_404(client_for, running, alice):
    url = reverse("participation:survey_export", args=[running.phase.pk, "pdf"])
    assert client_for(alice).get(url).status_code == 404


# --- queries ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_survey_pages_take_a_bounded_number_of_queries(
    client_for, client, running, questions, alice, django_assert_max_num_queries
):
    invitations = [
        SurveyInvitation.objects.create(survey=running, email=f"e{i}@example.org") for i in range(8)
    ]
    for invitation in invitations:
        answered(running, invitation, complete_answers(questions))
    moderator = client_for(alice)
    phase_id = running.phase.pk
    with django_assert_max_num_queries(20):
        assert moderator.get(page_url(running.phase)).status_code == 200
    with django_assert_max_num_queries(20):
        url = reverse("participation:survey_results", args=[phase_id])
        assert moderator.get(url).status_code == 200
    with django_assert_max_num_queries(20):
        url = reverse("participation:survey_export", args=[phase_id, "csv"])
        assert moderator.get(url).status_code == 200
    client.logout()
    with django_assert_max_num_queries(12):
        assert client.get(answer_url(invitations[0])).status_code == 200


@pytest.mark.django_db
def test_a_moderator_changes_a_questions_wording(client_for, survey, questions, alice):
    question = questions["urgency"]
    url = reverse(
        "participation:survey_question_change", args=[survey.phase.pk, question.pk, "edit"]
    )
    client_for(alice).post(
        url, {"text": "How urgent is it?", "scale_min_label": "gar nicht", "help_text": ""}
    )
    question.refresh_from_db()
    assert (question.text, question.scale_min_label, question.required) == (
        "How urgent is it?",
        "gar nicht",
        False,
    )
    response = client_for(alice).post(url, {"text": " "})
    question.refresh_from_db()
    assert response.status_code == 302 and question.text == "How urgent is it?"


@pytest.mark.django_db
def test_round_two_withholds_a_distribution_of_fewer_than_three_answers(
    client, running, questions, expert, alice
):
    other = SurveyInvitation.objects.create(survey=running, email="other@example.org")
    answered(running, expert, complete_answers(questions, urgency="2"))
    answered(running, other, complete_answers(questions, urgency="5"))
    services.close_round(alice, running)
    services.start_next_round(alice, running)
    page = client.get(answer_url(expert)).content.decode()
    urgency = page[page.index(f'id="question-{questions["urgency"].pk}"') :]
    urgency = urgency[: urgency.index('<div id="question-', 10)]
    # Two answers: the expert would read the other's answer, so only the count is shown.
    assert "Runde 1: 2 Antworten" in urgency
    assert "data-withheld" in urgency
    assert "data-median" not in urgency and "data-option-count" not in urgency


@pytest.mark.django_db
def test_moderators_see_who_answered_remind_the_others_and_withdraw_a_mistake(
    client_for, survey, questions, alice
):
    services.invite_experts(alice, survey, ["da@example.org", "falsch@example.org"])
    services.open_round(alice, survey)
    expert = SurveyInvitation.objects.get(email="da@example.org")
    answered(survey, expert, complete_answers(questions))
    mistake = SurveyInvitation.objects.get(email="falsch@example.org")
    client = client_for(alice)
    page = client.get(page_url(survey.phase)).text
    done = page[page.index(f'data-invitation="{expert.pk}"') :][:400]
    assert "Antworten der Runde 1 abgeschickt" in done and "survey_withdraw" not in done
    assert f"/invitations/{expert.pk}/withdraw/" not in page
    assert f"/invitations/{mistake.pk}/withdraw/" in page
    response = client.post(reverse("participation:survey_remind", args=[survey.phase.pk]))
    assert response.status_code == 302
    assert OutgoingMail.objects.filter(
        kind="participation_survey_reminder", to="falsch@example.org"
    ).exists()
    client.post(
        reverse("participation:survey_withdraw", args=[survey.phase.pk, mistake.pk]), follow=True
    )
    assert not SurveyInvitation.objects.filter(pk=mistake.pk).exists()
    # The link of the withdrawn invitation no longer opens the survey.
    assert client.get(answer_url(mistake)).status_code == 404
