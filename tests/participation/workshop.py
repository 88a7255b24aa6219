"""A public process that ran every module, for the report and open-data tests: what each
phase produced, including what must never reach the public (a hidden card, a hidden and
a pending proposal, an open survey round, the names of those who wrote)."""

from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

from django.utils import timezone

from knotenpunkt.participation.models import Phase, Process, SurveyInvitation
from knotenpunkt.participation.services import board, brainwriting, dialogue, measures, survey
from knotenpunkt.participation.services.processes import add_phase, create_process
from tests.factories import OrganisationFactory

MINUTE = timedelta(minutes=1)
FORMULA = '=HYPERLINK("http://evil.example","Klick")'


def build_workshop(cluster, alice, carol, bob, dave, owner_organisation) -> SimpleNamespace:
    """Published and public, moderated by alice; carol and bob write, dave too."""
    process = create_process(
        alice,
        cluster,
        title="Zukunft Nordkreis 2035",
        summary="Wie arbeiten und wirtschaften wir 2035?",
        visibility=Process.Visibility.PUBLIC,
        is_published=True,
    )
    today = timezone.localdate()

    def phase(title, module):
        return add_phase(
            alice,
            process,
            title=title,
            module=module,
            starts_on=today - timedelta(days=1),
            ends_on=today + timedelta(days=5),
        )

    made = SimpleNamespace(process=process)

    # Workshop board: a revealed vision with an adopted card, a hidden card; goals not
    # revealed yet.
    made.board_phase = phase("Leitbild", Phase.Module.WORKSHOP_BOARD)
    vision, _values, goals = board.columns_of(made.board_phase)
    for column in (vision, goals):
        board.set_collecting(alice, column, True)
    made.vision = board.add_card(carol, vision, "Der Nordkreis ist 2035 digitaler Vorreiter")
    made.other_vision = board.add_card(bob, vision, "Jede Firma hat Glasfaser")
    made.hidden_card = board.add_card(dave, vision, "Der Landrat ist ein Trottel")
    board.hide_card(alice, made.hidden_card, "beleidigend")
    made.goal_card = board.add_card(carol, goals, "Fachkräfte in der Region halten")
    for column in (vision, goals):
        board.set_voting(alice, column, True)
    board.place_dot(carol, made.vision)
    board.place_dot(bob, made.vision)
    board.place_dot(dave, made.other_vision)
    board.place_dot(bob, made.goal_card)
    board.reveal(alice, vision)
    board.set_adopted(alice, made.vision, True)

    # Brainwriting: carol and bob, two rounds; bob extends carol's idea in round 2.
    made.brainwriting_phase = phase("Ideenwerkstatt", Phase.Module.BRAINWRITING)
    session = brainwriting.configure_session(
        alice,
        made.brainwriting_phase,
        rounds=2,
        minutes_per_round=3,
        ideas_per_round=3,
        groups=["Neue Arbeit"],
    )
    group = session.groups.get()
    for user in (carol, bob):
        brainwriting.join_group(user, session, group)
    t0 = timezone.now() - timedelta(hours=2)
    session = brainwriting.start(alice, session, now=t0)
    made.first_idea = brainwriting.submit_idea(
        carol, session, text="Coworking im alten Bahnhof", round_number=1, now=t0 + MINUTE
    )
    made.formula_idea = brainwriting.submit_idea(
        bob, session, text=FORMULA, round_number=1, now=t0 + MINUTE
    )
    brainwriting.end_round(alice, session, now=t0 + 2 * MINUTE)
    made.second_round_idea = brainwriting.submit_idea(
        bob,
        session,
        text="Mit Kinderbetreuung im Coworking",
        round_number=2,
        extends=made.first_idea.pk,
        now=t0 + 3 * MINUTE,
    )
    made.session = brainwriting.finish(alice, session, now=t0 + 4 * MINUTE)

    # Measures: a mission in a field of action, a cross-cutting theme, scores, a rank set
    # by the moderation, a solution map.
    made.measures_phase = phase("Maßnahmen", Phase.Module.MEASURES)
    measures.save_setup(alice, process, value_scale=5, feasibility_scale=5, scoring_open=True)
    work = measures.save_field(alice, process, title="Arbeit und Fachkräfte")
    infrastructure = measures.save_field(alice, process, title="Infrastruktur")
    mission = measures.save_mission(
        alice, process, title="Gute Arbeit auf dem Land", fields_of_action=[work]
    )
    cross = measures.save_mission(
        alice,
        process,
        title="Digitale Verwaltung",
        fields_of_action=[work, infrastructure],
        is_cross_cutting=True,
    )
    goal = measures.save_goal(alice, process, title="Fachkräfte halten")
    made.measure = measures.save_measure(
        alice,
        process,
        {
            "mission": mission,
            "title": "Coworking-Space am Bahnhof",
            "description": "Ein Ort zum Arbeiten nahe am Zug.",
            "horizon": "short",
            "target_year": 2027,
            "success_criteria": "50 Plätze belegt",
            "owner": "Frau Dr. Erika Muster",
            "owner_organisation": owner_organisation,
            "cost_estimate": Decimal("80000"),
        },
        goals=[goal],
    )
    measures.score_measure(carol, made.measure, value=5, feasibility=4)
    measures.score_measure(bob, made.measure, value=4, feasibility=4)
    sole = OrganisationFactory(name="Hans Hansen IT-Beratung e.K.", legal_form="sole")
    made.ranked_measure = measures.save_measure(
        alice,
        process,
        {"mission": cross, "title": "Online-Gewerbeanmeldung", "owner_organisation": sole},
    )
    measures.set_priority(alice, made.ranked_measure, rank=1, reason="Pflicht nach dem OZG")
    measures.choose_measure(alice, made.measure, True)
    measures.save_solution_map(
        alice,
        made.measure,
        actors="Wirtschaftsförderung\nDeutsche Bahn",
        resources="Fördermittel des Landes",
        risks="Kein Betreiber findet sich",
        first_step="Gespräch mit der Bahn im März",
        steps=["Bedarf erheben", "Betreiber finden"],
    )

    # Citizens' dialogue: a published proposal with supports and an answer, a hidden one
    # and one waiting for moderation.
    made.dialogue_phase = phase("Bürgerdialog", Phase.Module.DIALOGUE)
    the_dialogue = dialogue.dialogue_of(made.dialogue_phase)
    the_dialogue.moderation = "post"
    the_dialogue.save()
    made.proposal = dialogue.submit_proposal(
        the_dialogue,
        dialogue.Writer(user=carol, ip="203.0.113.7"),
        title="Radweg zum Gewerbegebiet",
        text="Viele würden mit dem Rad zur Arbeit fahren.",
    )
    made.hidden_proposal = dialogue.submit_proposal(
        the_dialogue,
        dialogue.Writer(user=dave, ip="203.0.113.8"),
        title="Billige Uhren kaufen",
        text="Werbung",
    )
    dialogue.hide(alice, made.hidden_proposal, reason="advertising", note="Werbung")
    for user in (bob, dave):
        dialogue.support(made.proposal, dialogue.Writer(user=user, ip="203.0.113.9"))
    dialogue.answer(
        alice, made.proposal, status="accepted", text="Der Kreis baut den Radweg bis 2027."
    )
    the_dialogue.moderation = "pre"
    the_dialogue.save()
    made.pending_proposal = dialogue.submit_proposal(
        the_dialogue,
        dialogue.Writer(user=dave, ip="203.0.113.8"),
        title="Noch nicht freigegeben",
        text="Wartet auf die Moderation.",
    )

    # Expert survey: round 1 closed (2 × Landkreis, 1 × Cluster), round 2 open.
    made.survey_phase = phase("Expertenbefragung", Phase.Module.SURVEY)
    the_survey = survey.survey_of(made.survey_phase)
    made.question = survey.add_question(
        alice,
        the_survey,
        kind="single",
        text="Wer soll die Digitalstrategie führen?",
        options=["Landkreis", "Cluster"],
    )
    made.text_question = survey.add_question(
        alice, the_survey, kind="text", text="Was fehlt Ihnen?", required=False
    )
    survey.open_round(alice, the_survey)
    options = {o.label: str(o.pk) for o in made.question.options.all()}

    def answer(email, choice, text=""):
        invitation, _created = SurveyInvitation.objects.get_or_create(
            survey=the_survey, email=email
        )
        questions = survey.questions_of(the_survey)
        data = {f"q{made.question.pk}": options[choice], f"q{made.text_question.pk}": text}
        survey.save_response(invitation, survey.read_answers(questions, data), submit=True)

    answer("expertin@hochschule.example", "Landkreis", "Mehr Glasfaser im Gewerbegebiet")
    answer("experte@kammer.example", "Landkreis")
    answer("beraterin@example.org", "Cluster")
    survey.close_round(alice, the_survey)
    survey.start_next_round(alice, the_survey)
    answer("expertin@hochschule.example", "Cluster", "Runde zwei ist noch offen")
    made.survey = the_survey
    return made
