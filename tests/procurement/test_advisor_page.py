"""The advisor page starts from the buyer's own authority and jurisdiction, and shows its
result first, with the focus moved to it."""

import re

import pytest
from django.urls import reverse

from knotenpunkt.directory.models import Organisation, Region
from tests.factories import OrganisationFactory
from tests.procurement.conftest import person_with_account

ADVICE = {
    "jurisdiction": "SH",
    "authority": "municipal",
    "category": "services",
    "value": "20000",
    "date": "2026-02-01",
}


def _selected(html: str, name: str) -> str | None:
    """The value of the chosen option of the select `name`."""
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S)
    chosen = re.search(r'<option value="([^"]*)"[^>]*selected', select.group(0))
    return chosen.group(1) if chosen else None


def test_a_city_buyer_starts_from_its_land_and_its_kind_of_authority(client_for, buyer_user):
    html = client_for(buyer_user).get(reverse("procurement:advisor")).content.decode()
    assert _selected(html, "jurisdiction") == "SH"
    assert _selected(html, "authority") == "municipal"
    assert (
        "Preselected for your administration Landeshauptstadt Kiel: Schleswig-Holstein, "
        "Municipality." in html
    )


def test_a_registered_but_unverified_buyer_starts_from_its_registration(
    client_for, unverified_buyer_user, unverified_buyer
):
    unverified_buyer.jurisdiction = "NI"
    unverified_buyer.authority_kind = "land"
    unverified_buyer.save()
    html = client_for(unverified_buyer_user).get(reverse("procurement:advisor")).content.decode()
    assert _selected(html, "jurisdiction") == "NI"
    assert _selected(html, "authority") == "land"


def test_a_public_body_without_registration_starts_from_the_land_of_its_region(client_for, db):
    hamburg = Region.objects.filter(ags__startswith="02").first()
    assert hamburg is not None
    office = OrganisationFactory(
        name="Bezirksamt Altona",
        slug="altona",
        actor_type=Organisation.ActorType.PUBLIC,
        legal_form="public",
        region=hamburg,
    )
    user = person_with_account(office, "Ali", "Aydin", "ali@altona.example")
    html = client_for(user).get(reverse("procurement:advisor")).content.decode()
    assert _selected(html, "jurisdiction") == "HH"
    assert "Preselected from the region of Bezirksamt Altona: Hamburg." in html
    assert "Please check the kind of contracting authority." in html


def test_a_firm_gets_no_preselection(client_for, provider_admin):
    html = client_for(provider_admin).get(reverse("procurement:advisor")).content.decode()
    assert "Preselected" not in html


def test_the_buyers_own_choice_in_the_address_wins_over_the_preselection(client_for, buyer_user):
    response = client_for(buyer_user).get(
        reverse("procurement:advisor"), {**ADVICE, "jurisdiction": "BY"}
    )
    assert _selected(response.content.decode(), "jurisdiction") == "BY"


@pytest.mark.parametrize("who", ["anonymous", "buyer"])
def test_the_advice_comes_before_the_form_and_takes_the_focus(client, buyer_user, who):
    if who == "buyer":
        client.force_login(buyer_user)
    html = client.get(reverse("procurement:advisor"), ADVICE).content.decode()
    result = html.index('id="advice-result"')
    assert result < html.index('id="advisor-form"')
    section = re.search(r'<section id="advice-result"[^>]*>', html).group(0)
    assert 'tabindex="-1"' in section
    assert "data-focus-on-load" in section
    # The focus moves by a script file from our own origin (the CSP forbids inline script),
    # and without script the form's address scrolls to the result.
    assert re.search(r'<script src="/static/procurement/focus-result[^"]*\.js" defer>', html)
    assert 'action="/shop/advisor/#advice-result"' in html
    assert "<script>" not in html


def test_without_advice_nothing_takes_the_focus(client, db):
    html = client.get(reverse("procurement:advisor")).content.decode()
    assert "data-focus-on-load" not in html
    assert "focus-result" not in html
