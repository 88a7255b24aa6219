"""The yearly SWOT: staff and board members write it together, compare it with the year
before (new, kept, dropped) and start a year from the last one."""

import pytest
from django.urls import reverse

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.outbox.models import OutgoingMail
from knotenpunkt.strategy.models import Goal, StrategyContributor, SwotItem
from knotenpunkt.strategy.services.swot import (
    compare_with_previous_year,
    copy_from_previous_year,
)
from tests.factories import UserFactory


def _item(cluster, year, quadrant, text, carried_from=None):
    return SwotItem.objects.create(
        cluster=cluster, year=year, quadrant=quadrant, text=text, carried_from=carried_from
    )


@pytest.fixture
def last_year(cluster):
    return [
        _item(cluster, 2025, "strength", "Starkes Netzwerk"),
        _item(cluster, 2025, "weakness", "Wenig Sichtbarkeit"),
        _item(cluster, 2025, "threat", "Fachkräftemangel"),
    ]


def test_copying_last_years_swot_takes_over_every_item_once(alice, cluster, tree, last_year):
    goal = Goal.objects.get(title="KI im Mittelstand verankern")
    last_year[0].goals.add(goal)
    assert copy_from_previous_year(alice, cluster, 2026) == 3
    copied = SwotItem.objects.get(year=2026, text="Starkes Netzwerk")
    assert copied.carried_from == last_year[0]
    assert list(copied.goals.all()) == [goal]
    assert copy_from_previous_year(alice, cluster, 2026) == 0
    assert SwotItem.objects.filter(year=2026).count() == 3
    assert AuditEntry.objects.filter(action="strategy.swot.copied").count() == 1


def test_the_comparison_shows_what_is_new_kept_and_dropped(cluster, last_year):
    strong, weak, _threat = last_year
    _item(cluster, 2026, "strength", "Starkes, wachsendes Netzwerk", carried_from=strong)
    _item(cluster, 2026, "weakness", "wenig   sichtbarkeit")  # the same words, written anew
    _item(cluster, 2026, "opportunity", "KI-Förderprogramm des Landes")
    rows = {row.quadrant: row for row in compare_with_previous_year(cluster, 2026)}
    assert [(i.text, o.text) for i, o in rows["strength"].kept] == [
        ("Starkes, wachsendes Netzwerk", "Starkes Netzwerk")
    ]
    assert [o.text for _i, o in rows["weakness"].kept] == ["Wenig Sichtbarkeit"]
    assert [i.text for i in rows["opportunity"].new] == ["KI-Förderprogramm des Landes"]
    assert [o.text for o in rows["threat"].dropped] == ["Fachkräftemangel"]


def test_the_swot_page_shows_quadrants_and_comparison(client_for, alice, cluster, last_year):
    _item(cluster, 2026, "opportunity", "KI-Förderprogramm des Landes")
    response = client_for(alice).get(reverse("strategy:swot", args=["diwish", 2026]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "KI-Förderprogramm des Landes" in page
    assert "Fachkräftemangel" in page  # dropped since 2025


def test_a_board_member_writes_the_swot(client_for, dave, cluster, tree):
    StrategyContributor.objects.create(cluster=cluster, user=dave, role="Vorstand")
    goal = Goal.objects.get(title="KI im Mittelstand verankern")
    response = client_for(dave).post(
        reverse("strategy:swot_item_create", args=["diwish", 2026]),
        {"quadrant": "strength", "text": "Engagierter Vorstand", "order": 0, "goals": [goal.pk]},
    )
    assert response.status_code == 302
    item = SwotItem.objects.get(text="Engagierter Vorstand")
    assert (item.year, list(item.goals.all())) == (2026, [goal])
    entry = AuditEntry.objects.get(action="strategy.swot.created")
    assert entry.actor == dave


def test_a_swot_item_cannot_point_at_another_clusters_goal(
    client_for, alice, other_cluster, cluster
):
    from tests.strategy.conftest import build_tree

    build_tree(other_cluster)
    foreign = Goal.objects.get(field__cluster=other_cluster, title="KI im Mittelstand verankern")
    response = client_for(alice).post(
        reverse("strategy:swot_item_create", args=["diwish", 2026]),
        {"quadrant": "strength", "text": "X", "order": 0, "goals": [foreign.pk]},
    )
    assert response.status_code == 200
    assert not SwotItem.objects.exists()


def test_copying_from_the_page(client_for, alice, cluster, last_year):
    response = client_for(alice).post(reverse("strategy:swot_copy", args=["diwish", 2026]))
    assert response.status_code == 302
    assert SwotItem.objects.filter(year=2026).count() == 3


def test_staff_of_another_cluster_cannot_write_the_swot(client_for, other_cluster, cluster):
    otto = UserFactory(email="otto@logistik.example")
    other_cluster.staff.add(otto)
    response = client_for(otto).post(
        reverse("strategy:swot_item_create", args=["diwish", 2026]),
        {"quadrant": "strength", "text": "X", "order": 0},
    )
    assert response.status_code == 404
    assert not SwotItem.objects.exists()


def test_staff_invite_an_existing_login_as_board_member(client_for, alice, dave, cluster):
    url = reverse("strategy:contributors", args=["diwish"])
    response = client_for(alice).post(url, {"email": "DAVE@example.org", "role": "Vorstand"})
    assert response.status_code == 302
    assert StrategyContributor.objects.get(cluster=cluster).user == dave
    invitation = OutgoingMail.objects.get(to="dave@example.org")
    assert "/strategy/diwish/swot/" in invitation.body_text
    response = client_for(alice).post(url, {"email": "nobody@example.org"})
    assert response.status_code == 200
    assert StrategyContributor.objects.count() == 1


def test_board_members_cannot_invite_others(client_for, dave, carol, cluster):
    StrategyContributor.objects.create(cluster=cluster, user=dave)
    response = client_for(dave).post(
        reverse("strategy:contributors", args=["diwish"]), {"email": "carol@nordlicht.example"}
    )
    assert response.status_code == 404
    assert StrategyContributor.objects.count() == 1


def test_erasing_a_person_removes_their_contributor_role(dave, cluster):
    from knotenpunkt.strategy.personal_data import erase_person, export_person

    StrategyContributor.objects.create(cluster=cluster, user=dave, role="Vorstand")
    person = dave.person
    assert export_person(person)["strategy_contributions"][0]["role"] == "Vorstand"
    erase_person(person)
    assert not StrategyContributor.objects.exists()
