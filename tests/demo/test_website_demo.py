"""The websites demo (both clusters' sites in German and English, 40 articles over two
years, firm portraits and role models with consent) and the feed history of the demo
people (consents, opens, ratings, shares, the member's reasons and popular tab).

Built once for this module inside a transaction that is rolled back afterwards, like
test_demo.py; every test asks for `db` too so that pytest-django keeps them together.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Page, Revision, Site

from knotenpunkt.accounts.models import User
from knotenpunkt.demo.feed_history import MEMBER_LOGIN, build_feed_history_demo
from knotenpunkt.demo.plan import DIGITAL, MARITIME, SEED
from knotenpunkt.demo.tour import ROLES, website_stops
from knotenpunkt.demo.website import HOSTS, build_website_demo, demo_articles, demo_site
from knotenpunkt.directory.models import Person
from knotenpunkt.feed.models import FeedEntry, Notice, Rating, Share, Usage
from knotenpunkt.feed.rules import viewer_for_person
from knotenpunkt.feed.services.ranking import personal_feed, popular_feed
from knotenpunkt.feed.services.usage import has_profiling_consent
from knotenpunkt.website.models import (
    ArticleIndexPage,
    PortraitPage,
    StandardPage,
    WebsiteImage,
)
from knotenpunkt.website.services.portraits import portrait_consent_given

ROLE = {role.key: role for role in ROLES}


@pytest.fixture
def english():
    return Locale.objects.get(language_code="en")


def _get(client, cluster_slug, path):
    return client.get(path, HTTP_HOST=f"{HOSTS[cluster_slug]}:8000")


@pytest.mark.parametrize("cluster_slug", [DIGITAL["slug"], MARITIME["slug"]])
def test_each_cluster_has_home_about_news_and_press_live_in_both_languages(
    demo, db, client, cluster_slug
):
    cluster_site = demo_site(cluster_slug)
    assert cluster_site is not None
    paths = [
        *("/de/web/", "/de/web/ueber-uns/", "/de/web/aktuelles/", "/de/web/presse/"),
        *("/en/web/", "/en/web/about/", "/en/web/news/", "/en/web/press/"),
    ]
    for path in paths:
        assert _get(client, cluster_slug, path).status_code == 200, path
    home = _get(client, cluster_slug, "/de/web/").content.decode()
    assert cluster_site.cluster.name in home
    about = _get(client, cluster_slug, "/de/web/ueber-uns/").content.decode()
    assert "Mitglieder" in about and cluster_site.cluster.email in about
    assert "members" in _get(client, cluster_slug, "/en/web/about/").content.decode()
    press = _get(client, cluster_slug, "/de/web/presse/").content.decode()
    assert "Pressekontakt" in press


def test_the_digital_site_is_the_default_site(demo, db, client):
    default = Site.objects.get(is_default_site=True)
    assert default.cluster_site.cluster.slug == DIGITAL["slug"]
    # The test client's host has no site of its own: the digital cluster's answers.
    assert DIGITAL["name"] in client.get("/de/web/").content.decode()
    assert Site.objects.count() == 2  # Wagtail's placeholder is gone


def test_forty_articles_over_two_years_each_with_its_english_translation(demo, db, english):
    german = demo_articles().filter(locale__language_code="de", live=True)
    assert german.count() == 40
    now = timezone.now()
    dates = sorted(a.first_published_at for a in german)
    assert dates[-1] <= now
    assert now - dates[0] > datetime.timedelta(days=600)
    assert dates[-1] - dates[0] <= datetime.timedelta(days=731)
    # Spread out: no quarter of the two years without an article.
    quarters = {(now - d).days // 91 for d in dates}
    assert quarters >= set(range(7))
    for article in german:
        translation = article.get_translation(english)
        assert translation.live and translation.title != article.title
        assert translation.first_published_at == article.first_published_at
    kinds = set(german.values_list("kind", flat=True))
    assert kinds == {"news", "press_release", "event_report"}
    assert len(set(german.values_list("title", flat=True))) == 40


def test_articles_are_specific_and_linked_into_the_platform(demo, db, client):
    german = demo_articles().filter(locale__language_code="de", live=True)
    for article in german:
        assert article.topics.exists(), article
        paragraphs = [b for b in article.body if b.block_type == "paragraph"]
        assert 2 <= len(paragraphs) <= 5, article
        assert "{" not in article.title + article.teaser + str(article.body), article
    reports = german.filter(kind="event_report")
    assert reports.count() >= 5
    for report in reports:
        event = report.events.get()
        assert event.starts_at < report.first_published_at
        assert event.title in report.title
    assert german.filter(organisations__isnull=False).distinct().count() >= 15
    # Press releases are listed on the press page, the others on the news page.
    for article in german:
        parent = article.get_parent().slug
        assert parent == ("presse" if article.kind == "press_release" else "aktuelles")
    report = reports.first()
    page = client.get(report.get_url_parts()[2]).content.decode()
    assert report.title in page or report.title.replace("„", "&quot;") in page


def test_articles_have_a_publishing_history(demo, db):
    articles = demo_articles()
    live = articles.filter(live=True)
    for article in live:
        revision = article.live_revision
        assert revision is not None
        assert revision.created_at >= article.first_published_at
    corrected = [a for a in live if a.revisions.count() == 2]
    assert corrected
    for article in corrected:
        assert article.last_published_at > article.first_published_at
        assert "Korrektur" in str(article.body) or "Correction" in str(article.body)
    # One waits for its day (the scheduled run publishes it), one is a draft.
    scheduled = articles.filter(live=False, go_live_at__gt=timezone.now())
    assert scheduled.count() == 1
    assert Revision.objects.filter(
        object_id=str(scheduled.get().pk), approved_go_live_at__isnull=False
    ).exists()
    drafts = articles.filter(live=False, go_live_at__isnull=True)
    assert drafts.count() == 1 and drafts.get().latest_revision is not None


def test_images_have_alternative_texts(demo, db, client):
    images = WebsiteImage.objects.all()
    assert images.count() >= 4
    for image in images:
        assert len(image.alt_text) > 20 and image.width == 960
    article = (
        demo_articles()
        .filter(live=True, lead_image__isnull=False, path__startswith=_home_path(DIGITAL))
        .first()
    )
    page = client.get(article.get_url_parts()[2]).content.decode()
    assert f'alt="{article.lead_image.alt_text}"' in page
    about = client.get("/de/web/ueber-uns/").content.decode()
    assert "<img" in about and 'alt="Grafik' in about


def _home_path(spec) -> str:
    return demo_site(spec["slug"]).site.root_page.path


def test_twelve_firm_portraits_and_eight_role_models_with_consent(demo, db, english):
    german = PortraitPage.objects.live().filter(locale__language_code="de")
    firms = german.filter(series=PortraitPage.Series.COMPANY)
    role_models = german.filter(series=PortraitPage.Series.WOMEN_IN_TECH)
    assert firms.count() == 12 and role_models.count() == 8
    assert firms.filter(path__startswith=_home_path(DIGITAL)).count() == 8
    assert firms.filter(path__startswith=_home_path(MARITIME)).count() == 4
    assert firms.values("organisation").distinct().count() == 12
    for portrait in [*firms, *role_models]:
        assert portrait.person is not None and portrait_consent_given(portrait.person)
        consent = portrait.person.consents.filter(purpose="portrait").latest("recorded_at")
        assert consent.recorded_at < portrait.first_published_at
        assert portrait.get_translation(english).live
    for portrait in role_models:
        assert portrait.person.salutation == "ms"
        assert portrait.person.full_name in portrait.title
        assert portrait.organisation.positions.filter(person=portrait.person).exists()


def test_the_demo_pages_render(demo, db, client):
    for page in Page.objects.live().type(ArticleIndexPage, StandardPage).specific():
        site_id, root_url, path = page.get_url_parts()
        host = root_url.split("//")[1]
        assert client.get(path, HTTP_HOST=host).status_code == 200, path
    for portrait in PortraitPage.objects.live()[:6]:
        site_id, root_url, path = portrait.get_url_parts()
        response = client.get(path, HTTP_HOST=root_url.split("//")[1])
        assert response.status_code == 200
        assert portrait.person.full_name in response.content.decode()


# --- the feed ---------------------------------------------------------------------------------


@pytest.fixture
def member(demo, db):
    return User.objects.get(email=MEMBER_LOGIN).person


def test_many_demo_people_consented_and_used_the_feed(demo, db, member):
    assert has_profiling_consent(member)
    people = Usage.objects.values("person").distinct().count()
    assert people >= 50
    now = timezone.now()
    moments = list(Usage.objects.values_list("at", flat=True))
    assert min(moments) < now - datetime.timedelta(days=60) and max(moments) <= now
    # Nobody's use is recorded without their consent.
    for person in Person.objects.filter(feed_usage__isnull=False).distinct():
        assert has_profiling_consent(person)


def test_ratings_shares_and_notices_exist(demo, db, member):
    assert Rating.objects.count() >= 30
    assert Rating.objects.filter(useful=False).exists()
    assert Rating.objects.filter(rated_at__lt=timezone.now() - datetime.timedelta(days=14))
    entries = FeedEntry.objects.filter(useful__gt=0)
    assert entries.exists() and FeedEntry.objects.filter(opens__gt=0).count() >= 20
    assert Share.objects.count() >= 12
    received = Notice.objects.filter(recipient=member)
    assert received.count() >= 3
    assert received.filter(read_at__isnull=True).exists()
    assert Share.objects.filter(recipient=member).exclude(note="").exists()
    assert Share.objects.filter(sender=member).exists()


def test_the_members_feed_shows_reasons_and_a_popular_tab(demo, db, member, client):
    viewer = viewer_for_person(member)
    page = personal_feed(viewer, member.user)
    assert len(page.items) >= 10
    reasons = {item.reason[0] for item in page.items}
    assert "popular" in reasons and len(reasons) >= 2
    assert all(item.reason_text for item in page.items)
    popular = popular_feed(viewer, member.user)
    assert len(popular.items) >= 10
    client.force_login(member.user)
    html = client.get(reverse("feed:feed")).content.decode()
    assert "Beliebt in Ihrem Netzwerk" in html
    html = client.get(reverse("feed:feed") + "?tab=popular").content.decode()
    assert html.count("Beliebt in Ihrem Netzwerk") >= 5


def test_the_builders_do_nothing_a_second_time(demo, db):
    pages = Page.objects.count()
    usage = Usage.objects.count()
    assert build_website_demo(SEED) is False
    assert build_feed_history_demo(SEED) is False
    assert Page.objects.count() == pages and Usage.objects.count() == usage


@pytest.mark.parametrize("role_key", ["visitor", "member"])
def test_the_tour_visits_the_website_and_the_feed(demo, db, client, role_key):
    role = ROLE[role_key]
    if role.email:
        client.force_login(User.objects.get(email=role.email))
    stops = website_stops(role)
    expected = (
        {"website", "website-article", "website-portrait"}
        if role_key == "visitor"
        else {"feed", "feed-popular"}
    )
    assert {stop.name for stop in stops} == expected
    for stop in stops:
        assert client.get(stop.path).status_code == 200, stop
