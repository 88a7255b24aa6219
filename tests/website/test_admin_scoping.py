"""Editors of one cluster never read another cluster's site names, pages, images or image
tags anywhere in Wagtail's editor (/cms/)."""

import io

import pytest
from django.core.files.images import ImageFile

from knotenpunkt.website.models import WebsiteImage
from knotenpunkt.website.services.sites import home_pages
from tests.website.conftest import add_article, png_bytes

pytestmark = pytest.mark.django_db

OTHER_NAMES = ("Logistik-Initiative", "logistik.example")


def other_image(site_b):
    image = WebsiteImage.objects.create(
        title="Lagerhalle",
        alt_text="Regale in einer Lagerhalle",
        file=ImageFile(io.BytesIO(png_bytes("blue")), name="lager.png"),
        collection=site_b.collection,
    )
    image.tags.add("Gabelstapler")
    return image


def test_the_page_listings_site_filter_names_only_the_own_site(client_for, alice, site_a, site_b):
    add_article(site_a, "Eigene Meldung")
    add_article(site_b, "Fremde Meldung")
    client = client_for(alice)
    home = next(p for p in home_pages(site_a) if p.locale.language_code == "de")
    for address in ("/cms/pages/", f"/cms/pages/{home.pk}/", "/cms/pages/search/?q=Meldung"):
        response = client.get(address)
        assert response.status_code == 200, address
        for name in OTHER_NAMES:
            assert name not in response.text, (address, name)
    filtered = client.get(f"/cms/pages/{home.pk}/", {"site": site_b.site.pk})
    assert "Fremde Meldung" not in filtered.text
    assert site_a.site.site_name in client.get(f"/cms/pages/{home.pk}/").text


def test_the_page_chooser_offers_only_own_pages(client_for, alice, site_a, site_b):
    add_article(site_a, "Eigene Meldung")
    add_article(site_b, "Fremde Meldung")
    client = client_for(alice)
    browse = client.get("/cms/choose-page/")
    assert browse.status_code == 200
    assert site_a.cluster.name in browse.text
    for name in OTHER_NAMES:
        assert name not in browse.text
    search = client.get("/cms/choose-page/search/", {"q": "Meldung"})
    assert "Eigene Meldung" in search.text and "Fremde Meldung" not in search.text
    for home in home_pages(site_b):
        assert "Fremde Meldung" not in client.get(f"/cms/choose-page/{home.pk}/").text


def test_the_image_chooser_offers_only_own_images_and_tags(
    client_for, alice, site_a, site_b, image
):
    image.tags.add("Hafenkante")
    other_image(site_b)
    client = client_for(alice)
    for address in ("/cms/images/chooser/", "/cms/images/"):
        response = client.get(address)
        assert response.status_code == 200, address
        assert "Hafen" in response.text
        assert "Hafenkante" in response.text
        assert "Lagerhalle" not in response.text and "Gabelstapler" not in response.text


def test_platform_admins_still_see_every_site(client_for, site_a, site_b):
    from tests.factories import UserFactory

    admin = UserFactory(is_superuser=True, is_staff=True)
    response = client_for(admin).get("/cms/pages/")
    assert "Logistik-Initiative" in response.text
