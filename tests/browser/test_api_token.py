"""In a real browser: an organisation admin makes a token under "Meine Daten", an API
client (another program, not the browser) changes the organisation's profile with it,
and the profile page shows the change."""

import json
import urllib.request

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.sessions import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_token_made_in_my_data_lets_a_client_change_the_profile(live_server, page, bob):
    log_in(page, live_server, bob)
    page.goto(live_server.url + reverse("accounts:me"))
    page.get_by_role("link", name="Zugangsschlüssel für die API").click()
    page.get_by_label("Name").fill("Website-Sync")
    page.get_by_label("Das Profil von Organisationen ändern, die Sie verwalten").check()
    page.get_by_label("Handelt für").select_option(label="Nordlicht Software GmbH")
    page.get_by_role("button", name="Schlüssel erstellen").click()
    expect(page.get_by_text("nur dieses eine Mal angezeigt")).to_be_visible()
    token = page.locator("#token-text").inner_text().strip()
    assert token.startswith("kp_")
    expect(page.get_by_role("cell", name="Nordlicht Software GmbH")).to_be_visible()

    request = urllib.request.Request(  # noqa: S310 - the test's own server
        live_server.url + "/api/v1/organisations/nordlicht",
        data=json.dumps({"description": "Wir bauen **Seekarten** aus Satellitendaten."}).encode(),
        method="PATCH",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request) as answer:  # noqa: S310 - the test's own server
        assert answer.status == 200
        assert json.load(answer)["description"].startswith("Wir bauen")

    page.goto(live_server.url + reverse("directory:organisation", args=["nordlicht"]))
    expect(page.locator("strong", has_text="Seekarten")).to_be_visible()
    # Reloading the tokens page does not show the token again.
    page.goto(live_server.url + reverse("api_tokens:list"))
    expect(page.locator("#token-text")).to_have_count(0)
    expect(page.get_by_role("rowheader", name="Website-Sync")).to_be_visible()
