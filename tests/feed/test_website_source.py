"""The website's articles and portraits in the personal feed: one item per page and its
translations, in the reader's language, public or members-only as the page says."""

import pytest
from django.utils import translation
from wagtail.models import Locale, PageViewRestriction

from knotenpunkt.feed.models import FeedEntry
from knotenpunkt.feed.rules import viewer_for
from knotenpunkt.feed.services import entries, ranking
from knotenpunkt.privacy.models import Consent
from knotenpunkt.privacy.services import record_consent, withdraw_consent
from knotenpunkt.website.models import PortraitIndexPage, PortraitPage
from knotenpunkt.website.services.sites import home_pages
from tests.factories import PersonFactory, PositionFactory
from tests.website.conftest import HOST_A, add_article, website_hosts  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_a(cluster):
    from knotenpunkt.website.services.sites import ensure_cluster_site

    return ensure_cluster_site(cluster, HOST_A)


def feed_of(user):
    user = type(user).objects.get(pk=user.pk)
    return ranking.personal_feed(viewer_for(user), user)


def translate(page, title, teaser):
    english = page.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title, english.teaser, english.slug = title, teaser, f"{page.slug}-en"
    english.save_revision().publish()
    english.refresh_from_db()
    return english


def test_a_published_article_is_one_item_with_its_topics_and_cluster(site_a, cluster, cloud):
    article = add_article(site_a, "Digitaltag an der Förde", kind="news")
    article.topics.add(cloud)
    article.save_revision().publish()
    translate(article, "Digital Day on the Fjord", "Two hundred guests")
    add_article(site_a, "Entwurf", publish=False)
    entries.refresh_all()
    entry = FeedEntry.objects.get(source="website")
    assert entry.key == f"website.articlepage:{article.pk}"
    assert (entry.kind, entry.title, entry.summary) == (
        "article",
        "Digitaltag an der Förde",
        "Teaser zu Digitaltag an der Förde",
    )
    assert entry.topic_ids == [cloud.pk] and entry.cluster_ids == [cluster.pk]
    assert entry.audience == "public"


def test_the_reader_gets_the_title_and_page_in_their_language(client_for, site_a, bob, cloud):
    article = add_article(site_a, "Digitaltag an der Förde")
    article.topics.add(cloud)
    article.save_revision().publish()
    english = translate(article, "Digital Day on the Fjord", "Two hundred guests")
    entries.refresh_all()
    with translation.override("de"):
        assert [i.entry.title for i in feed_of(bob).items] == ["Digitaltag an der Förde"]
    with translation.override("en"):
        item = feed_of(bob).items[0]
    assert (item.entry.title, item.entry.summary) == (
        "Digital Day on the Fjord",
        "Two hundred guests",
    )
    entry = FeedEntry.objects.get(source="website")
    client = client_for(bob)
    german = client.get(entry.url.replace("/web/", "/de/web/", 1))
    assert german.status_code == 302 and german["Location"] == article.full_url
    english_redirect = client.get(entry.url.replace("/web/", "/en/web/", 1))
    assert english_redirect["Location"] == english.full_url
    # The feed's own link counts the open and goes the same way.
    opened = client.get(f"/feed/open/{entry.pk}/", follow=False)
    assert opened.status_code == 302


def test_publishing_and_unpublishing_refresh_the_item(site_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = add_article(site_a, "Sofort im Feed")
    assert FeedEntry.objects.filter(title="Sofort im Feed").exists()
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert not FeedEntry.objects.filter(source="website").exists()


def test_unpublishing_the_german_page_keys_the_item_by_the_english_one(
    site_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = add_article(site_a, "Zweisprachig")
        english = translate(article, "Bilingual", "Both")
    assert FeedEntry.objects.get(source="website").key.endswith(f":{article.pk}")
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    entry = FeedEntry.objects.get(source="website")
    assert entry.key.endswith(f":{english.pk}") and entry.title == "Bilingual"


def test_a_login_restricted_article_is_for_members_and_hidden_from_outsiders(
    site_a, cluster, bob, dave
):
    article = add_article(site_a, "Nur für Mitglieder")
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    secret = add_article(site_a, "Mit Passwort")
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    entries.refresh_all()
    entry = FeedEntry.objects.get(source="website")
    assert (entry.title, entry.audience) == ("Nur für Mitglieder", "members")
    assert [i.entry.title for i in feed_of(bob).items] == ["Nur für Mitglieder"]
    assert feed_of(dave).items == []


def test_a_portrait_reaches_the_followers_of_the_organisation(site_a, member_org, carol):
    from knotenpunkt.feed.services import follows

    person = PersonFactory(first_name="Frauke", last_name="Friedrichsen")
    PositionFactory(person=person, organisation=member_org, function="ceo")
    record_consent(person, Consent.Purpose.PORTRAIT, True, source="interview")
    home = next(p for p in home_pages(site_a) if p.locale.language_code == "de")
    index = PortraitIndexPage.objects.descendant_of(home).get()
    portrait = index.add_child(
        instance=PortraitPage(
            title="Frauke Friedrichsen", teaser="Gründerin", person=person, live=False
        )
    )
    portrait.save_revision().publish()
    entries.refresh_all()
    entry = FeedEntry.objects.get(source="website")
    assert (entry.kind, entry.organisation_id) == ("portrait", member_org.pk)
    follows.set_follow(carol.person, "organisation", member_org.pk, "watching")
    assert "Frauke Friedrichsen" in [i.entry.title for i in feed_of(carol).items]
    # Withdrawn consent takes the portrait offline, and out of the feed.
    withdraw_consent(None, person, Consent.Purpose.PORTRAIT, source="privacy page")
    entries.refresh_all()
    assert not FeedEntry.objects.filter(source="website").exists()
