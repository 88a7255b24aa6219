"""In a real browser: cluster staff write an article with an image in the Wagtail editor,
publish it in German, translate it into English and publish that too; a visitor reads
both. The editor works under the admin's own content security policy (no script or image
of it blocked, nothing loaded from elsewhere). Then a member who follows the article's
topic finds it in their feed with the reason, opens it, sends it to a colleague with a
note (who finds it in their inbox) and rates it useful.

The feed half depends on what the feed page shows (feed/templates/feed/): the item's
title as a link, its reason text, a control named "Teilen" or "An ein Mitglied senden"
leading to a page with the person search ("Name der Person"), a recipient choice, a
note ("Ihre Notiz") and "Senden", and the "Nützlich" button (aria-pressed)."""

import io
import re

import pytest
from django.core.files.images import ImageFile
from playwright.sync_api import expect
from wagtail.models import Site

from knotenpunkt.directory.models import Topic
from knotenpunkt.feed.services import follows
from knotenpunkt.website.models import ArticlePage, WebsiteImage
from knotenpunkt.website.services.sites import ensure_cluster_site
from tests.browser.sessions import log_in
from tests.website.conftest import article_index, png_bytes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_staff_publish_an_article_with_an_image_in_german_and_english(
    page, live_server, new_context, alice, bob, carol, cluster
):
    # The live server answers as localhost on its own port: the cluster's site there.
    Site.objects.filter(hostname="localhost").delete()
    port = int(live_server.url.rsplit(":", 1)[1])
    site = ensure_cluster_site(cluster, "localhost", port=port)
    index = article_index(site)
    WebsiteImage.objects.create(
        title="Kieler Hafen",
        alt_text="Containerschiff im Kieler Hafen",
        file=ImageFile(io.BytesIO(png_bytes()), name="hafen.png"),
        collection=site.collection,
    )
    topic = Topic.objects.create(
        slug="hafenwirtschaft", label_de="Hafenwirtschaft", label_en="Hafenwirtschaft"
    )
    problems = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    log_in(page, live_server, alice)

    page.goto(f"{live_server.url}/cms/pages/add/website/articlepage/{index.pk}/")
    page.locator("#id_title").fill("Digitaltag an der Förde")
    page.locator("#id_teaser").fill("Zweihundert Gäste, zwölf Workshops, ein voller Hafen.")
    page.get_by_role("button", name="Bild auswählen").first.click()
    page.get_by_role("link", name="Kieler Hafen").click()
    expect(page.locator(".chooser__title", has_text="Kieler Hafen")).to_be_visible()
    page.locator("#id_topics").select_option(label="Hafenwirtschaft")
    page.get_by_role("button", name="Mehr Aktionen").click()
    page.get_by_role("button", name="Veröffentlichen").click()
    expect(page.locator(".messages")).to_contain_text("veröffentlicht", timeout=10_000)
    german = ArticlePage.objects.get(title="Digitaltag an der Förde")
    assert german.live and german.lead_image.alt_text == "Containerschiff im Kieler Hafen"

    # Translate it (simple_translation copies the page into English as a draft).
    page.goto(f"{live_server.url}/cms/translation/submit/page/{german.pk}/")
    page.get_by_label("Englisch").check()
    page.get_by_role("button", name="Abschicken").click()
    page.wait_for_load_state()
    english = ArticlePage.objects.exclude(pk=german.pk).get(translation_key=german.translation_key)
    page.goto(f"{live_server.url}/cms/pages/{english.pk}/edit/")
    page.locator("#id_title").fill("Digital Day on the Fjord")
    page.locator("#id_teaser").fill("Two hundred guests, twelve workshops, a full harbour.")
    page.get_by_role("button", name="Mehr Aktionen").click()
    page.get_by_role("button", name="Veröffentlichen").click()
    expect(page.locator(".messages")).to_contain_text("veröffentlicht", timeout=10_000)

    english.refresh_from_db()
    assert english.live and english.lead_image_id == german.lead_image_id
    assert problems == []

    visitor = page.context.browser.new_context()
    try:
        reader = visitor.new_page()
        reader.goto(live_server.url + german.url)
        expect(reader.locator("h1")).to_have_text("Digitaltag an der Förde")
        expect(reader.locator("img[alt='Containerschiff im Kieler Hafen']")).to_be_visible()
        reader.goto(live_server.url + english.url)
        expect(reader.locator("h1")).to_have_text("Digital Day on the Fjord")
        expect(reader.locator("html")).to_have_attribute("lang", "en")
    finally:
        visitor.close()

    # A member who follows the topic finds the article in the feed, with the reason.
    follows.set_follow(bob.person, "topic", topic.pk, "tracking")
    member = new_context().new_page()
    log_in(member, live_server, bob)
    member.goto(f"{live_server.url}/feed/")
    item = member.locator(".feed-item", has_text="Digitaltag an der Förde")
    expect(item.get_by_role("link", name="Digitaltag an der Förde")).to_be_visible()
    expect(item).to_contain_text("Weil Sie dem Thema Hafenwirtschaft folgen")
    expect(item).to_contain_text("Zweihundert Gäste")

    # Rated useful: the button says so at once (and the feed counts it).
    useful = item.get_by_role("button", name="Nützlich", exact=True)
    useful.click()
    expect(
        member.locator(".feed-item", has_text="Digitaltag an der Förde").get_by_role(
            "button", name="Nützlich", exact=True
        )
    ).to_have_attribute("aria-pressed", "true")

    # Sent to a colleague with a note.
    item.get_by_role("link", name=re.compile("^(Teilen|An ein Mitglied senden)$")).click()
    member.get_by_label("Name der Person").fill("Clausen")
    member.get_by_label("Name der Person").press("Enter")
    member.get_by_label(re.compile("Carol Clausen")).check()
    member.get_by_label("Ihre Notiz").fill("Das war unser Stand!")
    member.get_by_role("button", name="Senden", exact=True).click()
    expect(member.get_by_text("An Carol Clausen gesendet.")).to_be_visible()

    colleague = new_context().new_page()
    log_in(colleague, live_server, carol)
    colleague.goto(f"{live_server.url}/feed/inbox/")
    expect(colleague.get_by_text("Das war unser Stand!")).to_be_visible()
    expect(colleague.locator("main")).to_contain_text("Digitaltag an der Förde")

    # The title opens the article on the cluster's site, in the member's language.
    member.goto(f"{live_server.url}/feed/")
    member.get_by_role("link", name="Digitaltag an der Förde").click()
    expect(member.locator("h1")).to_have_text("Digitaltag an der Förde")
