"""The public directory through the API: the same organisations as the directory page,
searched, filtered, sorted and paged the same way; errors as problem details."""

import json

import pytest

from knotenpunkt.directory.models import Topic
from knotenpunkt.directory.services.search import refresh_search_index
from tests.factories import MembershipFactory, OrganisationFactory


@pytest.fixture
def directory(cluster, other_cluster, member_org):
    """Nordlicht (member of DiWiSH) plus three more: a listed member of the other
    cluster, an unlisted member and a firm without membership."""
    ai = Topic.objects.create(slug="ki", label_de="Künstliche Intelligenz", label_en="AI")
    member_org.topics.add(ai)
    hafen = OrganisationFactory(name="Hafenlogik GmbH", slug="hafenlogik")
    MembershipFactory(organisation=hafen, cluster=other_cluster)
    hidden = OrganisationFactory(name="Geheim AG", slug="geheim", is_listed=False)
    MembershipFactory(organisation=hidden, cluster=cluster)
    OrganisationFactory(name="Ohne Mitgliedschaft UG", slug="ohne")
    refresh_search_index()
    return ai


def test_lists_exactly_the_public_directory_in_name_order(client, directory):
    body = client.get("/api/v1/organisations").json()
    assert [o["slug"] for o in body["results"]] == ["hafenlogik", "nordlicht"]
    assert body["count"] == 2 and body["next"] is None and body["previous"] is None
    nordlicht = body["results"][1]
    assert nordlicht["clusters"] == ["diwish"]
    ki = {"slug": "ki", "label_de": "Künstliche Intelligenz", "label_en": "AI"}
    assert nordlicht["topics"] == [ki]
    assert nordlicht["url"].endswith("/directory/o/nordlicht/")


def test_filters_and_sorting(client, directory):
    by_cluster = client.get("/api/v1/organisations", {"cluster": "logistik"}).json()
    assert [o["slug"] for o in by_cluster["results"]] == ["hafenlogik"]
    by_topic = client.get("/api/v1/organisations", {"topic": "ki"}).json()
    assert [o["slug"] for o in by_topic["results"]] == ["nordlicht"]
    backwards = client.get("/api/v1/organisations", {"ordering": "-name"}).json()
    assert [o["slug"] for o in backwards["results"]] == ["nordlicht", "hafenlogik"]
    searched = client.get("/api/v1/organisations", {"q": "Hafenlogik"}).json()
    assert [o["slug"] for o in searched["results"]] == ["hafenlogik"]


def test_pages_link_to_each_other_and_keep_the_filters(client, directory):
    first = client.get("/api/v1/organisations", {"page_size": 1, "ordering": "name"}).json()
    assert first["count"] == 2 and len(first["results"]) == 1
    assert "page=2" in first["next"] and "ordering=name" in first["next"]
    second = client.get(first["next"]).json()
    assert [o["slug"] for o in second["results"]] == ["nordlicht"]
    assert second["next"] is None and "page=1" in second["previous"]


def test_unknown_filter_values_are_problems_saying_what_is_wrong(client, directory):
    response = client.get("/api/v1/organisations", {"topic": "quantenbrot"})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 404 and body["title"] == "Nicht gefunden"
    assert "quantenbrot" in body["detail"]
    ordering = client.get("/api/v1/organisations", {"ordering": "employees"})
    assert ordering.status_code == 422
    assert ordering.json()["title"] == "Ungültige Eingabe"
    assert ordering.json()["errors"][0]["field"] == "query.ordering"


def test_problems_speak_english_when_asked(client, directory):
    response = client.get("/api/v1/organisations", {"page_size": 500}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    body = response.json()
    assert body["title"] == "Invalid input"
    assert response["Content-Language"] == "en"
    assert body["errors"][0]["field"] == "query.page_size"


def test_a_page_beyond_the_last_is_a_404_problem(client, directory):
    response = client.get("/api/v1/organisations", {"page": 9})
    assert response.status_code == 404
    assert "9" in response.json()["detail"]


def test_an_unlisted_or_non_member_organisation_is_not_found(client, directory):
    assert client.get("/api/v1/organisations/nordlicht").status_code == 200
    for slug in ("geheim", "ohne", "gibt-es-nicht"):
        response = client.get(f"/api/v1/organisations/{slug}")
        assert response.status_code == 404, slug
        assert json.loads(response.content)["status"] == 404


def test_clusters_and_topics(client, directory):
    clusters = client.get("/api/v1/clusters").json()
    assert [c["slug"] for c in clusters["results"]] == ["diwish", "logistik"]
    topics, url = [], "/api/v1/topics?page_size=100"
    while url:
        page = client.get(url).json()
        topics += page["results"]
        url = page["next"]
    assert len(topics) == Topic.objects.count() == page["count"]
    ki = {"slug": "ki", "kind": "theme", "label_de": "Künstliche Intelligenz", "label_en": "AI"}
    assert {**ki, "parent": None} in topics
