"""The participation demo: the county's digitalisation-strategy process with every module
filled the way its services fill it, and a walk through it as visitor, participant and
moderator.

Built once for this module inside a transaction that is rolled back afterwards, like
test_demo.py; every test asks for `db` too so that pytest-django keeps them together.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count

from knotenpunkt.accounts.models import User
from knotenpunkt.demo.participation import build_participation_demo, demo_process
from knotenpunkt.demo.participation_data import TITLE
from knotenpunkt.demo.tour import ROLES, participation_stops
from knotenpunkt.directory.models import Organisation
from knotenpunkt.participation.models import (
    BoardCard,
    BoardColumn,
    BrainwritingIdea,
    BrainwritingSession,
    DialogueProposal,
    DialogueReport,
    Measure,
    Mission,
    Phase,
    Process,
    SolutionMap,
    Survey,
)
from knotenpunkt.participation.services.board import adopted_cards
from knotenpunkt.participation.services.dialogue import moderation_queue, public_proposals

State = DialogueProposal.State


@pytest.fixture
def process(demo, db):
    return demo_process()


def phase_of(process, module) -> Phase:
    return process.phases.get(module=module)


def test_the_county_runs_a_public_published_process(process):
    assert process.title == TITLE
    assert process.visibility == Process.Visibility.PUBLIC and process.is_published
    assert process.cluster is None
    assert process.organisation.actor_type == Organisation.ActorType.PUBLIC
    moderators = set(process.moderators.values_list("email", flat=True))
    assert {"kommune@demo.example", "cm@diwish.example"} <= moderators


def test_building_it_again_adds_nothing(process):
    assert build_participation_demo(1) is False
    assert Process.objects.filter(title=TITLE).count() == 1


def test_the_board_has_one_adopted_vision_and_merged_duplicates(process):
    assert adopted_cards(process, BoardColumn.Kind.VISION).count() == 1
    assert adopted_cards(process, BoardColumn.Kind.GOALS).count() == 5
    # Each adopted goal is a goal of the measures table, linked to its card.
    assert set(process.goals.values_list("source_card", flat=True)) == set(
        adopted_cards(process, BoardColumn.Kind.GOALS).values_list("pk", flat=True)
    )
    columns = BoardColumn.objects.filter(phase__process=process)
    assert all(column.is_revealed for column in columns)
    cards = BoardCard.objects.filter(column__phase__process=process)
    assert cards.filter(merged_into__isnull=False).count() >= 3
    voters = columns.filter(kind="vision").values("cards__dots__voter").distinct().count()
    assert voters >= 15


def test_brainwriting_ran_five_rounds_in_four_groups_and_every_sheet_grew_each_round(process):
    session = BrainwritingSession.objects.get(phase__process=process)
    assert session.state == BrainwritingSession.State.FINISHED
    assert session.round_log.filter(ended_at__isnull=False).count() == 5
    groups = list(session.groups.annotate(seats_taken=Count("seats")))
    assert len(groups) == 4 and all(3 <= g.seats_taken <= 6 for g in groups)
    for group in groups:
        for sheet in group.sheets.all():
            ideas = list(sheet.ideas.order_by("round"))
            assert [idea.round for idea in ideas] == [1, 2, 3, 4, 5], sheet
            # Each idea extends the one written before it on the same sheet.
            for earlier, later in zip(ideas, ideas[1:], strict=False):
                assert later.extends_id == earlier.pk
    assert BrainwritingIdea.objects.filter(sheet__group__session=session).count() >= 80


def test_the_participant_login_wrote_on_the_brainwriting_sheets(process):
    member = User.objects.get(email="member@demo.example")
    assert (
        BrainwritingIdea.objects.filter(
            sheet__group__session__phase__process=process, author=member
        ).count()
        == 5
    )


def test_every_measure_has_a_mission_and_scores(process):
    measures = Measure.objects.filter(process=process).annotate(n=Count("scores"))
    assert 15 <= measures.count() <= 20
    assert all(m.mission_id and m.n >= 5 for m in measures)
    assert measures.filter(priority_override__isnull=False).exclude(priority_reason="").count() == 1
    assert measures.filter(is_chosen=True).count() in (2, 3)
    assert Mission.objects.filter(process=process, is_cross_cutting=True).exists()
    # A public body keeps no strategy tree: nothing is taken into one.
    assert not measures.filter(strategy_activity__isnull=False).exists()


def test_one_solution_map_is_filled_completely(process):
    solution_map = SolutionMap.objects.get(measure__process=process)
    assert solution_map.measure.is_chosen
    assert solution_map.first_step and solution_map.actor_list and solution_map.risk_list
    assert solution_map.resource_list and solution_map.steps.count() >= 3


def test_the_dialogue_shows_proposals_with_comments_and_one_hidden(process):
    dialogue = phase_of(process, Phase.Module.DIALOGUE).dialogue
    assert dialogue.phase.state() == "running"
    shown = public_proposals(dialogue, AnonymousUser())
    assert shown.filter(state=State.PUBLISHED, comment_count__gt=0).count() >= 8
    assert shown.filter(state=State.HIDDEN).count() == 1
    assert shown.exclude(status=DialogueProposal.Status.OPEN).exclude(answer="").count() >= 4
    queue = moderation_queue(dialogue)
    assert len(queue["proposals"]) == 1 and len(queue["comments"]) == 1
    assert len(queue["reports"]) == 1
    assert DialogueReport.objects.filter(comment__proposal__dialogue=dialogue).count() == 1
    # Proposals came from accounts and from people without one.
    assert shown.filter(author__isnull=True).exists() and shown.filter(author__isnull=False)


def test_the_survey_is_in_its_second_round_and_the_participant_has_not_answered_it(process):
    survey = Survey.objects.get(phase__process=process)
    assert survey.current_round == 2 and survey.status == Survey.Status.OPEN
    kinds = set(survey.questions.values_list("kind", flat=True))
    assert kinds == {"text", "single", "multiple", "scale", "ranking", "matrix"}
    assert survey.questions.filter(shown_if__isnull=False).count() == 1
    assert survey.invitations.count() >= 10
    first = survey.responses.filter(round=1, submitted_at__isnull=False).count()
    assert first == survey.invitations.count()
    assert survey.responses.filter(round=2, submitted_at__isnull=False).count() >= 3
    invitation = survey.invitations.get(email="member@demo.example")
    assert list(invitation.responses.values_list("round", flat=True)) == [1]


# --- the walk-through ------------------------------------------------------------------------

ROLE = {role.key: role for role in ROLES}
# What a person in the role looks for on each stop.
EXPECTED = {
    ("visitor", "process"): [TITLE, "Bürgerdialog", "Kreisverwaltung Dithmarschen"],
    ("visitor", "dialogue"): ["Funklöcher an der B5", "Werbung für einzelne Unternehmen"],
    ("visitor", "proposal"): ["Funklöcher an der B5", "Funklochmelder und Flächen"],
    ("member", "process"): [TITLE, "Expertenbefragung (Delphi)"],
    ("member", "survey-answer"): ["Wie digital arbeitet die Wirtschaft im Kreis heute?"],
    ("buyer", "process-manage"): [TITLE, "kommune@demo.example"],
    ("buyer", "dialogue-moderation"): ["Ladesäulen mit Bezahlung per Karte", "Einzelhof"],
    ("buyer", "measures"): ["Glasfaser zuerst in die Gewerbegebiete", "Die Förderzusage"],
    ("buyer", "measures-matrix"): ["Digital-Check mit Umsetzungsgutschein"],
    ("buyer", "survey-results"): ["In welchem Bereich sind Sie tätig?"],
}


@pytest.mark.parametrize("role_key", ["visitor", "member", "buyer"])
def test_each_role_walks_its_participation_stops(process, client, role_key):
    role = ROLE[role_key]
    if role.email:
        client.force_login(User.objects.get(email=role.email))
    stops = participation_stops(role)
    assert {stop.name for stop in stops} == {name for key, name in EXPECTED if key == role_key}
    for stop in stops:
        response = client.get(stop.path)
        assert response.status_code == 200, stop
        page = response.content.decode()
        for text in EXPECTED[(role_key, stop.name)]:
            assert text in page, (stop, text)
        if role_key != "buyer":
            # Hidden contributions show the moderation's reason, never their text.
            assert "Professionelle Website ab 299 Euro" not in page, stop
