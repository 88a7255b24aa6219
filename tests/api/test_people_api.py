"""An organisation's people through the API: for its admins and the staff who look after
it, added and changed through the people page's form and services, audited with the
token's name; another organisation's token and other people are refused."""

from django.urls import reverse

from knotenpunkt.api.scopes import PEOPLE_READ, PEOPLE_WRITE
from knotenpunkt.api.tokens import create_token
from knotenpunkt.core.models import AuditEntry
from knotenpunkt.directory.models import Person, Position
from tests.api.conftest import bearer
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PersonEmailFactory,
    PersonFactory,
    PositionFactory,
)

COLLEAGUE = {
    "salutation": "ms",
    "first_name": "Frieda",
    "last_name": "Friis",
    "email": "Frieda@Nordlicht.example",
    "function": "developer",
    "job_title": "Entwicklerin",
}


def token(user, *scopes, organisation=None):
    return bearer(create_token(user, "HR-System", list(scopes), 30, organisation=organisation)[1])


def post(client, slug, data, headers):
    return client.post(
        f"/api/v1/organisations/{slug}/people", data, content_type="application/json", **headers
    )


def test_admins_list_the_people_of_their_organisation(client, bob, carol):
    response = client.get("/api/v1/organisations/nordlicht/people", **token(bob, PEOPLE_READ))
    assert response.status_code == 200, response.content
    people = response.json()["results"]
    assert [p["person"]["last_name"] for p in people] == ["Brandt", "Clausen"]
    assert people[0]["is_admin"] and people[0]["function"] == "ceo"


def test_staff_of_the_cluster_see_them_but_not_another_clusters_staff(
    client, alice, bob, other_cluster
):
    assert (
        client.get(
            "/api/v1/organisations/nordlicht/people", **token(alice, PEOPLE_READ)
        ).status_code
        == 200
    )
    from tests.factories import UserFactory

    stranger = UserFactory(email="stan@logistik.example", is_staff=True)
    other_cluster.staff.add(stranger)
    refused = client.get("/api/v1/organisations/nordlicht/people", **token(stranger, PEOPLE_READ))
    assert refused.status_code == 403


def test_members_without_the_admin_right_and_missing_scopes_are_refused(client, bob, carol):
    assert (
        client.get("/api/v1/organisations/nordlicht/people", **token(carol, PEOPLE_READ))
    ).status_code == 403
    no_scope = client.get("/api/v1/organisations/nordlicht/people", **token(bob, PEOPLE_WRITE))
    assert no_scope.status_code == 403 and "people:read" in no_scope.json()["detail"]
    assert client.get("/api/v1/organisations/nordlicht/people").status_code == 401
    assert (
        client.get("/api/v1/organisations/gibt-es-nicht/people", **token(bob, PEOPLE_READ))
    ).status_code == 404


def test_an_organisation_token_acts_for_its_organisation_only(client, bob, cluster, member_org):
    other = OrganisationFactory(slug="zweite")
    MembershipFactory(organisation=other, cluster=cluster)
    PositionFactory(person=bob.person, organisation=other, is_admin=True)
    nordlicht_token = token(bob, PEOPLE_READ, organisation=member_org)
    assert (
        client.get("/api/v1/organisations/nordlicht/people", **nordlicht_token).status_code == 200
    )
    refused = client.get("/api/v1/organisations/zweite/people", **nordlicht_token)
    assert refused.status_code == 403


def test_adding_a_colleague_shows_on_the_people_page_and_is_audited(client_for, client, bob):
    response = post(client, "nordlicht", COLLEAGUE, token(bob, PEOPLE_WRITE))
    assert response.status_code == 201, response.content
    assert response.json()["person"]["emails"] == ["frieda@nordlicht.example"]
    assert response.json()["function"] == "developer"
    page = client_for(bob).get(reverse("directory:organisation_people", args=["nordlicht"]))
    assert "Friis" in page.content.decode()
    for action in ("directory.person.created", "directory.position.added"):
        entry = AuditEntry.objects.get(action=action)
        assert entry.actor == bob and entry.data["via"] == "HR-System"


def test_a_person_known_by_a_confirmed_address_is_reused_not_created_twice(client, bob):
    from django.utils import timezone

    known = PersonFactory(first_name="Frieda", last_name="Friis")
    PersonEmailFactory(
        person=known, address="frieda@nordlicht.example", confirmed_at=timezone.now()
    )
    before = Person.objects.count()
    response = post(client, "nordlicht", COLLEAGUE, token(bob, PEOPLE_WRITE))
    assert response.status_code == 201, response.content
    assert response.json()["person"]["id"] == known.pk and Person.objects.count() == before
    again = post(client, "nordlicht", COLLEAGUE, token(bob, PEOPLE_WRITE))
    assert again.status_code == 201
    assert Position.objects.filter(person=known, function="developer").count() == 1


def test_invalid_colleagues_are_422_problems_and_nothing_is_stored(client, bob):
    before = Person.objects.count()
    response = post(
        client, "nordlicht", {**COLLEAGUE, "email": "keine-adresse"}, token(bob, PEOPLE_WRITE)
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["email"]
    missing = post(client, "nordlicht", {"first_name": "X"}, token(bob, PEOPLE_WRITE))
    assert missing.status_code == 422
    assert {"last_name", "email", "function", "salutation"} <= {
        e["field"] for e in missing.json()["errors"]
    }
    assert Person.objects.count() == before


def test_changing_a_function_is_audited_and_refused_to_members(client, bob, carol):
    position = carol.person.positions.get()
    url = f"/api/v1/organisations/nordlicht/people/{position.pk}"
    response = client.patch(
        url,
        {"job_title": "Teamleitung"},
        content_type="application/json",
        **token(bob, PEOPLE_WRITE),
    )
    assert response.status_code == 200, response.content
    position.refresh_from_db()
    assert position.job_title == "Teamleitung" and position.function == "developer"
    assert not position.is_admin
    entry = AuditEntry.objects.get(action="directory.position.changed")
    assert entry.data["via"] == "HR-System"
    wrong = client.patch(
        url,
        {"function": "astronaut"},
        content_type="application/json",
        **token(bob, PEOPLE_WRITE),
    )
    assert wrong.status_code == 422
    refused = client.patch(
        f"/api/v1/organisations/nordlicht/people/{bob.person.positions.get().pk}",
        {"is_admin": False},
        content_type="application/json",
        **token(carol, PEOPLE_WRITE),
    )
    assert refused.status_code == 403
    elsewhere = PositionFactory(organisation=OrganisationFactory(slug="fremd"))
    assert (
        client.patch(
            f"/api/v1/organisations/nordlicht/people/{elsewhere.pk}",
            {"job_title": "X"},
            content_type="application/json",
            **token(bob, PEOPLE_WRITE),
        ).status_code
        == 404
    )
