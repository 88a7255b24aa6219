"""The measures pages: who sees, scores and edits, and what each page shows."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.participation.models import Measure, MeasureScore, Mission, Phase
from knotenpunkt.participation.services import measures as services
from knotenpunkt.participation.services import measures_transfer as transfer
from knotenpunkt.participation.services.processes import add_phase, create_process
from knotenpunkt.strategy.models import Activity, FieldOfAction, Goal
from tests.factories import OrganisationFactory, PersonFactory, PositionFactory, UserFactory


@pytest.fixture
def phase(process, alice):
    made = add_phase(
        alice,
        process,
        title="Maßnahmen",
        module=Phase.Module.MEASURES,
        starts_on=timezone.localdate() - timedelta(days=1),
        ends_on=timezone.localdate() + timedelta(days=3),
    )
    services.save_setup(alice, process, value_scale=5, feasibility_scale=5, scoring_open=True)
    field = services.save_field(alice, process, title="Verwaltung")
    mission = services.save_mission(
        alice, process, title="Digitale Ämter", fields_of_action=[field]
    )
    for title in ("Portal", "WLAN", "Kurse"):
        services.save_measure(alice, process, {"mission": mission, "title": title})
    return made


def url(name, phase, *args):
    return reverse(f"participation:{name}", args=[phase.pk, *args])


def measure(title):
    return Measure.objects.get(title=title)


@pytest.mark.django_db
def test_the_process_page_links_the_measures_phase(phase, client_for, carol):
    response = client_for(carol).get(phase.process.get_absolute_url())
    assert url("measures", phase) in response.content.decode()


@pytest.mark.django_db
def test_outsiders_and_anonymous_visitors_do_not_see_a_members_only_table(phase, client, dave):
    assert client.get(url("measures", phase)).status_code == 404
    client.force_login(dave)
    assert client.get(url("measures", phase)).status_code == 404
    assert client.get(url("measures_matrix", phase)).status_code == 404
    assert client.get(url("measures_export", phase, "csv")).status_code == 404


@pytest.mark.django_db
def test_members_see_the_ranked_table_with_few_queries(
    phase, client_for, carol, bob, django_assert_max_num_queries
):
    services.score_measure(bob, measure("WLAN"), value=5, feasibility=5)
    services.score_measure(carol, measure("Kurse"), value=3, feasibility=3)
    client = client_for(carol)
    with django_assert_max_num_queries(30):
        response = client.get(url("measures", phase))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index(f'data-measure="{measure("WLAN").pk}"') < page.index(
        f'data-measure="{measure("Kurse").pk}"'
    )
    # Aggregated only: nobody's name or address beside a score.
    assert "bob@" not in page and "Brandt" not in page


@pytest.mark.django_db
def test_a_participant_scores_on_the_scoring_page_and_changes_it(phase, client_for, carol):
    client = client_for(carol)
    portal = measure("Portal")
    response = client.post(
        url("measures_score", phase), {f"value-{portal.pk}": "4", f"feasibility-{portal.pk}": "2"}
    )
    assert response.status_code == 302
    response = client.post(
        url("measures_score", phase), {f"value-{portal.pk}": "5", f"feasibility-{portal.pk}": "3"}
    )
    score = MeasureScore.objects.get()
    assert (score.voter, score.value, score.feasibility) == (carol, 5, 3)


@pytest.mark.django_db
def test_half_a_score_is_refused_and_nothing_is_saved(phase, client_for, carol):
    portal, wlan = measure("Portal"), measure("WLAN")
    response = client_for(carol).post(
        url("measures_score", phase),
        {f"value-{portal.pk}": "4", f"feasibility-{portal.pk}": "2", f"value-{wlan.pk}": "3"},
    )
    assert response.status_code == 400
    assert f'id="score-{wlan.pk}-error"' in response.content.decode()
    assert not MeasureScore.objects.exists()


@pytest.mark.django_db
def test_a_participant_scores_from_the_measure_page(phase, client_for, carol):
    portal = measure("Portal")
    client = client_for(carol)
    page = client.get(url("measure", phase, portal.pk)).content.decode()
    assert 'id="score-form"' in page
    client.post(url("measure_score", phase, portal.pk), {"value": "2", "feasibility": "5"})
    assert MeasureScore.objects.get().feasibility == 5


@pytest.mark.django_db
def test_participants_cannot_edit_measures_or_set_priorities(phase, client_for, carol):
    client = client_for(carol)
    portal = measure("Portal")
    assert client.get(url("measure_new", phase)).status_code == 403
    assert client.get(url("measures_setup", phase)).status_code == 403
    assert client.get(url("measures_import", phase)).status_code == 403
    response = client.post(
        url("measure_priority", phase, portal.pk),
        {"priority_override": "1", "priority_reason": "x"},
    )
    assert response.status_code == 403
    assert client.post(url("measure_choose", phase, portal.pk), {"chosen": "1"}).status_code == 403
    response = client.post(url("measures_missions", phase), {"kind": "field", "field-title": "X"})
    assert response.status_code == 403
    portal.refresh_from_db()
    assert portal.priority_override is None and not portal.is_chosen


@pytest.mark.django_db
def test_the_measure_form_requires_a_mission(phase, client_for, alice):
    response = client_for(alice).post(url("measure_new", phase), {"title": "Neu", "status": "idea"})
    assert response.status_code == 400
    assert 'id="id_mission_field"' in response.content.decode()
    assert response.context["form"].errors["mission"]
    assert not Measure.objects.filter(title="Neu").exists()


@pytest.mark.django_db
def test_a_moderator_adds_a_measure(phase, client_for, alice):
    mission = Mission.objects.get()
    goal = services.save_goal(alice, phase.process, title="Bürgernähe")
    response = client_for(alice).post(
        url("measure_new", phase),
        {
            "mission": mission.pk,
            "title": "Chatbot",
            "status": "idea",
            "goals": [goal.pk],
            "cost_estimate": "5000",
            "horizon": "short",
        },
    )
    assert response.status_code == 302
    created = Measure.objects.get(title="Chatbot")
    assert list(created.goals.all()) == [goal]


@pytest.mark.django_db
def test_setting_a_priority_without_a_reason_is_refused(phase, client_for, alice):
    portal = measure("Portal")
    response = client_for(alice).post(
        url("measure_priority", phase, portal.pk), {"priority_override": "1"}
    )
    assert response.status_code == 400
    assert response.context["priority_form"].errors["priority_reason"]
    portal.refresh_from_db()
    assert portal.priority_override is None
    response = client_for(alice).post(
        url("measure_priority", phase, portal.pk),
        {"priority_override": "1", "priority_reason": "Förderfrist"},
    )
    assert response.status_code == 302
    page = client_for(alice).get(url("measures", phase)).content.decode()
    assert "Förderfrist" in page


@pytest.mark.django_db
def test_the_matrix_places_every_scored_measure_and_lists_all_in_a_table(phase, client_for, carol):
    services.score_measure(carol, measure("Portal"), value=5, feasibility=4)
    services.score_measure(carol, measure("WLAN"), value=1, feasibility=5)
    response = client_for(carol).get(url("measures_matrix", phase))
    page = response.content.decode()
    assert page.count('class="matrix-point"') == 2
    assert 'role="img"' in page
    assert f'data-measure="{measure("Kurse").pk}" data-quadrant=""' in page
    assert f'data-measure="{measure("Portal").pk}" data-quadrant="quick_win"' in page
    assert f'data-measure="{measure("WLAN").pk}" data-quadrant="fill_in"' in page


@pytest.mark.django_db
def test_the_missions_page_adds_a_cross_cutting_mission(phase, client_for, alice):
    client = client_for(alice)
    client.post(url("measures_missions", phase), {"kind": "field", "field-title": "Wirtschaft"})
    fields = list(phase.process.fields_of_action.all())
    response = client.post(
        url("measures_missions", phase),
        {
            "kind": "mission",
            "mission-title": "Daten",
            "mission-fields_of_action": [f.pk for f in fields],
            "mission-order": "0",
        },
    )
    assert response.status_code == 400  # two fields, not cross-cutting
    response = client.post(
        url("measures_missions", phase),
        {
            "kind": "mission",
            "mission-title": "Daten",
            "mission-fields_of_action": [f.pk for f in fields],
            "mission-is_cross_cutting": "on",
            "mission-order": "0",
        },
    )
    assert response.status_code == 302
    assert Mission.objects.get(title="Daten").fields_of_action.count() == 2


@pytest.mark.django_db
def test_export_downloads_csv_and_xlsx(phase, client_for, carol):
    client = client_for(carol)
    response = client.get(url("measures_export", phase, "csv"))
    assert response["Content-Disposition"].startswith('attachment; filename="massnahmen-')
    assert "Maßnahme" in response.content.decode("utf-8-sig")
    response = client.get(url("measures_export", phase, "xlsx"))
    assert response.content[:2] == b"PK"


@pytest.mark.django_db
def test_import_through_the_page_checks_then_imports(phase, client_for, alice):
    client = client_for(alice)
    header = ";".join(h for _k, h in transfer.COLUMNS)
    bad = f"{header}\r\n;;;;Ohne Mission;;;;;;;;;;\r\n".encode()
    response = client.post(
        url("measures_import", phase), {"file": SimpleUploadedFile("m.csv", bad)}
    )
    assert response.status_code == 400
    assert 'id="problems"' in response.content.decode()
    assert not Measure.objects.filter(title="Ohne Mission").exists()
    good = f"{header}\r\nVerwaltung;Digitale Ämter;nein;;E-Akte;;;;;;;;;geplant;\r\n".encode()
    response = client.post(
        url("measures_import", phase), {"file": SimpleUploadedFile("m.csv", good)}
    )
    assert response.status_code == 200
    assert not Measure.objects.filter(title="E-Akte").exists()  # only checked so far
    response = client.post(url("measures_import", phase), {"table": response.context["table"]})
    assert response.status_code == 302
    assert Measure.objects.get(title="E-Akte").origin == Measure.Origin.IMPORTED


@pytest.mark.django_db
def test_a_solution_map_is_written_and_printed(phase, client_for, alice, carol):
    portal = measure("Portal")
    client = client_for(alice)
    assert client.get(url("measure_map", phase, portal.pk)).status_code == 404
    client.post(url("measure_choose", phase, portal.pk), {"chosen": "1"})
    response = client.post(
        url("measure_map_edit", phase, portal.pk),
        {
            "actors": "IT-Amt\nKämmerei",
            "resources": "",
            "steps": "Bedarf erheben\nAusschreiben",
            "risks": "",
            "first_step": "Kick-off",
        },
    )
    assert response.status_code == 302
    page = client_for(carol).get(url("measure_map", phase, portal.pk)).content.decode()
    assert page.index("Bedarf erheben") < page.index("Ausschreiben")
    assert "participation/measures.css" in page
    assert client_for(carol).get(url("measure_map_edit", phase, portal.pk)).status_code == 403


def test_the_stylesheet_has_a_print_layout():
    import knotenpunkt.participation

    css = Path(knotenpunkt.participation.__file__).parent / "static/participation/measures.css"
    assert "@media print" in css.read_text()


@pytest.mark.django_db
def test_a_moderator_takes_a_chosen_measure_into_the_strategy_once(phase, client_for, alice):
    field = FieldOfAction.objects.create(cluster=phase.process.cluster, title="Verwaltung")
    goal = Goal.objects.create(field=field, title="Digitale Dienste")
    portal = measure("Portal")
    services.choose_measure(alice, portal, True)
    client = client_for(alice)
    for _ in range(2):
        response = client.post(url("measure_to_strategy", phase, portal.pk), {"goal": goal.pk})
        assert response.status_code == 302
    assert Activity.objects.filter(goal=goal, title="Portal").count() == 1
    page = client.get(url("measure", phase, portal.pk)).content.decode()
    assert 'id="in-strategy"' in page


@pytest.mark.django_db
def test_a_moderator_without_strategy_rights_cannot_take_measures_into_it(phase, client_for, bob):
    phase.process.moderators.add(bob)
    field = FieldOfAction.objects.create(cluster=phase.process.cluster, title="Verwaltung")
    goal = Goal.objects.create(field=field, title="Digitale Dienste")
    portal = measure("Portal")
    services.choose_measure(bob, portal, True)
    response = client_for(bob).post(url("measure_to_strategy", phase, portal.pk), {"goal": goal.pk})
    assert response.status_code == 403
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_a_public_process_shows_its_table_to_anonymous_visitors_without_scoring(phase, client):
    phase.process.visibility = "public"
    phase.process.save()
    response = client.get(url("measures", phase))
    assert response.status_code == 200
    assert url("measures_score", phase) not in response.content.decode()
    portal = measure("Portal")
    response = client.post(url("measure_score", phase, portal.pk), {"value": 3, "feasibility": 3})
    assert response.status_code == 403
    assert not MeasureScore.objects.exists()


@pytest.mark.django_db
def test_a_public_bodys_process_refuses_the_strategy_with_a_message(db, client_for):
    county = OrganisationFactory(name="Kreis", slug="kreis", actor_type="public")
    admin = UserFactory(email="amt@kreis.example")
    PositionFactory(
        person=PersonFactory(first_name="Anna", last_name="Amt", user=admin),
        organisation=county,
        is_admin=True,
    )
    process = create_process(admin, county, title="Kreisstrategie", summary="s")
    made = add_phase(
        admin,
        process,
        title="Maßnahmen",
        module=Phase.Module.MEASURES,
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate(),
    )
    field = services.save_field(admin, process, title="Verwaltung")
    mission = services.save_mission(admin, process, title="Mission", fields_of_action=[field])
    portal = services.save_measure(admin, process, {"mission": mission, "title": "Portal"})
    services.choose_measure(admin, portal, True)
    client = client_for(admin)
    page = client.get(url("measure", made, portal.pk)).content.decode()
    assert 'id="no-strategy"' in page
    response = client.post(url("measure_to_strategy", made, portal.pk), {"goal": "1"}, follow=True)
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_a_second_measure_of_the_same_title_is_refused_on_the_form(phase, client_for, alice):
    mission = Mission.objects.get()
    response = client_for(alice).post(
        url("measure_new", phase), {"mission": mission.pk, "title": "Portal", "status": "idea"}
    )
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert Measure.objects.filter(title="Portal").count() == 1


@pytest.mark.django_db
def test_the_matrix_page_needs_few_queries(phase, client_for, carol, django_assert_max_num_queries):
    for title in ("Portal", "WLAN", "Kurse"):
        services.score_measure(carol, measure(title), value=3, feasibility=4)
    client = client_for(carol)
    with django_assert_max_num_queries(30):
        assert client.get(url("measures_matrix", phase)).status_code == 200


@pytest.mark.django_db
def test_a_moderator_rewords_a_goal_and_renames_a_field(phase, client_for, alice, carol):
    goal = services.save_goal(alice, phase.process, title="Bürgernahe")
    field = phase.process.fields_of_action.get()
    assert client_for(carol).get(url("measures_goal_edit", phase, goal.pk)).status_code == 403
    client = client_for(alice)
    response = client.post(url("measures_goal_edit", phase, goal.pk), {"title": "Bürgernähe"})
    assert response.status_code == 302
    response = client.post(
        url("measures_field_edit", phase, field.pk), {"title": "Moderne Verwaltung", "order": "2"}
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    field.refresh_from_db()
    assert (goal.title, field.title, field.order) == ("Bürgernähe", "Moderne Verwaltung", 2)
    response = client.post(url("measures_goal_edit", phase, goal.pk), {"title": "A | B"})
    assert response.status_code == 400
    goal.refresh_from_db()
    assert goal.title == "Bürgernähe"


@pytest.mark.django_db
def test_the_goals_the_workshop_board_adopted_become_goals_of_the_table(
    phase, client_for, alice, carol
):
    from knotenpunkt.participation.services import board

    today = timezone.localdate()
    board_phase = add_phase(
        alice,
        phase.process,
        title="Zukunftswerkstatt",
        module=Phase.Module.WORKSHOP_BOARD,
        starts_on=today - timedelta(days=7),
        ends_on=today - timedelta(days=7),
    )
    goals = board.set_collecting(alice, board.columns_of(board_phase)[2], True)
    long_text = "Jede Firma im Landkreis | auch im ländlichen Raum " + "x" * 240
    adopted = [
        board.add_card(carol, goals, "Glasfaser in jedem Gewerbegebiet"),
        board.add_card(carol, goals, long_text),
    ]
    board.add_card(carol, goals, "Nicht beschlossen")
    board.reveal(alice, goals)
    for card in adopted:
        board.set_adopted(alice, card, True)
    services.save_goal(alice, phase.process, title="glasfaser in jedem gewerbegebiet")

    assert "take-over-goals" not in client_for(carol).get(url("measures_missions", phase)).text
    client = client_for(alice)
    page = client.get(url("measures_missions", phase)).text
    assert "2 Ziele beschlossen" in page and "Nicht beschlossen" not in page
    response = client.post(url("measures_missions", phase), {"kind": "adopted_goals"}, follow=True)
    assert "2 Ziele des Workshop-Boards wurden übernommen." in response.text
    goals_of_table = {goal.source_card_id: goal for goal in phase.process.goals.all()}
    # The goal of the same title was linked, not doubled; the long one was shortened and
    # keeps its whole text as description.
    assert phase.process.goals.count() == 2
    assert goals_of_table[adopted[0].pk].title == "glasfaser in jedem gewerbegebiet"
    shortened = goals_of_table[adopted[1].pk]
    assert len(shortened.title) == 200 and "|" not in shortened.title
    assert shortened.description == long_text
    # Once taken over, the board's goals are offered on the measure form.
    form = client.get(url("measure_new", phase)).text
    assert "glasfaser in jedem gewerbegebiet" in form and shortened.title[:40] in form
    assert "take-over-goals" not in client.get(url("measures_missions", phase)).text


@pytest.mark.django_db
def test_a_moderator_removes_a_measure_after_confirming_and_participants_cannot(
    phase, client_for, alice, carol
):
    portal = measure("Portal")
    services.score_measure(carol, portal, value=4, feasibility=2)
    remove = url("measures_remove", phase, "measure", portal.pk)
    assert client_for(carol).post(remove).status_code == 403
    client = client_for(alice)
    assert remove in client.get(url("measure", phase, portal.pk)).text
    question = client.get(remove).text
    assert "mit 1 Bewertung und" in question and Measure.objects.filter(pk=portal.pk).exists()
    response = client.post(remove, follow=True)
    assert "„Portal“ wurde entfernt." in response.text
    assert not Measure.objects.filter(pk=portal.pk).exists()
    assert not MeasureScore.objects.filter(measure_id=portal.pk).exists()
    assert client.get(url("measures_remove", phase, "nonsense", 1)).status_code == 404


@pytest.mark.django_db
def test_a_mission_with_measures_and_a_field_with_missions_stay_with_a_reason(
    phase, client_for, alice
):
    mission = Mission.objects.get(title="Digitale Ämter")
    field = mission.fields_of_action.get()
    client = client_for(alice)
    for kind, item in (("mission", mission), ("field", field)):
        refused = client.post(url("measures_remove", phase, kind, item.pk))
        assert refused.status_code == 400 and "data-removal-problem" in refused.text
    assert Mission.objects.filter(pk=mission.pk).exists()
    Measure.objects.filter(mission=mission).delete()
    assert client.post(url("measures_remove", phase, "mission", mission.pk)).status_code == 302
    assert client.post(url("measures_remove", phase, "field", field.pk)).status_code == 302
    assert not phase.process.fields_of_action.exists()
