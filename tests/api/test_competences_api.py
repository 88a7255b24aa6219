"""Competence profiles through the API: for the organisation's admins and its staff, as
the profile page shows it (with completeness and hints); nobody else."""

from knotenpunkt.api.scopes import COMPETENCES_READ, ME_READ
from knotenpunkt.api.tokens import create_token
from knotenpunkt.directory.models import Topic
from knotenpunkt.matching.models import CompetenceProfile
from tests.api.conftest import bearer
from tests.factories import UserFactory

URL = "/api/v1/organisations/nordlicht/competences"


def token(user, *scopes):
    return bearer(create_token(user, "Website", list(scopes), 30)[1])


def test_the_admin_reads_the_profile_with_completeness_and_hints(client, bob, member_org):
    profile = CompetenceProfile.objects.create(
        organisation=member_org,
        offer="Apps für das Handwerk.",
        technologies="Python\n\nDjango\n",
        team_size=12,
    )
    competence = Topic.objects.filter(kind=Topic.Kind.COMPETENCE).first()
    profile.topics.add(competence)
    response = client.get(URL, **token(bob, COMPETENCES_READ), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["technologies"] == ["Python", "Django"] and body["team_size"] == 12
    assert [t["slug"] for t in body["competences"]] == [competence.slug]
    assert body["completeness"] == 15 + 15 + 3
    offer = next(t for t in body["tasks"] if t["field"] == "offer")
    assert not offer["done"] and "300" in offer["hint"]


def test_an_organisation_without_a_profile_gets_an_empty_one(client, bob):
    body = client.get(URL, **token(bob, COMPETENCES_READ)).json()
    assert body["offer"] == "" and body["completeness"] == 0 and body["updated_at"] is None


def test_staff_of_the_cluster_read_it_others_are_refused(client, alice, carol, other_cluster):
    assert client.get(URL, **token(alice, COMPETENCES_READ)).status_code == 200
    stranger = UserFactory(email="stan@logistik.example", is_staff=True)
    other_cluster.staff.add(stranger)
    for user in (carol, stranger):
        assert client.get(URL, **token(user, COMPETENCES_READ)).status_code == 403
    assert client.get(URL).status_code == 401


def test_a_token_without_the_scope_is_refused(client, bob):
    response = client.get(URL, **token(bob, ME_READ))
    assert response.status_code == 403 and "competences:read" in response.json()["detail"]
