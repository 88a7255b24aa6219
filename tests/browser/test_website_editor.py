"""In a real browser: cluster staff write an article with an image in the Wagtail editor,
publish it in German, translate it into English and publish that too; a visitor reads
both. The editor works under the admin's own content security policy (no script or image
of it blocked, nothing loaded from elsewhere)."""

import io

import pytest
from django.core.files.images import ImageFile
from playwright.sync_api import expect
from wagtail.models import Site

from knotenpunkt.website.models import ArticlePage, WebsiteImage
from knotenpunkt.website.services.sites import ensure_cluster_site
from tests.browser.sessions import log_in
from tests.website.conftest import article_index, png_bytes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_staff_publish_an_article_with_an_image_in_german_and_english(
    page, live_server, alice, cluster
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
