"""Needs and matches through the API: the matching Viewer's visibility (public needs for
everybody, more with a token of scope needs:read), the ranked matches for the author,
posting and changing needs through the page's form, audited with the token's name."""

import pytest
from django.urls import reverse

from knotenpunkt.api.scopes import ME_READ, NEEDS_READ, NEEDS_WRITE
from knotenpunkt.api.tokens import create_token
from knotenpunkt.core.models import AuditEntry
from knotenpunkt.matching.models import CompetenceProfile, Need
from knotenpunkt.matching.services.indexing import reindex_organisation, reset_index
from tests.api.conftest import bearer
from tests.factories import OrganisationFactory

V = Need.Visibility


@pytest.fixture(autouse=True)
def fresh_match_index():
    """The engine's index lives per process; each test's database is new."""
    reset_index()
    yield
    reset_index()


@pytest.fixture
def needs(cluster, other_cluster, member_org):
    """Nordlicht's needs in DiWiSH, one of each visibility, plus a closed one."""
    made = {}
    for visibility in (V.PUBLIC, V.MEMBERS, V.STAFF, V.ANONYMOUS):
        made[visibility] = Need.objects.create(
            cluster=cluster,
            organisation=member_org,
            title=f"Zeiterfassung ({visibility})",
            text="Unsere Monteure schreiben ihre Stunden auf Zettel, die verloren gehen.",
            visibility=visibility,
        )
    made["closed"] = Need.objects.create(
        cluster=cluster,
        organisation=member_org,
        title="Erledigt",
        text="Schon gelöst.",
        visibility=V.PUBLIC,
        status=Need.Status.CLOSED,
    )
    return made


def token(user, *scopes, organisation=None):
    return bearer(create_token(user, "CRM", list(scopes), 30, organisation=organisation)[1])


def titles(response):
    assert response.status_code == 200, response.content
    return sorted(n["title"] for n in response.json()["results"])


def test_anonymous_callers_see_the_open_public_needs_without_anonymous_authors(client, needs):
    body = client.get("/api/v1/needs").json()
    assert sorted(n["visibility"] for n in body["results"]) == ["anonymous", "public"]
    anonymous = next(n for n in body["results"] if n["visibility"] == "anonymous")
    assert anonymous["organisation"] is None and anonymous["organisation_name"] is None
    public = next(n for n in body["results"] if n["visibility"] == "public")
    assert public["organisation"] == "nordlicht" and public["url"].endswith(
        reverse("matching:need", args=[public["id"]])
    )


def test_a_token_with_needs_read_sees_what_the_user_sees_on_the_page(client, needs, bob):
    assert len(titles(client.get("/api/v1/needs", **token(bob, NEEDS_READ)))) == 4
    anonymous = client.get(f"/api/v1/needs/{needs[V.ANONYMOUS].pk}", **token(bob, NEEDS_READ))
    assert anonymous.json()["organisation"] == "nordlicht"


def test_a_token_without_the_scope_is_refused_saying_which_it_lacks(client, needs, bob):
    refused = client.get("/api/v1/needs", HTTP_ACCEPT_LANGUAGE="en", **token(bob, ME_READ))
    assert refused.status_code == 403
    assert refused.json()["detail"] == "This token lacks the scope needs:read."


def test_an_invalid_token_is_a_401_not_the_public_view(client, needs):
    response = client.get("/api/v1/needs", HTTP_AUTHORIZATION="Bearer kp_nonsense_x")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_members_of_the_cluster_see_members_needs_but_not_staff_ones(client, needs, cluster):
    from tests.factories import MembershipFactory, PersonFactory, PositionFactory, UserFactory

    other = OrganisationFactory(slug="fremd")
    MembershipFactory(organisation=other, cluster=cluster)
    user = UserFactory(email="mia@fremd.example")
    PositionFactory(person=PersonFactory(user=user), organisation=other)
    seen = titles(client.get("/api/v1/needs", **token(user, NEEDS_READ)))
    assert seen == [
        "Zeiterfassung (anonymous)",
        "Zeiterfassung (members)",
        "Zeiterfassung (public)",
    ]
    staff_only = client.get(f"/api/v1/needs/{needs[V.STAFF].pk}", **token(user, NEEDS_READ))
    assert staff_only.status_code == 404


