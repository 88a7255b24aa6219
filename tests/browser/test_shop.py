"""In a real browser: a buyer narrows the catalogue by hosting location, ticks two
offerings and compares them side by side (German UI, plain GET forms, no script needed)."""

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.procurement.catalogue_helpers import make_offering

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def catalogue(cluster, alice, private_files_in_tmp):
    firm = OrganisationFactory(name="Termin Nord GmbH", slug="termin-nord")
    MembershipFactory(organisation=firm, cluster=cluster)
    admin = UserFactory(is_superuser=True)
    for name, hosting in [
        ("Terminbuchung Nord", "de"),
        ("Termin Cloud Europa", "eu"),
        ("Termin Global", "non_eu"),
    ]:
        make_offering(firm, admin, publish_by=alice, name=name, hosting=hosting)


def test_buyer_filters_by_hosting_and_compares_two_offerings(live_server, page, catalogue):
    page.goto(live_server.url + reverse("procurement:catalogue"))
    # The result count comes first; the filters wait behind the closed "Filter" disclosure.
    assert page.locator("#results-heading").inner_text() == "3 Leistungen"
    eu = page.get_by_role("checkbox", name="In der EU/im EWR (einschließlich Deutschland)")
    assert not eu.is_visible()
    page.locator("summary", has_text="Filter").click()
    eu.check()
    page.get_by_role("button", name="Ergebnisse anzeigen").click()
    page.wait_for_url("**hosting=eu**")
    # A filter in use keeps the disclosure open, so the buyer sees what narrows the list.
    assert page.locator("details.catalogue-filters").get_attribute("open") is not None
    assert page.get_by_role("link", name="Terminbuchung Nord").is_visible()
    assert page.get_by_role("link", name="Termin Cloud Europa").is_visible()
    assert page.get_by_role("link", name="Termin Global").count() == 0

    page.get_by_label("„Terminbuchung Nord“ zum Vergleich hinzufügen").check()
    page.get_by_label("„Termin Cloud Europa“ zum Vergleich hinzufügen").check()
    page.get_by_role("button", name="Ausgewählte Leistungen vergleichen").click()
    page.wait_for_url("**/shop/compare/**")
    table = page.get_by_role("table")
    assert "Terminbuchung Nord" in table.inner_text()
    assert "Termin Cloud Europa" in table.inner_text()
    assert "Deutschland" in table.inner_text()


# Longer than a phone is wide, the way German compounds and keys can be.
LONG_WORD = "Rechenzentrumsbetriebsgesellschaftsvertragsverlängerungsvereinbarungsanlage"


@pytest.fixture
def phone(page):
    page.set_viewport_size({"width": 390, "height": 844})
    return page


def _overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_the_offering_page_fits_a_phone(live_server, phone, cluster, alice, private_files_in_tmp):
    firm = OrganisationFactory(name="Termin Nord GmbH", slug="termin-nord")
    MembershipFactory(organisation=firm, cluster=cluster)
    version = make_offering(
        firm,
        UserFactory(is_superuser=True),
        publish_by=alice,
        hosting_details=f"{LONG_WORD} im Rechenzentrum Kiel",
        reference_customers=f"Landeshauptstadt Kiel, seit 2023\n{LONG_WORD}",
        price_note=LONG_WORD,
        evb_it="cloud",
    )
    phone.goto(live_server.url + version.offering.get_absolute_url())
    assert phone.get_by_text("Auftragsverarbeitungsvertrag (Art. 28 DSGVO)").is_visible()
    assert _overflow(phone) <= 0


def test_on_a_phone_the_first_offering_comes_before_the_filters(live_server, phone, catalogue):
    phone.goto(live_server.url + reverse("procurement:catalogue"))
    assert _overflow(phone) <= 0
    first = phone.get_by_role("link", name="Termin Cloud Europa")
    filters = phone.locator("details.catalogue-filters")
    assert filters.get_attribute("open") is None
    assert first.bounding_box()["y"] < 1200


def test_the_advisors_result_comes_first_and_takes_the_focus(live_server, phone):
    phone.goto(
        live_server.url
        + reverse("procurement:advisor")
        + "?jurisdiction=SH&authority=municipal&category=services&value=20000&date=2026-02-01"
    )
    assert phone.evaluate("document.activeElement.id") == "advice-result"
    assert _overflow(phone) <= 0
