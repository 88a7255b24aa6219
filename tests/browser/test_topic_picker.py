"""In a real browser, with the keyboard only: an organisation admin finds a topic among
the 228 by typing, chooses it, removes another from the chosen ones and saves."""

import pytest
from django.urls import reverse

from knotenpunkt.directory.models import Topic
from tests.browser.sessions import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_admin_finds_chooses_and_removes_topics_with_the_keyboard(live_server, page, bob):
    organisation = bob.person.positions.get().organisation
    cloud = Topic.objects.get(slug="cloud-und-infrastruktur")
    organisation.topics.add(cloud)
    log_in(page, live_server, bob)
    page.goto(live_server.url + reverse("directory:organisation_edit", args=[organisation.slug]))

    search = page.locator("#id_topics_search")
    assert search.is_visible()
    chips = page.locator(".topic-picker__chips button")
    assert chips.all_inner_texts() == [cloud.label_de]

    # "KI" is a synonym: it finds "Künstliche Intelligenz"; the live region counts.
    search.focus()
    page.keyboard.type("KI")
    status = page.locator("#id_topics_status")
    assert "passen" in status.inner_text() or "match" in status.inner_text()
    ai = Topic.objects.get(slug="kuenstliche-intelligenz")
    ai_box = page.locator(f'input[name="topics"][value="{ai.pk}"]')
    assert ai_box.is_visible()
    assert not page.locator(f'input[name="topics"][value="{cloud.pk}"]').is_visible()

    # Enter in the search box does not send the form.
    page.keyboard.press("Enter")
    assert search.is_visible() and page.url.endswith("/edit/")

    ai_box.focus()
    page.keyboard.press("Space")
    assert sorted(chips.all_inner_texts()) == sorted([cloud.label_de, ai.label_de])

    # Removing a chosen topic by keyboard unticks it and keeps the focus on the chips.
    chips.filter(has_text=cloud.label_de).focus()
    page.keyboard.press("Enter")
    assert chips.all_inner_texts() == [ai.label_de]
    assert page.evaluate("document.activeElement.closest('.topic-picker__chips') !== null")
    assert cloud.label_de in status.inner_text()

    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"**{organisation.get_absolute_url()}")
    assert list(organisation.topics.all()) == [ai]


def test_the_picker_needs_no_sideways_scrolling_on_a_phone(live_server, page, bob):
    page.set_viewport_size({"width": 390, "height": 844})
    organisation = bob.person.positions.get().organisation
    log_in(page, live_server, bob)
    page.goto(live_server.url + reverse("directory:organisation_edit", args=[organisation.slug]))
    page.locator("#id_topics_search").fill("Sicherheit")
    picker = page.locator(".topic-picker").bounding_box()
    assert picker["x"] + picker["width"] <= 390
