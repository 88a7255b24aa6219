"""In a real browser: staff set a KPI target, see the traffic light change, and take the
yearly report for the board."""

from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.browser.sessions import log_in
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def members_2025(cluster):
    for name in ("Nordlicht Software", "Förde Digital", "Kieler Werft", "Lotsenhaus"):
        MembershipFactory(
            organisation=OrganisationFactory(name=name),
            cluster=cluster,
            start_date=date(2024, 3, 1),
        )


def row_of(page, key):
    return page.locator(f"#kpi-{key}")


def test_set_a_target_see_the_light_and_export_the_yearly_report(
    live_server, page, members_2025, alice, tmp_path
):
    log_in(page, live_server, alice)
    page.goto(live_server.url + reverse("kpis:dashboard") + "?cluster=diwish&year=2025")
    members = row_of(page, "members_end")
    assert members.locator("td .kpi-figure").first.inner_text() == "4"
    assert members.locator(".kern-badge").count() == 0

    # A target of 5 members: 4 is 80 %, below the amber band from 90 %.
    members.get_by_role("link", name="Ziel setzen").click()
    page.locator("[name=target]").fill("5")
    page.get_by_role("button", name="Ziel speichern").click()
    page.wait_for_load_state()
    assert row_of(page, "members_end").get_by_text("Ziel verfehlt").is_visible()

    # Lowered to 4: reached.
    row_of(page, "members_end").get_by_role("link", name="Ziel setzen").click()
    page.locator("[name=target]").fill("4")
    page.get_by_role("button", name="Ziel speichern").click()
    page.wait_for_load_state()
    assert row_of(page, "members_end").get_by_text("Ziel erreicht").is_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name="Jahresbericht (XLSX)").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "kennzahlen-diwish-2025.xlsx"
    rows = list(load_workbook(saved).worksheets[0].iter_rows(values_only=True))
    members_row = next(row for row in rows if row[0] == "Mitglieder zum Jahresende")
    assert members_row[2:5] == (4, 4, "Ziel erreicht")
