"""Wagtail's admin (/cms/) behind the platform's rules: staff edit their own cluster's site."""

import pytest

from knotenpunkt.website.services.sites import home_pages
from tests.factories import UserFactory
from tests.website.conftest import HOST_A, add_article

pytestmark = pytest.mark.django_db


def test_outsiders_and_members_have_no_access_to_the_cms(client_for, carol, site_a):
    response = client_for(carol).get("/cms/")
    assert response.status_code in (302, 403)
    assert "/cms/login/" in response.get("Location", "") or response.status_code == 403


def test_staff_of_a_cluster_see_only_their_sites_pages(client_for, alice, site_a, site_b):
    own = add_article(site_a, "Eigene Meldung")
    foreign = add_article(site_b, "Fremde Meldung")
    client = client_for(alice)
    explorer = client.get("/cms/pages/")
    assert explorer.status_code == 200
    for home in home_pages(site_a):
        assert f"/cms/pages/{home.pk}/" in explorer.text
    for home in home_pages(site_b):
        assert f"/cms/pages/{home.pk}/" not in explorer.text
    for home in home_pages(site_b):
        # Even asked by address, the other site's page tree lists none of its pages.
        listing = client.get(f"/cms/pages/{home.pk}/")
        assert f"/cms/pages/{foreign.pk}/" not in listing.text
        assert "/edit/" not in listing.text or f"/cms/pages/{home.pk}/edit/" not in listing.text
    assert client.get(f"/cms/pages/{own.pk}/edit/").status_code == 200
    assert client.get(f"/cms/pages/{foreign.pk}/edit/").status_code in (302, 403, 404)
    search = client.get("/cms/pages/search/", {"q": "Meldung"})
    assert "Eigene Meldung" in search.text and "Fremde Meldung" not in search.text


def test_staff_see_only_their_clusters_images(client_for, alice, site_a, site_b, image):
    image.collection = site_b.collection
    image.save()
    response = client_for(alice).get("/cms/images/")
    assert response.status_code == 200
    assert "Hafen" not in response.text


def test_new_staff_member_gets_access_to_the_cms(client, cluster, site_a):
    newcomer = UserFactory()
    client.force_login(newcomer)
    assert client.get("/cms/", HTTP_HOST=HOST_A).status_code == 302
    cluster.staff.add(newcomer)
    assert client.get("/cms/", HTTP_HOST=HOST_A).status_code == 200