def test_filters_status_and_ordering(client, needs):
    closed = client.get("/api/v1/needs", {"status": "closed"}).json()["results"]
    assert [n["title"] for n in closed] == ["Erledigt"]
    every = client.get("/api/v1/needs", {"status": "all", "ordering": "created"}).json()
    assert [n["title"] for n in every["results"]][0] == "Zeiterfassung (public)"
    assert client.get("/api/v1/needs", {"cluster": "logistik"}).json()["count"] == 0
    # The author of an anonymous need cannot be found out by filtering.
    by_author = client.get("/api/v1/needs", {"organisation": "nordlicht"}).json()
    assert [n["visibility"] for n in by_author["results"]] == ["public"]
    wrong = client.get("/api/v1/needs", {"ordering": "title"})
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "query.ordering"


def test_matches_are_the_ranked_providers_for_the_author_only(client, needs, bob, carol, alice):
    provider = OrganisationFactory(name="Zeitwerk Software GmbH", slug="zeitwerk")
    CompetenceProfile.objects.create(
        organisation=provider,
        offer="Wir entwickeln eine App zur mobilen Zeiterfassung: Stunden digital erfassen.",
    )
    reindex_organisation(provider.pk)
    need = needs[V.PUBLIC]
    matches = client.get(f"/api/v1/needs/{need.pk}/matches", **token(bob, NEEDS_READ))
    assert matches.status_code == 200, matches.content
    assert [m["provider"] for m in matches.json()] == ["zeitwerk"]
    assert matches.json()[0]["rank"] == 1 and matches.json()[0]["explanation"]["summary"]
    assert (
        client.get(f"/api/v1/needs/{need.pk}/matches", **token(alice, NEEDS_READ)).status_code
        == 200
    )
    outsider = OrganisationFactory(slug="aussen")
    from tests.factories import PersonFactory, PositionFactory, UserFactory

    dave = UserFactory(email="dave@aussen.example")
    PositionFactory(person=PersonFactory(user=dave), organisation=outsider)
    refused = client.get(f"/api/v1/needs/{need.pk}/matches", **token(dave, NEEDS_READ))
    assert refused.status_code == 403
    assert client.get(f"/api/v1/needs/{need.pk}/matches").status_code == 401
    no_scope = client.get(f"/api/v1/needs/{need.pk}/matches", **token(bob, ME_READ))
    assert no_scope.status_code == 403 and "needs:read" in no_scope.json()["detail"]


def test_posting_a_need_shows_on_the_page_and_is_audited_with_the_token(client, cluster, bob):
    response = client.post(
        "/api/v1/needs",
        {
            "organisation": "nordlicht",
            "cluster": "diwish",
            "title": "Digitale Stundenzettel",
            "text": "Wir suchen eine einfache App für die Zeiterfassung auf der Baustelle.",
            "visibility": "public",
        },
        content_type="application/json",
        **token(bob, NEEDS_WRITE),
    )
    assert response.status_code == 201, response.content
    need = Need.objects.get(pk=response.json()["id"])
    assert need.organisation.slug == "nordlicht" and need.author.user == bob
    assert "Digitale Stundenzettel" in client.get(reverse("matching:needs")).content.decode()
    entry = AuditEntry.objects.get(action="matching.need.posted")
    assert entry.actor == bob and entry.data["via"] == "CRM"


