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
    page.get_by_role("checkbox", name="In der EU/im EWR (einschließlich Deutschland)").check()
    page.get_by_role("button", name="Ergebnisse anzeigen").click()
    page.wait_for_url("**hosting=eu**")
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
