"""Expert survey, the services: the questionnaire, each question type's checks, conditional
questions, invitations by mail, Delphi rounds, results, export and erasure. The fixtures
(a survey phase with one question of each type) serve test_survey_views.py too."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from openpyxl import load_workbook

from knotenpunkt.mailings.services.bounces import record_bounce
from knotenpunkt.outbox.models import OutgoingMail
from knotenpunkt.participation.models import (
    Phase,
    SurveyAnswer,
    SurveyInvitation,
    SurveyQuestion,
    SurveyResponse,
)
from knotenpunkt.participation.services import survey as services
from knotenpunkt.participation.services import survey_export, survey_results
from knotenpunkt.participation.services.processes import add_phase
from knotenpunkt.privacy.models import Consent
from knotenpunkt.privacy.services import erase_person, record_consent
from tests.factories import PersonEmailFactory, PersonFactory

Kind = SurveyQuestion.Kind


@pytest.fixture(autouse=True)
def in_english():
    """Messages are compared in English (the German catalogue is merged later)."""
    with translation.override("en"):
        yield


@pytest.fixture
def survey_phase(process, alice):
    today = timezone.localdate()
    return add_phase(
        alice,
        process,
        title="Expertenbefragung",
        module=Phase.Module.SURVEY,
        starts_on=today - timedelta(days=2),
        ends_on=today + timedelta(days=20),
    )


@pytest.fixture
def survey(survey_phase):
    return services.survey_of(survey_phase)


@pytest.fixture
def questions(survey, alice):
    """One question of each type; 'detail' is shown only if 'sectors' includes 'Logistik'."""
    made = {}
    made["vision"] = services.add_question(
        alice, survey, kind=Kind.TEXT, text="Your vision for 2035?", help_text="A few sentences."
    )
    made["lead"] = services.add_question(
        alice, survey, kind=Kind.SINGLE, text="Who should lead?", options=["County", "Cluster"]
    )
    made["sectors"] = services.add_question(
        alice,
        survey,
        kind=Kind.MULTIPLE,
        text="Which sectors?",
        options=["Software", "Logistik", "Tourismus"],
    )
    logistik = made["sectors"].options.get(label="Logistik")
    made["detail"] = services.add_question(
        alice, survey, kind=Kind.TEXT, text="What does logistics need?", shown_if=logistik
    )
    made["urgency"] = services.add_question(
        alice,
        survey,
        kind=Kind.SCALE,
        text="How urgent?",
        scale_min=1,
        scale_max=5,
        scale_min_label="not at all",
        scale_max_label="very",
    )
    made["priorities"] = services.add_question(
        alice,
        survey,
        kind=Kind.RANKING,
        text="Order the priorities",
        options=["Broadband", "Skills", "Funding"],
    )
    made["ratings"] = services.add_question(
        alice,
        survey,
        kind=Kind.MATRIX,
        text="Rate the measures",
        options=["Coworking", "Hackathon"],
        scale_min=1,
        scale_max=4,
        required=False,
    )
    return made


@pytest.fixture
def expert(survey):
    return SurveyInvitation.objects.create(survey=survey, email="expertin@hochschule.example")


def option(question, label):
    return str(question.options.get(label=label).pk)


def complete_answers(q, *, lead="County", sectors=("Software",), urgency="4"):
    """Posted form data answering every shown required question."""
    ranks = {"Broadband": "1", "Skills": "2", "Funding": "3"}
    data = {
        f"q{q['vision'].pk}": "Eine vernetzte Region.",
        f"q{q['lead'].pk}": option(q["lead"], lead),
        f"q{q['sectors'].pk}": [option(q["sectors"], s) for s in sectors],
        f"q{q['urgency'].pk}": urgency,
    }
    for label, rank in ranks.items():
        data[f"q{q['priorities'].pk}_{option(q['priorities'], label)}"] = rank
    return data


def answered(survey, invitation, data, *, submit=True):
    questions = services.questions_of(survey)
    return services.save_response(invitation, services.read_answers(questions, data), submit=submit)


def errors_for(survey, data, *, complete=True):
    questions = services.questions_of(survey)
    _cleaned, errors = services.clean_answers(
        questions, services.read_answers(questions, data), complete=complete
    )
    return errors


def stored(response):
    return {a.question_id: a.value for a in response.answers.all()}


@pytest.fixture
def running(survey, questions, alice):
    services.open_round(alice, survey)
    survey.refresh_from_db()
    return survey


# --- building -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_questions_keep_their_order_and_can_be_moved(survey, questions, alice):
    texts = [q.text for q in services.questions_of(survey)]
    assert texts[:2] == ["Your vision for 2035?", "Who should lead?"]
    services.move_question(alice, questions["lead"], up=True)
    assert [q.text for q in services.questions_of(survey)][:2] == [
        "Who should lead?",
        "Your vision for 2035?",
    ]


@pytest.mark.django_db
def test_a_conditional_question_cannot_move_above_its_condition(survey, questions, alice):
    with pytest.raises(ValidationError, match="below the question it depends on"):
        services.move_question(alice, questions["detail"], up=True)


@pytest.mark.django_db
def test_a_question_needs_what_its_type_needs(survey, alice):
    with pytest.raises(ValidationError) as raised:
        services.add_question(alice, survey, kind="single", text="Ja?", options=["Ja"])
    assert "options" in raised.value.message_dict
    with pytest.raises(ValidationError) as raised:
        services.add_question(alice, survey, kind="scale", text="Wie?", scale_min=5, scale_max=1)
    assert "scale_max" in raised.value.message_dict
    with pytest.raises(ValidationError) as raised:
        services.add_question(alice, survey, kind="text", text="  ")
    assert "text" in raised.value.message_dict


@pytest.mark.django_db
def test_questions_cannot_change_while_a_round_is_open(running, questions, alice):
    with pytest.raises(ValidationError, match="Close the round"):
        services.add_question(alice, running, kind="text", text="Noch eine?")
    with pytest.raises(ValidationError, match="Close the round"):
        services.delete_question(alice, questions["vision"])


# --- each question type's checks --------------------------------------------------------------


@pytest.mark.django_db
def test_a_complete_answer_has_no_errors(survey, questions):
    assert errors_for(survey, complete_answers(questions)) == {}


@pytest.mark.django_db
def test_a_required_question_left_empty_is_an_error_on_submit_only(survey, questions):
    data = complete_answers(questions)
    data[f"q{questions['vision'].pk}"] = "   "
    assert errors_for(survey, data) == {questions["vision"].pk: "Please answer this question."}
    assert errors_for(survey, data, complete=False) == {}


@pytest.mark.django_db
def test_single_choice_takes_only_its_options(survey, questions):
    data = complete_answers(questions)
    data[f"q{questions['lead'].pk}"] = option(questions["sectors"], "Software")
    assert errors_for(survey, data) == {questions["lead"].pk: "Choose one of the options."}


@pytest.mark.django_db
def test_multiple_choice_takes_only_its_options(survey, questions):
    data = complete_answers(questions)
    data[f"q{questions['sectors'].pk}"] = ["999999999"]
    assert errors_for(survey, data) == {
        questions["sectors"].pk: "Choose only among the options shown."
    }


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["0", "6", "drei", "4.5"])
def test_a_scale_value_out_of_range_is_an_error(survey, questions, value):
    data = complete_answers(questions, urgency=value)
    assert errors_for(survey, data) == {questions["urgency"].pk: "Choose a value from 1 to 5."}


@pytest.mark.django_db
def test_a_ranking_with_duplicates_is_an_error(survey, questions):
    data = complete_answers(questions)
    data[f"q{questions['priorities'].pk}_{option(questions['priorities'], 'Skills')}"] = "1"
    assert errors_for(survey, data) == {
        questions["priorities"].pk: "Each rank may be given only once."
    }


@pytest.mark.django_db
def test_a_ranking_with_a_gap_is_an_error(survey, questions):
    data = complete_answers(questions)
    data[f"q{questions['priorities'].pk}_{option(questions['priorities'], 'Skills')}"] = ""
    assert errors_for(survey, data) == {
        questions["priorities"].pk: "Give every option a rank from 1 to 3."
    }


@pytest.mark.django_db
def test_a_matrix_row_out_of_range_is_an_error(survey, questions):
    data = complete_answers(questions)
    data[f"q{questions['ratings'].pk}_{option(questions['ratings'], 'Coworking')}"] = "5"
    assert errors_for(survey, data) == {
        questions["ratings"].pk: "Choose a value from 1 to 4 in every row."
    }


@pytest.mark.django_db
def test_a_required_matrix_needs_every_row(survey, questions):
    questions["ratings"].required = True
    questions["ratings"].save()
    data = complete_answers(questions)
    data[f"q{questions['ratings'].pk}_{option(questions['ratings'], 'Coworking')}"] = "2"
    assert errors_for(survey, data) == {questions["ratings"].pk: "Please answer every row."}


@pytest.mark.django_db
def test_answers_are_stored_by_type(running, questions, expert):
    data = complete_answers(questions, sectors=("Tourismus", "Software"))
    data[f"q{questions['ratings'].pk}_{option(questions['ratings'], 'Hackathon')}"] = "3"
    response = answered(running, expert, data)
    values = stored(response)
    assert values[questions["vision"].pk] == "Eine vernetzte Region."
    assert values[questions["lead"].pk] == int(option(questions["lead"], "County"))
    # Multiple choice in the options' order, whatever order was posted.
    assert values[questions["sectors"].pk] == [
        int(option(questions["sectors"], "Software")),
        int(option(questions["sectors"], "Tourismus")),
    ]
    assert values[questions["urgency"].pk] == 4
    assert values[questions["priorities"].pk] == [
        int(option(questions["priorities"], label)) for label in ("Broadband", "Skills", "Funding")
    ]
    assert values[questions["ratings"].pk] == {option(questions["ratings"], "Hackathon"): 3}
    assert response.submitted_at is not None


# --- conditional questions ---------------------------------------------------------------------


@pytest.mark.django_db
def test_a_conditional_question_is_shown_only_when_its_option_is_chosen(survey, questions):
    questions_list = services.questions_of(survey)
    without = services.read_answers(questions_list, complete_answers(questions))
    assert questions["detail"] not in services.shown_questions(questions_list, without)
    with_logistics = services.read_answers(
        questions_list, complete_answers(questions, sectors=("Logistik",))
    )
    assert questions["detail"] in services.shown_questions(questions_list, with_logistics)


@pytest.mark.django_db
def test_a_question_depending_on_a_hidden_question_is_hidden_too(survey, questions, alice):
    logistik = questions["sectors"].options.get(label="Logistik")
    ports = services.add_question(
        alice,
        survey,
        kind=Kind.SINGLE,
        text="Ports too?",
        options=["Ja", "Nein"],
        shown_if=logistik,
    )
    harbour = services.add_question(
        alice, survey, kind=Kind.TEXT, text="Which port?", shown_if=ports.options.get(label="Ja")
    )
    questions_list = services.questions_of(survey)
    data = complete_answers(questions, sectors=("Software",))
    data[f"q{ports.pk}"] = option(ports, "Ja")  # left over from an earlier choice
    shown = services.shown_questions(questions_list, services.read_answers(questions_list, data))
    assert ports not in shown and harbour not in shown


@pytest.mark.django_db
def test_a_hidden_conditional_question_is_neither_required_nor_stored(running, questions, expert):
    questions["detail"].required = True
    questions["detail"].save()
    data = complete_answers(questions, sectors=("Software",))
    data[f"q{questions['detail'].pk}"] = "Posted though hidden"
    response = answered(running, expert, data)
    assert questions["detail"].pk not in stored(response)


@pytest.mark.django_db
def test_a_shown_conditional_question_is_required_and_stored(running, questions, expert):
    data = complete_answers(questions, sectors=("Logistik",))
    assert errors_for(running, data) == {questions["detail"].pk: "Please answer this question."}
    data[f"q{questions['detail'].pk}"] = "Ladezonen"
    response = answered(running, expert, data)
    assert stored(response)[questions["detail"].pk] == "Ladezonen"


@pytest.mark.django_db
def test_a_changed_answer_drops_the_now_hidden_answer(running, questions, expert):
    data = complete_answers(questions, sectors=("Logistik",))
    data[f"q{questions['detail'].pk}"] = "Ladezonen"
    answered(running, expert, data)
    response = answered(running, expert, complete_answers(questions, sectors=("Software",)))
    assert questions["detail"].pk not in stored(response)


# --- saving part-way, rounds ---------------------------------------------------------------------


@pytest.mark.django_db
def test_a_response_saved_part_way_is_finished_later(running, questions, expert):
    first = answered(running, expert, {f"q{questions['vision'].pk}": "Erst mal"}, submit=False)
    assert first.submitted_at is None
    prefill = services.answers_to_prefill(expert, running)
    assert prefill == {questions["vision"].pk: "Erst mal"}
    done = answered(running, expert, complete_answers(questions))
    assert done.pk == first.pk and done.submitted_at is not None


@pytest.mark.django_db
def test_answers_cannot_change_once_the_round_is_closed(running, questions, expert, alice):
    answered(running, expert, complete_answers(questions))
    services.close_round(alice, running)
    with pytest.raises(ValidationError, match="closed"):
        answered(running, expert, complete_answers(questions, urgency="1"))


@pytest.mark.django_db
def test_round_two_stores_its_own_responses_and_prefills_round_one(
    running, questions, expert, alice
):
    answered(running, expert, complete_answers(questions, urgency="2"))
    services.close_round(alice, running)
    services.start_next_round(alice, running)
    running.refresh_from_db()
    assert running.current_round == 2 and running.is_open
    assert services.answers_to_prefill(expert, running)[questions["urgency"].pk] == 2
    answered(running, expert, complete_answers(questions, urgency="3"))
    rounds = dict(
        SurveyAnswer.objects.filter(question=questions["urgency"]).values_list(
            "response__round", "value"
        )
    )
    assert rounds == {1: 2, 2: 3}


@pytest.mark.django_db
def test_the_next_round_opens_only_after_the_last_closed(running, alice):
    with pytest.raises(ValidationError, match="Close the current round"):
        services.start_next_round(alice, running)


# --- results ----------------------------------------------------------------------------------


@pytest.fixture
def three_experts(running, questions):
    experts = [
        SurveyInvitation.objects.create(survey=running, email=f"expert{i}@example.org")
        for i in range(3)
    ]
    for invitation, urgency, lead in zip(
        experts, "245", ["County", "County", "Cluster"], strict=True
    ):
        answered(running, invitation, complete_answers(questions, urgency=urgency, lead=lead))
    return experts


@pytest.mark.django_db
def test_results_count_per_option_with_percentages_and_scale_quartiles(
    running, questions, three_experts
):
    # A response saved part-way does not count.
    late = SurveyInvitation.objects.create(survey=running, email="late@example.org")
    answered(running, late, {f"q{questions['urgency'].pk}": "1"}, submit=False)
    results = {r.question.pk: r for r in survey_results.results(running, 1)}
    lead = results[questions["lead"].pk]
    assert [(row.label, row.count, row.percent) for row in lead.rows] == [
        ("County", 2, 66.7),
        ("Cluster", 1, 33.3),
    ]
    assert lead.chart is not None
    urgency = results[questions["urgency"].pk]
    assert urgency.answered == 3
    assert urgency.median == 4
    assert urgency.quartiles == (3.0, 4.5)
    assert sorted(results[questions["vision"].pk].texts) == ["Eine vernetzte Region."] * 3
    ranking = results[questions["priorities"].pk]
    assert ranking.rows[0].label == "Broadband" and ranking.rows[0].count == 3


# --- invitations ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_invited_experts_get_a_mail_with_their_personal_link(survey, alice):
    report = services.invite_experts(alice, survey, ["Expertin@Hochschule.example"])
    assert report.mailed == ["expertin@hochschule.example"]
    invitation = SurveyInvitation.objects.get(survey=survey)
    [mail] = OutgoingMail.objects.filter(kind="participation_survey_invitation")
    assert mail.to == "expertin@hochschule.example"
    assert f"/participation/survey/answer/{invitation.token}/" in mail.body_text
    assert "Digitalstrategie Landkreis 2035" in mail.subject


@pytest.mark.django_db
def test_an_address_is_invited_once(survey, alice):
    services.invite_experts(alice, survey, ["a@example.org"])
    report = services.invite_experts(alice, survey, ["a@example.org", "kein-mail"])
    assert report.already_invited == ["a@example.org"]
    assert report.invalid == ["kein-mail"]
    assert OutgoingMail.objects.filter(kind="participation_survey_invitation").count() == 1


@pytest.mark.django_db
def test_a_bouncing_address_is_not_invited(survey, alice):
    PersonEmailFactory(address="weg@example.org")
    record_bounce("weg@example.org", permanent=True, source="test")
    report = services.invite_experts(alice, survey, ["weg@example.org", "da@example.org"])
    assert report.suppressed == ["weg@example.org"]
    assert report.mailed == ["da@example.org"]
    assert not SurveyInvitation.objects.filter(email="weg@example.org").exists()
    assert not OutgoingMail.objects.filter(to="weg@example.org").exists()


@pytest.mark.django_db
def test_a_person_who_objected_to_invitations_is_not_invited(survey, alice):
    person = PersonFactory()
    PersonEmailFactory(person=person, address="nein@example.org")
    record_consent(person, Consent.Purpose.EVENT_INVITATIONS, True, source="subscribe form")
    record_consent(person, Consent.Purpose.EVENT_INVITATIONS, False, source="privacy page")
    report = services.invite_experts(alice, survey, ["nein@example.org"])
    assert report.objected == ["nein@example.org"]
    assert not OutgoingMail.objects.filter(to="nein@example.org").exists()


@pytest.mark.django_db
def test_a_known_person_without_objection_is_invited_and_linked(survey, alice):
    person = PersonFactory()
    PersonEmailFactory(person=person, address="ja@example.org")
    services.invite_experts(alice, survey, ["ja@example.org"])
    assert SurveyInvitation.objects.get(email="ja@example.org").person == person


# --- export --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_export_has_a_column_per_option_row_and_rank_and_the_round(running, questions, expert):
    data = complete_answers(questions, sectors=("Software", "Logistik"))
    data[f"q{questions['detail'].pk}"] = '=HYPERLINK("http://evil.example","klick")'
    data[f"q{questions['ratings'].pk}_{option(questions['ratings'], 'Hackathon')}"] = "3"
    answered(running, expert, data)
    header, rows = survey_export.table(running)
    assert header[:3] == ["Response", "Round", "Submitted"]
    for title in (
        "3. Which sectors?: Software",
        "3. Which sectors?: Logistik",
        "3. Which sectors?: Tourismus",
        "6. Order the priorities: rank 1",
        "6. Order the priorities: rank 3",
        "7. Rate the measures: Coworking",
        "7. Rate the measures: Hackathon",
    ):
        assert title in header
    row = dict(zip(header, rows[0], strict=True))
    assert row["Round"] == 1
    assert row["3. Which sectors?: Software"] == 1
    assert row["3. Which sectors?: Tourismus"] == 0
    assert row["6. Order the priorities: rank 1"] == "Broadband"
    assert row["7. Rate the measures: Hackathon"] == 3
    assert row["7. Rate the measures: Coworking"] is None


@pytest.mark.django_db
def test_the_csv_and_xlsx_exports_neutralise_formulas(running, questions, expert):
    data = complete_answers(questions, sectors=("Logistik",))
    data[f"q{questions['detail'].pk}"] = '=HYPERLINK("http://evil.example","klick")'
    answered(running, expert, data)
    text = survey_export.survey_csv(running).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    column = rows[0].index("4. What does logistics need?")
    assert rows[1][column] == '\'=HYPERLINK("http://evil.example","klick")'
    sheet = load_workbook(io.BytesIO(survey_export.survey_xlsx(running))).active
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("4. What does logistics need?") + 1)
    assert cell.value.startswith("'=") and cell.data_type == "s"


# --- personal data -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_erasure_keeps_the_answers_anonymous_and_drops_address_and_link(running, questions, alice):
    person = PersonFactory()
    PersonEmailFactory(person=person, address="expertin@example.org")
    services.invite_experts(alice, running, ["expertin@example.org"])
    invitation = SurveyInvitation.objects.get(email="expertin@example.org")
    answered(running, invitation, complete_answers(questions))
    exported = services.export_person(person)
    assert exported["survey_invitations"][0]["email"] == "expertin@example.org"
    assert exported["survey_invitations"][0]["responses"][0]["round"] == 1
    erase_person(alice, person)
    assert not SurveyInvitation.objects.filter(email="expertin@example.org").exists()
    response = SurveyResponse.objects.get(survey=running)
    assert response.invitation is None
    assert stored(response)[questions["vision"].pk] == "Eine vernetzte Region."


@pytest.mark.django_db
def test_survey_models_are_covered_by_export_and_erasure():
    from knotenpunkt.privacy.coverage import uncovered_personal_data

    assert [f for f in uncovered_personal_data() if ".Survey" in f] == []


@pytest.mark.django_db
def test_reminders_reach_who_has_not_submitted_once_per_round(survey, questions, alice):
    services.invite_experts(alice, survey, ["a@example.org", "b@example.org", "c@example.org"])
    with pytest.raises(ValidationError, match="while a round is open"):
        services.remind_experts(alice, survey)
    services.open_round(alice, survey)
    answered(
        survey, SurveyInvitation.objects.get(email="a@example.org"), complete_answers(questions)
    )
    started = SurveyInvitation.objects.get(email="b@example.org")
    answered(survey, started, {}, submit=False)  # saved part-way, not submitted
    assert services.remind_experts(alice, survey) == 2
    reminders = OutgoingMail.objects.filter(kind="participation_survey_reminder")
    assert sorted(reminders.values_list("to", flat=True)) == ["b@example.org", "c@example.org"]
    assert (
        f"/participation/survey/answer/{started.token}/"
        in reminders.get(to=started.email).body_text
    )
    assert services.remind_experts(alice, survey) == 0  # once per round
    # Round 2: everybody is told it is open, with round 1's answers beside the questions.
    services.close_round(alice, survey)
    services.start_next_round(alice, survey)
    assert services.remind_experts(alice, survey) == 3
    news = reminders.filter(to="a@example.org").get()
    assert "Round 2" in news.subject and "round 1" in news.body_text


@pytest.mark.django_db
def test_an_unanswered_invitation_is_withdrawn_an_answered_one_stays(survey, questions, alice):
    services.invite_experts(alice, survey, ["falsch@example.org", "da@example.org"])
    services.open_round(alice, survey)
    expert = SurveyInvitation.objects.get(email="da@example.org")
    answered(survey, expert, complete_answers(questions))
    services.withdraw_invitation(alice, SurveyInvitation.objects.get(email="falsch@example.org"))
    assert not SurveyInvitation.objects.filter(email="falsch@example.org").exists()
    with pytest.raises(ValidationError, match="has answered already"):
        services.withdraw_invitation(alice, expert)
    assert expert.responses.count() == 1
