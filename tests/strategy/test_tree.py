"""The strategy tree pages: staff of the cluster build the tree; staff of another cluster
and members reach nothing of it; every change is audited."""

import pytest
from django.urls import reverse

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.strategy.models import Activity, FieldOfAction, Goal, Result, StrategyContributor
from tests.factories import UserFactory


@pytest.fixture
def staff_of_other(other_cluster):
    user = UserFactory(email="otto@logistik.example", is_staff=True)
    other_cluster.staff.add(user)
    return user


def test_staff_see_their_clusters_tree_with_its_goals_and_results(client_for, alice, tree):
    response = client_for(alice).get(reverse("strategy:tree", args=["diwish"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Digitale Transformation des Mittelstands" in page
    assert "KI im Mittelstand verankern" in page
    assert "Sprechstunden durchgeführt" in page


def test_staff_add_a_field_of_action_a_goal_an_activity_and_a_result(client_for, alice, cluster):
    client = client_for(alice)
    response = client.post(
        reverse("strategy:field_create", args=["diwish"]),
        {"title": "Sichtbarkeit", "description": "", "order": 0},
    )
    assert response.status_code == 302
    field = FieldOfAction.objects.get(cluster=cluster, title="Sichtbarkeit")
    client.post(
        reverse("strategy:goal_create", args=[field.pk]),
        {
            "title": "Mehr Presse",
            "priority": "high",
            "start_year": 2025,
            "end_year": 2026,
            "order": 0,
        },
    )
    goal = Goal.objects.get(field=field)
    assert (goal.priority, goal.start_year, goal.end_year) == ("high", 2025, 2026)
    client.post(
        reverse("strategy:activity_create", args=[goal.pk]),
        {"title": "Pressegespräche", "status": "planned", "responsible": "CM", "order": 0},
    )
    activity = Activity.objects.get(goal=goal)
    response = client.post(
        reverse("strategy:result_create", args=[activity.pk]) + "?from=2025",
        {
            "kind": "output",
            "title": "Artikel",
            "unit": "Stück",
            "status": "open",
            "order": 0,
            "target_2025": "10",
            "target_2026": "12",
        },
    )
    assert response.status_code == 302
    result = Result.objects.get(activity=activity)
    assert {t.year: int(t.target) for t in result.targets.all()} == {2025: 10, 2026: 12}
    codes = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "strategy.field.created",
        "strategy.goal.created",
        "strategy.activity.created",
        "strategy.result.created",
        "strategy.result.targets_set",
    } <= codes


def test_a_goal_ending_before_it_starts_is_refused(client_for, alice, tree):
    response = client_for(alice).post(
        reverse("strategy:goal_create", args=[tree.pk]),
        {
            "title": "Rückwärts",
            "priority": "medium",
            "start_year": 2027,
            "end_year": 2025,
            "order": 0,
        },
    )
    assert response.status_code == 200
    assert not Goal.objects.filter(title="Rückwärts").exists()


def test_a_title_twice_in_one_field_is_refused_with_a_message(client_for, alice, tree):
    response = client_for(alice).post(
        reverse("strategy:goal_create", args=[tree.pk]),
        {"title": "KI im Mittelstand verankern", "priority": "medium", "order": 0},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Goal.objects.filter(title="KI im Mittelstand verankern").count() == 1


def test_changing_a_goal_is_audited_with_what_changed(client_for, alice, tree):
    goal = Goal.objects.get(title="Cloud-Souveränität")
    client_for(alice).post(
        reverse("strategy:goal_edit", args=[goal.pk]),
        {"title": "Cloud-Souveränität", "priority": "medium", "order": 1},
    )
    entry = AuditEntry.objects.get(action="strategy.goal.changed")
    assert entry.data["changes"]["priority"] == ["zero", "medium"]


def test_deleting_a_field_of_action_removes_everything_below_it(client_for, alice, tree):
    response = client_for(alice).post(reverse("strategy:node_delete", args=["field", tree.pk]))
    assert response.status_code == 302
    assert not Goal.objects.filter(field_id=tree.pk).exists()
    assert not Activity.objects.filter(title="KI-Sprechstunden").exists()
    assert AuditEntry.objects.filter(action="strategy.field.deleted").exists()


def test_staff_of_another_cluster_reach_nothing_of_the_tree(client_for, staff_of_other, tree):
    client = client_for(staff_of_other)
    goal = Goal.objects.get(title="KI im Mittelstand verankern")
    activity = Activity.objects.get(title="KI-Sprechstunden")
    for url in [
        reverse("strategy:tree", args=["diwish"]),
        reverse("strategy:export_csv", args=["diwish"]),
        reverse("strategy:import", args=["diwish"]),
        reverse("strategy:field_edit", args=[tree.pk]),
        reverse("strategy:goal_edit", args=[goal.pk]),
        reverse("strategy:activity", args=[activity.pk]),
        reverse("strategy:swot", args=["diwish", 2026]),
    ]:
        assert client.get(url).status_code == 404, url
    response = client.post(reverse("strategy:node_delete", args=["goal", goal.pk]))
    assert response.status_code == 404
    assert Goal.objects.filter(pk=goal.pk).exists()


def test_members_see_no_strategy(client_for, bob, tree):
    client = client_for(bob)
    assert client.get(reverse("strategy:index")).status_code == 403
    assert client.get(reverse("strategy:tree", args=["diwish"])).status_code == 404


def test_board_members_read_the_tree_but_cannot_change_it(client_for, dave, cluster, tree):
    StrategyContributor.objects.create(cluster=cluster, user=dave, role="Vorstand")
    client = client_for(dave)
    assert client.get(reverse("strategy:tree", args=["diwish"])).status_code == 200
    assert client.get(reverse("strategy:field_edit", args=[tree.pk])).status_code == 403
    response = client.post(
        reverse("strategy:field_create", args=["diwish"]), {"title": "Neu", "order": 0}
    )
    assert response.status_code == 403
    assert not FieldOfAction.objects.filter(title="Neu").exists()


def test_only_platform_admins_edit_the_shared_tree(client_for, alice, db):
    root = UserFactory(email="root@example.org", is_staff=True, is_superuser=True)
    url = reverse("strategy:field_create", args=["shared"])
    assert client_for(alice).post(url, {"title": "Gemeinsam", "order": 0}).status_code == 403
    assert client_for(alice).get(reverse("strategy:tree", args=["shared"])).status_code == 200
    assert client_for(root).post(url, {"title": "Gemeinsam", "order": 0}).status_code == 302
    assert FieldOfAction.objects.get(title="Gemeinsam").cluster is None


def test_the_tree_page_needs_few_queries(client_for, alice, tree, django_assert_max_num_queries):
    client = client_for(alice)
    with django_assert_max_num_queries(30):
        assert client.get(reverse("strategy:tree", args=["diwish"])).status_code == 200
