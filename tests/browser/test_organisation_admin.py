"""In a real browser: an organisation admin logs in, edits the profile and finds the
change in the public directory search."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_organisation_admin_edits_profile_and_finds_it_in_the_directory(live_server, page, bob):
    page.goto(live_server.url + reverse("accounts:login"))
    page.get_by_label("E-Mail-Adresse").fill("bob@nordlicht.example")
    page.get_by_label("Passwort").fill("Geheim-Passwort-2026")
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url("**/accounts/me/")

    page.goto(live_server.url + reverse("directory:organisation_edit", args=["nordlicht"]))
    page.get_by_label("Beschreibung").fill("Wir entwickeln **Unterwasserrobotik** für Häfen.")
    page.get_by_role("button", name="Profil speichern").click()
    page.wait_for_url("**/directory/o/nordlicht/")
    assert page.get_by_role("heading", name="Über uns").is_visible()
    assert page.locator("strong", has_text="Unterwasserrobotik").is_visible()

    page.goto(live_server.url + reverse("directory:organisations"))
    search = page.get_by_role("searchbox", name="Suche")
    search.fill("Unterwasserrobotik")
    search.press("Enter")
    result = page.get_by_role("link", name="Nordlicht Software GmbH")
    result.wait_for()
    # The count above the filters follows the search (htmx swaps it out of band).
    expect(page.locator("#results-count")).to_have_text("1 Organisation")
