"""The public lists' anonymous answers are kept per process (knotenpunkt.api.answer_cache):
asked again, the same answer comes without touching the data; after a change through the
platform's services the next answer shows it; a caller with a token is always answered
afresh."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from knotenpunkt.directory.services.search import refresh_search_index
from tests.api.conftest import bearer


@pytest.fixture
def listed(member_org):
    refresh_search_index()
    return member_org


def _count_queries(client, path, **extra):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, **extra)
    assert response.status_code == 200
    return response, len(captured)


def test_a_repeated_list_is_answered_without_reading_organisations(client, listed):
    first, first_queries = _count_queries(client, "/api/v1/organisations?cluster=diwish")
    again, again_queries = _count_queries(client, "/api/v1/organisations?cluster=diwish")
    assert again.content == first.content
    assert [o["slug"] for o in again.json()["results"]] == ["nordlicht"]
    # The first answer searched, counted and fetched the page; the second only read the
    # generation and the rate limit from the shared cache.
    assert again_queries < first_queries
    assert "RateLimit-Remaining" in again


def test_a_profile_change_shows_in_the_next_list(client, bob, bob_token, listed):
    before = client.get("/api/v1/organisations").json()
    assert before["results"][0]["city"] != "Flensburg"
    response = client.patch(
        "/api/v1/organisations/nordlicht",
        {"city": "Flensburg"},
        content_type="application/json",
        **bearer(bob_token),
    )
    assert response.status_code == 200
    after = client.get("/api/v1/organisations").json()
    assert after["results"][0]["city"] == "Flensburg"


def test_answers_follow_the_host(client, settings, listed):
    settings.ALLOWED_HOSTS = ["testserver", "api.cluster.example"]
    here = client.get("/api/v1/organisations")
    other_host = client.get("/api/v1/organisations", HTTP_HOST="api.cluster.example")
    assert here.json()["results"][0]["url"].startswith("http://testserver/")
    assert other_host.json()["results"][0]["url"].startswith("http://api.cluster.example/")


def test_a_caller_with_a_token_is_answered_afresh(client, bob_token, listed):
    client.get("/api/v1/organisations")
    _response, with_token = _count_queries(client, "/api/v1/organisations", **bearer(bob_token))
    _response, anonymous = _count_queries(client, "/api/v1/organisations")
    assert with_token > anonymous
