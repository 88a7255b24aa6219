"""Groups through the API: anonymous callers see what a visitor sees; a token's user sees
what they see on the pages (their invitation-only club), documents and member names only
where the group's rules allow."""

import pytest

from knotenpunkt.api.scopes import GROUPS_READ, ME_READ
from knotenpunkt.api.tokens import create_token
from knotenpunkt.groups.models import Group
from tests.api.conftest import bearer
from tests.factories import GroupFactory, GroupMembershipFactory, MeetingFactory


@pytest.fixture
def groups(cluster, dave):
    open_group = GroupFactory(name="Fachgruppe KI", slug="ki", clusters=[cluster])
    MeetingFactory(group=open_group, title="Auftakt", agenda="Vorstellung")
    on_request = GroupFactory(
        name="Fachgruppe Recht", slug="recht", policy=Group.Policy.ON_REQUEST, clusters=[cluster]
    )
    MeetingFactory(group=on_request, title="Datenschutz", minutes="Vertraulich")
    club = GroupFactory(
        name="HR-Club",
        slug="hr-club",
        kind="club",
        policy=Group.Policy.INVITATION,
        clusters=[cluster],
    )
    GroupMembershipFactory(group=club, person=dave.person, role="lead")
    return {"open": open_group, "on_request": on_request, "club": club}


def test_anonymous_callers_see_what_a_visitor_sees(client, groups):
    body = client.get("/api/v1/groups").json()
    assert [g["slug"] for g in body["results"]] == ["ki", "recht"]
    assert body["results"][0]["membership"] is None
    assert client.get("/api/v1/groups/hr-club").status_code == 404
    recht = client.get("/api/v1/groups/recht").json()
    assert recht["members"] is None
    assert recht["past_meetings"][0]["minutes"] is None
    assert recht["past_meetings"][0]["documents"] is None
    ki = client.get("/api/v1/groups/ki").json()
    assert ki["past_meetings"][0]["agenda"] == "Vorstellung"


def test_a_token_shows_what_its_user_may_see(client, groups, dave):
    token = bearer(create_token(dave, "App", [GROUPS_READ], 30)[1])
    body = client.get("/api/v1/groups", **token).json()
    assert [g["slug"] for g in body["results"]] == ["hr-club", "ki", "recht"]
    club = client.get("/api/v1/groups/hr-club", **token).json()
    assert club["membership"] == "active" and club["members"] == ["Dave Dreyer"]
    assert club["leads"] == ["Dave Dreyer"] and club["member_count"] == 1
    mine = client.get("/api/v1/groups", {"mine": True}, **token).json()
    assert [g["slug"] for g in mine["results"]] == ["hr-club"]
    by_name = client.get("/api/v1/groups", {"ordering": "-name"}, **token).json()
    assert [g["slug"] for g in by_name["results"]] == ["hr-club", "recht", "ki"]


def test_a_member_reads_the_minutes_of_their_group(client, groups, carol):
    GroupMembershipFactory(group=groups["on_request"], person=carol.person)
    token = bearer(create_token(carol, "App", [GROUPS_READ], 30)[1])
    recht = client.get("/api/v1/groups/recht", **token).json()
    assert recht["past_meetings"][0]["minutes"] == "Vertraulich"
    assert recht["past_meetings"][0]["documents"] == []
    assert client.get("/api/v1/groups/hr-club", **token).status_code == 404


def test_a_sent_token_must_be_valid_and_carry_the_scope(client, groups, dave):
    bad = client.get("/api/v1/groups", HTTP_AUTHORIZATION="Bearer kp_falsch")
    assert bad.status_code == 401
    assert bad["Content-Type"] == "application/problem+json"
    no_scope = bearer(create_token(dave, "Ich", [ME_READ], 30)[1])
    refused = client.get("/api/v1/groups/hr-club", HTTP_ACCEPT_LANGUAGE="en", **no_scope)
    assert refused.status_code == 403
    assert refused.json()["detail"] == "This token lacks the scope groups:read."


def test_a_logged_in_browser_session_is_not_a_token(client, groups, dave):
    client.force_login(dave)
    body = client.get("/api/v1/groups").json()
    assert "hr-club" not in [g["slug"] for g in body["results"]]


def test_unknown_filters_are_problems(client, groups):
    response = client.get("/api/v1/groups", {"cluster": "gibts-nicht"})
    assert response.status_code == 404 and "gibts-nicht" in response.json()["detail"]
    assert client.get("/api/v1/groups", {"kind": "verein"}).status_code == 422
