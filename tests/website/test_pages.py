from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from wagtail.images.forms import get_image_form
from wagtail.models import Locale

from knotenpunkt.website.feed_source import published_articles
from knotenpunkt.website.forms import alt_text_required_message
from knotenpunkt.website.models import WebsiteImage
from tests.website.conftest import HOST_A, HOST_B, add_article

pytestmark = pytest.mark.django_db


def test_home_page_renders_in_german_and_english(client, site_a):
    german = client.get("/de/web/", HTTP_HOST=HOST_A)
    english = client.get("/en/web/", HTTP_HOST=HOST_A)
    assert german.status_code == english.status_code == 200
    assert '<html lang="de">' in german.text and 'href="/de/web/aktuelles/"' in german.text
    assert '<html lang="en">' in english.text and 'href="/en/web/news/"' in english.text
    # The language switcher links the page's translation.
    assert 'hreflang="en"' in german.text and 'href="/en/web/"' in german.text


def test_article_renders_with_lead_image_alt_text_in_both_languages(client, site_a, image):
    article = add_article(site_a, "Neuer Hafen", lead_image=image)
    english = article.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title, english.slug = "New port", "new-port"
    english.save_revision().publish()
    english.refresh_from_db()
    german_page = client.get(article.url, HTTP_HOST=HOST_A)
    english_page = client.get(english.url, HTTP_HOST=HOST_A)
    assert german_page.status_code == english_page.status_code == 200
    assert 'alt="Containerschiff im Kieler Hafen"' in german_page.text
    assert "<h1" in german_page.text and "New port" in english_page.text


def test_article_pages_of_other_sites_are_not_served_under_this_host(client, site_a, site_b):
    article = add_article(site_b, "Nur Logistik")
    assert client.get(article.url, HTTP_HOST=HOST_B).status_code == 200
    assert client.get(article.url, HTTP_HOST=HOST_A).status_code == 404


def test_image_without_alt_text_is_refused(site_a):
    form = get_image_form(WebsiteImage)(data={"title": "Ohne Text", "alt_text": ""})
    assert not form.is_valid()
    with translation.override("en"):
        assert str(alt_text_required_message) in form.errors["alt_text"]


def test_scheduled_article_goes_live_with_publish_scheduled(client, site_a):
    article = add_article(site_a, "Später", publish=False)
    article.go_live_at = timezone.now() + timedelta(hours=1)
    revision = article.save_revision()
    revision.publish()
    article.refresh_from_db()
    assert not article.live
    assert client.get("/de/web/aktuelles/spaeter/", HTTP_HOST=HOST_A).status_code == 404
    revision.refresh_from_db()
    # An hour later (the command compares with the clock):
    past = timezone.now() - timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled")
    article.refresh_from_db()
    assert article.live
    assert client.get(article.url, HTTP_HOST=HOST_A).status_code == 200


def test_feed_lists_only_published_public_articles_of_the_site(client, site_a, site_b):
    add_article(site_a, "Veröffentlicht")
    add_article(site_a, "Entwurf", publish=False)
    add_article(site_b, "Andere Seite")
    rss = client.get("/de/web/feed/rss/", HTTP_HOST=HOST_A)
    atom = client.get("/de/web/feed/atom/", HTTP_HOST=HOST_A)
    assert rss.status_code == atom.status_code == 200
    assert rss["Content-Type"].startswith("application/rss+xml")
    for feed in (rss, atom):
        assert "Veröffentlicht" in feed.text
        assert "Entwurf" not in feed.text
        assert "Andere Seite" not in feed.text


def test_feed_source_hands_the_feed_app_what_it_needs(site_a, cluster):
    article = add_article(site_a, "Für den Feed")
    add_article(site_a, "Noch nicht", publish=False)
    items = published_articles(since=timezone.now() - timedelta(days=1))
    assert [item.id for item in items] == [article.pk]
    item = items[0]
    assert item.locale == "de" and item.teaser == "Teaser zu Für den Feed"
    assert item.url == article.full_url
    assert item.url.startswith(f"http://{site_a.site.hostname}/de/web/aktuelles/")
    assert published_articles(since=timezone.now() + timedelta(days=1)) == []


def test_public_pages_keep_the_platforms_content_security_policy(client, site_a):
    platform = client.get("/")
    website = client.get("/de/web/", HTTP_HOST=HOST_A)
    assert website["Content-Security-Policy"] == platform["Content-Security-Policy"]
    assert "unsafe-inline" not in website["Content-Security-Policy"]


def test_only_the_cms_gets_the_relaxed_policy(client_for, alice, site_a):
    response = client_for(alice).get("/cms/", HTTP_HOST=HOST_A)
    assert response.status_code == 200
    assert "style-src 'self' 'unsafe-inline'" in response["Content-Security-Policy"]