def test_invalid_needs_are_422_problems_naming_the_field_and_nothing_is_stored(
    client, cluster, bob
):
    response = client.post(
        "/api/v1/needs",
        {"organisation": "nordlicht", "cluster": "gibt-es-nicht", "title": "X", "text": "Y"},
        content_type="application/json",
        **token(bob, NEEDS_WRITE),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["cluster"]
    assert "valid choice" in response.json()["errors"][0]["message"]
    missing = client.post(
        "/api/v1/needs",
        {"organisation": "nordlicht", "cluster": "diwish"},
        content_type="application/json",
        **token(bob, NEEDS_WRITE),
    )
    assert missing.status_code == 422
    assert {e["field"] for e in missing.json()["errors"]} == {"title", "text"}
    assert not Need.objects.exists()


def test_a_need_for_another_organisation_is_refused(client, cluster, bob):
    other = OrganisationFactory(slug="andere")
    response = client.post(
        "/api/v1/needs",
        {"organisation": "andere", "cluster": "diwish", "title": "X", "text": "Y"},
        content_type="application/json",
        **token(bob, NEEDS_WRITE),
    )
    assert response.status_code == 422  # not one of the organisations bob works at
    org_token = token(bob, NEEDS_WRITE, organisation=bob.person.positions.first().organisation)
    assert other.pk
    refused = client.post(
        "/api/v1/needs",
        {"organisation": "andere", "cluster": "diwish", "title": "X", "text": "Y"},
        content_type="application/json",
        **org_token,
    )
    assert refused.status_code == 403
    assert not Need.objects.exists()


def test_changing_and_closing_a_need(client, needs, bob, carol):
    need = needs[V.MEMBERS]
    response = client.patch(
        f"/api/v1/needs/{need.pk}",
        {"title": "Neue Überschrift", "visibility": "public"},
        content_type="application/json",
        **token(bob, NEEDS_WRITE),
    )
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Neue Überschrift"
    need.refresh_from_db()
    assert need.visibility == V.PUBLIC and need.text.startswith("Unsere Monteure")
    entry = AuditEntry.objects.get(action="matching.need.changed")
    assert entry.data["via"] == "CRM" and set(entry.data["fields"]) == {"title", "visibility"}
    closed = client.patch(
        f"/api/v1/needs/{need.pk}",
        {"status": "closed"},
        content_type="application/json",
        **token(bob, NEEDS_WRITE),
    )
    assert closed.json()["status"] == "closed"
    assert AuditEntry.objects.filter(action="matching.need.closed").exists()
    invalid = client.patch(
        f"/api/v1/needs/{need.pk}",
        {"title": ""},
        content_type="application/json",
        **token(bob, NEEDS_WRITE),
    )
    assert invalid.status_code == 422 and invalid.json()["errors"][0]["field"] == "title"


def test_only_the_author_organisation_changes_a_need(client, needs, alice, bob):
    need = needs[V.PUBLIC]
    from tests.factories import PersonFactory, PositionFactory, UserFactory

    outsider = UserFactory(email="dave@aussen.example")
    PositionFactory(person=PersonFactory(user=outsider), organisation=OrganisationFactory())
    for user in (outsider, alice):
        response = client.patch(
            f"/api/v1/needs/{need.pk}",
            {"title": "Übernommen"},
            content_type="application/json",
            **token(user, NEEDS_WRITE),
        )
        assert response.status_code == 403
    read_only = client.patch(
        f"/api/v1/needs/{need.pk}",
        {"title": "Übernommen"},
        content_type="application/json",
        **token(bob, NEEDS_READ),
    )
    assert read_only.status_code == 403
    need.refresh_from_db()
    assert need.title == "Zeiterfassung (public)"


def test_the_list_costs_the_same_queries_for_many_needs(
    client, needs, bob, cluster, member_org, django_assert_max_num_queries
):
    for number in range(10):
        Need.objects.create(
            cluster=cluster,
            organisation=member_org,
            title=f"Bedarf {number}",
            text="Text",
            visibility=V.ANONYMOUS,
        )
    headers = token(bob, NEEDS_READ)
    with django_assert_max_num_queries(14):
        assert client.get("/api/v1/needs", **headers).json()["count"] == 14
