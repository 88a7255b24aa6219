"""The shop's catalogue through the API (/api/v1/offerings): listed offerings only, with
the catalogue page's facets as filters."""

import pytest

from tests.procurement.catalogue_helpers import make_offering


@pytest.fixture
def offerings(provider, provider_admin, shop_staff):
    booking = make_offering(provider, provider_admin, publish_by=shop_staff)
    hosting = make_offering(
        provider,
        provider_admin,
        publish_by=shop_staff,
        name="Hosting Süd",
        category="hosting",
        hosting="eu",
    )
    make_offering(provider, provider_admin, name="Noch ein Entwurf")
    return booking, hosting


def test_lists_the_listed_offerings_with_their_provider(client, offerings):
    body = client.get("/api/v1/offerings").json()
    assert [o["name"] for o in body["results"]] == ["Hosting Süd", "Terminbuchung Nord"]
    booking = body["results"][1]
    assert booking["provider"] == offerings[0].offering.provider.slug
    assert booking["url"].endswith(offerings[0].offering.get_absolute_url())
    one = client.get(f"/api/v1/offerings/{offerings[0].offering.slug}")
    assert one.status_code == 200 and one.json()["price_amount"] == "4.50"


def test_facets_filter_as_on_the_catalogue_page(client, offerings):
    in_germany = client.get("/api/v1/offerings", {"hosting": "de"}).json()
    assert [o["name"] for o in in_germany["results"]] == ["Terminbuchung Nord"]
    hosting = client.get("/api/v1/offerings", {"category": ["hosting", "appointments"]}).json()
    assert hosting["count"] == 2
    wrong = client.get("/api/v1/offerings", {"hosting": "mond"})
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "query.hosting"


def test_a_newly_published_offering_shows_in_the_next_list_although_answers_are_kept(
    client, provider, provider_admin, shop_staff
):
    make_offering(provider, provider_admin, publish_by=shop_staff)
    assert client.get("/api/v1/offerings").json()["count"] == 1
    make_offering(provider, provider_admin, publish_by=shop_staff, name="Hosting Süd")
    names = [o["name"] for o in client.get("/api/v1/offerings").json()["results"]]
    assert names == ["Hosting Süd", "Terminbuchung Nord"]
