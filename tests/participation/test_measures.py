"""The measures table: missions, measures, scoring, the computed and the set priority,
solution maps and taking chosen measures into the strategy."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from knotenpunkt.participation.models import Measure, MeasureScore, Phase, Process
from knotenpunkt.participation.services import measures as services
from knotenpunkt.participation.services.processes import add_phase, create_process
from knotenpunkt.strategy.models import Activity, FieldOfAction, Goal
from tests.factories import OrganisationFactory, PersonFactory, PositionFactory, UserFactory


@pytest.fixture
def table(process, alice):
    """The process with a measures phase running today, scoring open, one field of action
    with one mission and two goals."""
    today = timezone.localdate()
    add_phase(
        alice,
        process,
        title="Maßnahmen",
        module=Phase.Module.MEASURES,
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=5),
    )
    services.save_setup(alice, process, value_scale=5, feasibility_scale=5, scoring_open=True)
    field = services.save_field(alice, process, title="Verwaltung")
    mission = services.save_mission(
        alice, process, title="Digitale Verwaltung 2030", fields_of_action=[field]
    )
    return {
        "process": process,
        "field": field,
        "mission": mission,
        "goals": [
            services.save_goal(alice, process, title="Bürgernähe"),
            services.save_goal(alice, process, title="Effizienz"),
        ],
    }


def make_measure(alice, table, title, **data):
    return services.save_measure(
        alice, table["process"], {"mission": table["mission"], "title": title, **data}
    )


def score(user, measure, value, feasibility):
    return services.score_measure(user, measure, value=value, feasibility=feasibility)


@pytest.mark.django_db
def test_a_measure_without_a_mission_is_refused_with_a_clear_message(table, alice):
    with pytest.raises(ValidationError) as error:
        services.save_measure(alice, table["process"], {"mission": None, "title": "Portal"})
    assert "mission" in error.value.message_dict
    assert "exactly one mission" in error.value.message_dict["mission"][0]
    assert not Measure.objects.exists()


@pytest.mark.django_db
def test_a_mission_of_another_process_is_refused(table, alice, cluster):
    other = create_process(alice, cluster, title="Anderer Prozess", summary="x")
    field = services.save_field(alice, other, title="Feld")
    foreign = services.save_mission(alice, other, title="Fremd", fields_of_action=[field])
    with pytest.raises(ValidationError) as error:
        services.save_measure(alice, table["process"], {"mission": foreign, "title": "Portal"})
    assert "mission" in error.value.message_dict


@pytest.mark.django_db
def test_only_a_cross_cutting_mission_spans_several_fields(table, alice):
    second = services.save_field(alice, table["process"], title="Wirtschaft")
    with pytest.raises(ValidationError) as error:
        services.save_mission(
            alice, table["process"], title="Daten", fields_of_action=[table["field"], second]
        )
    assert "fields_of_action" in error.value.message_dict
    mission = services.save_mission(
        alice,
        table["process"],
        title="Daten",
        fields_of_action=[table["field"], second],
        is_cross_cutting=True,
    )
    fields, cross_cutting = services.missions_tree(table["process"])
    assert cross_cutting == [mission]
    assert {f.title for f in fields if mission in f.missions.all()} == {"Verwaltung", "Wirtschaft"}


@pytest.mark.django_db
def test_a_measure_keeps_its_goals_and_details(table, alice):
    measure = make_measure(
        alice,
        table,
        "Online-Portal",
        horizon=Measure.Horizon.SHORT,
        target_year=2027,
        success_criteria="50 Dienste online",
        owner="Kreisverwaltung",
        cost_estimate=Decimal("120000"),
        status=Measure.Status.PLANNED,
    )
    measure.refresh_from_db()
    assert measure.origin == Measure.Origin.WORKSHOP
    assert measure.cost_estimate == Decimal("120000.00")
    services.save_measure(
        alice,
        table["process"],
        {"mission": table["mission"], "title": "Online-Portal"},
        goals=table["goals"],
        measure=measure,
    )
    assert set(measure.goals.values_list("title", flat=True)) == {"Bürgernähe", "Effizienz"}


@pytest.mark.django_db
def test_a_participant_scores_once_and_may_change_the_score(table, alice, carol):
    measure = make_measure(alice, table, "Portal")
    score(carol, measure, 4, 2)
    score(carol, measure, 5, 3)
    scores = MeasureScore.objects.filter(measure=measure)
    assert scores.count() == 1
    assert (scores.get().value, scores.get().feasibility) == (5, 3)


@pytest.mark.django_db
def test_a_score_outside_the_scale_is_refused(table, alice, carol):
    measure = make_measure(alice, table, "Portal")
    with pytest.raises(ValidationError) as error:
        score(carol, measure, 6, 0)
    assert set(error.value.message_dict) == {"value", "feasibility"}
    assert not MeasureScore.objects.exists()


@pytest.mark.django_db
def test_scoring_is_refused_when_closed_and_earlier_scores_stay(table, alice, carol):
    measure = make_measure(alice, table, "Portal")
    score(carol, measure, 4, 4)
    services.save_setup(
        alice, table["process"], value_scale=5, feasibility_scale=5, scoring_open=False
    )
    with pytest.raises(ValidationError, match="closed"):
        score(carol, measure, 1, 1)
    assert MeasureScore.objects.get().value == 4


@pytest.mark.django_db
def test_scoring_is_closed_outside_a_running_measures_phase(table, alice, carol):
    measure = make_measure(alice, table, "Portal")
    later = timezone.localdate() + timedelta(days=30)
    with pytest.raises(ValidationError, match="closed"):
        services.score_measure(carol, measure, value=3, feasibility=3, today=later)


@pytest.mark.django_db
def test_the_scale_cannot_shrink_below_a_given_score(table, alice, carol):
    measure = make_measure(alice, table, "Portal")
    score(carol, measure, 5, 2)
    with pytest.raises(ValidationError) as error:
        services.save_setup(
            alice, table["process"], value_scale=3, feasibility_scale=3, scoring_open=True
        )
    assert set(error.value.message_dict) == {"value_scale"}


@pytest.mark.django_db
def test_priority_is_mean_value_times_mean_feasibility_highest_first(table, alice, bob, carol):
    portal = make_measure(alice, table, "Portal")
    wlan = make_measure(alice, table, "WLAN in Schulen")
    kurs = make_measure(alice, table, "Kurse")
    make_measure(alice, table, "Unbewertet")
    score(carol, portal, 4, 2)  # with bob: value 3, feasibility 3 → 9
    score(bob, portal, 2, 4)
    score(carol, wlan, 5, 4)  # 20
    score(carol, kurs, 2, 2)  # 4
    rows = services.ranked_measures(table["process"])
    assert [r.measure.title for r in rows] == ["WLAN in Schulen", "Portal", "Kurse", "Unbewertet"]
    assert [r.priority for r in rows] == [Decimal("20.00"), Decimal("9.00"), Decimal("4.00"), None]
    assert [r.computed_rank for r in rows] == [1, 2, 3, None]
    assert rows[1].scores == 2
    assert rows[0].quadrant == "quick_win"
    assert rows[2].quadrant == "reconsider"


@pytest.mark.django_db
def test_setting_the_priority_needs_a_reason(table, alice):
    measure = make_measure(alice, table, "Portal")
    with pytest.raises(ValidationError) as error:
        services.set_priority(alice, measure, rank=1, reason="  ")
    assert "priority_reason" in error.value.message_dict
    measure.refresh_from_db()
    assert measure.priority_override is None


@pytest.mark.django_db
def test_a_set_priority_moves_the_measure_and_keeps_the_computed_rank(table, alice, carol):
    portal = make_measure(alice, table, "Portal")
    wlan = make_measure(alice, table, "WLAN")
    kurs = make_measure(alice, table, "Kurse")
    score(carol, portal, 5, 5)
    score(carol, wlan, 4, 4)
    score(carol, kurs, 1, 1)
    services.set_priority(alice, kurs, rank=1, reason="Fördermittel laufen 2026 aus")
    rows = services.ranked_measures(table["process"])
    assert [r.measure.title for r in rows] == ["Kurse", "Portal", "WLAN"]
    assert rows[0].computed_rank == 3
    assert rows[0].measure.priority_reason == "Fördermittel laufen 2026 aus"
    services.set_priority(alice, kurs, rank=None)
    rows = services.ranked_measures(table["process"])
    assert [r.measure.title for r in rows] == ["Portal", "WLAN", "Kurse"]
    kurs.refresh_from_db()
    assert kurs.priority_reason == ""


@pytest.mark.django_db
def test_the_matrix_places_every_scored_measure(table, alice, carol):
    portal = make_measure(alice, table, "Portal")
    make_measure(alice, table, "Unbewertet")
    score(carol, portal, 5, 1)
    rows = services.ranked_measures(table["process"])
    grid = services.matrix(rows, services.setup_of(table["process"]))
    assert [p.row.measure for p in grid.points] == [portal]
    point = grid.points[0]
    assert point.x == grid.plot  # feasibility 1: the left edge
    assert point.y == grid.plot  # value 5: the top edge
    assert rows[0].quadrant == "major_project"


@pytest.mark.django_db
def test_a_solution_map_is_only_for_a_chosen_measure_and_keeps_its_steps_in_order(table, alice):
    measure = make_measure(alice, table, "Portal")
    with pytest.raises(ValidationError, match="chosen"):
        services.save_solution_map(alice, measure, actors="IT-Amt")
    services.choose_measure(alice, measure, True)
    solution = services.save_solution_map(
        alice,
        measure,
        actors="IT-Amt\nKämmerei",
        resources="2 Stellen",
        risks="Fachkräftemangel",
        first_step="Kick-off im Januar",
        steps=["Bedarf erheben", "", "Ausschreiben", "Einführen"],
    )
    assert solution.actor_list == ["IT-Amt", "Kämmerei"]
    assert list(solution.steps.values_list("position", "text")) == [
        (1, "Bedarf erheben"),
        (2, "Ausschreiben"),
        (3, "Einführen"),
    ]
    services.save_solution_map(alice, measure, steps=["Einführen", "Bedarf erheben"])
    assert list(solution.steps.values_list("text", flat=True)) == ["Einführen", "Bedarf erheben"]


# --- into the strategy --------------------------------------------------------------------


@pytest.fixture
def strategy_goal(cluster):
    field = FieldOfAction.objects.create(cluster=cluster, title="Digitale Verwaltung")
    return Goal.objects.create(field=field, title="Verwaltung digitalisieren")


@pytest.mark.django_db
def test_a_chosen_measure_becomes_an_activity_once(table, alice, strategy_goal):
    measure = make_measure(
        alice,
        table,
        "Online-Portal",
        description="Alle Anträge online",
        success_criteria="50 Dienste",
        owner="IT-Amt",
        status=Measure.Status.PLANNED,
    )
    services.choose_measure(alice, measure, True)
    activity, created = services.take_into_strategy(alice, measure, strategy_goal)
    assert created
    assert activity.goal == strategy_goal
    assert activity.responsible == "IT-Amt"
    assert "Alle Anträge online" in activity.description
    assert "Digitalstrategie Landkreis 2035" in activity.description
    again, created_again = services.take_into_strategy(alice, measure, strategy_goal)
    assert (again, created_again) == (activity, False)
    assert Activity.objects.filter(goal=strategy_goal).count() == 1
    measure.refresh_from_db()
    assert measure.strategy_activity == activity


@pytest.mark.django_db
def test_an_activity_of_the_same_title_is_linked_not_made_twice(table, alice, strategy_goal):
    existing = Activity.objects.create(goal=strategy_goal, title="Online-Portal")
    measure = make_measure(alice, table, "Online-Portal")
    services.choose_measure(alice, measure, True)
    activity, created = services.take_into_strategy(alice, measure, strategy_goal)
    assert (activity, created) == (existing, False)
    assert Activity.objects.count() == 1


@pytest.mark.django_db
def test_a_measure_not_chosen_or_a_goal_of_another_cluster_is_refused(
    table, alice, strategy_goal, other_cluster
):
    measure = make_measure(alice, table, "Portal")
    with pytest.raises(ValidationError, match="chosen"):
        services.take_into_strategy(alice, measure, strategy_goal)
    services.choose_measure(alice, measure, True)
    field = FieldOfAction.objects.create(cluster=other_cluster, title="Logistik")
    foreign = Goal.objects.create(field=field, title="Fremdes Ziel")
    with pytest.raises(ValidationError) as error:
        services.take_into_strategy(alice, measure, foreign)
    assert "goal" in error.value.message_dict
    assert not Activity.objects.exists()


@pytest.fixture
def county_process(db):
    county = OrganisationFactory(name="Kreis Nordfriesland", slug="nf", actor_type="public")
    admin = UserFactory(email="amt@nf.example")
    PositionFactory(
        person=PersonFactory(first_name="Anna", last_name="Amt", user=admin),
        organisation=county,
        is_admin=True,
    )
    made = create_process(
        admin,
        county,
        title="Digitalstrategie Kreis",
        summary="Kreis",
        visibility=Process.Visibility.MEMBERS,
        is_published=True,
    )
    return made, admin


@pytest.mark.django_db
def test_a_public_bodys_measures_cannot_go_into_a_strategy(county_process, strategy_goal):
    process, admin = county_process
    field = services.save_field(admin, process, title="Verwaltung")
    mission = services.save_mission(admin, process, title="Mission", fields_of_action=[field])
    measure = services.save_measure(admin, process, {"mission": mission, "title": "Portal"})
    services.choose_measure(admin, measure, True)
    with pytest.raises(ValidationError, match="public body"):
        services.take_into_strategy(admin, measure, strategy_goal)
    assert not Activity.objects.exists()
    assert not services.strategy_goals(process).exists()


# --- personal data ------------------------------------------------------------------------


@pytest.mark.django_db
def test_erasing_a_person_keeps_the_score_without_them(table, alice, carol):
    from knotenpunkt.participation.personal_data import (
        erase_measure_scores,
        export_measure_scores,
    )

    measure = make_measure(alice, table, "Portal")
    score(carol, measure, 4, 3)
    person = carol.person if hasattr(carol, "person") else carol.people.get()
    assert export_measure_scores(person)[0]["value"] == 4
    erase_measure_scores(person)
    kept = MeasureScore.objects.get()
    assert kept.voter is None
    assert (kept.value, kept.feasibility) == (4, 3)
    assert services.ranked_measures(table["process"])[0].value == Decimal("4.00")


@pytest.mark.django_db
def test_every_personal_field_of_the_measures_is_covered_for_export_and_erasure():
    from knotenpunkt.privacy.coverage import uncovered_personal_data

    mine = ("participation.Measure", "participation.Mission", "participation.SolutionMap")
    assert [label for label in uncovered_personal_data() if label.startswith(mine)] == []
