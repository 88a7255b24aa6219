"""KPI dashboards: targets and traffic lights, drill-down, scoping, the yearly report."""

from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.kpis.models import Kpi, KpiTarget
from knotenpunkt.kpis.services.targets import set_target
from knotenpunkt.kpis.services.values import AMBER, GREEN, RED, light
from tests.factories import (
    EventFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def members(cluster, other_cluster):
    """Four members of the cluster in 2025 (one left on 31 December), two of the other."""
    for name in ("Nordlicht", "Förde Digital", "Kieler Werft"):
        MembershipFactory(
            organisation=OrganisationFactory(name=name),
            cluster=cluster,
            start_date=date(2024, 3, 1),
        )
    MembershipFactory(
        organisation=OrganisationFactory(name="Hafenkontor"),
        cluster=cluster,
        start_date=date(2025, 2, 1),
        end_date=date(2025, 12, 31),
        status="ended",
    )
    for name in ("Speicherstadt Logistik", "Elbe Cargo"):
        MembershipFactory(
            organisation=OrganisationFactory(name=name),
            cluster=other_cluster,
            start_date=date(2025, 5, 1),
        )


def kpi(key):
    return Kpi.objects.get(key=key)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("value", "target", "expected"),
    [(100, 100, GREEN), (95, 100, AMBER), (90, 100, AMBER), (89, 100, RED), (0, 0, GREEN)],
)
def test_lights_for_a_figure_that_should_grow(value, target, expected):
    assert light(kpi("members_end"), value, target) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("value", "target", "expected"),
    [(10, 10, GREEN), (8, 10, GREEN), (11, 10, AMBER), (12, 10, RED)],
)
def test_lights_for_a_figure_that_should_stay_low(value, target, expected):
    exits = kpi("exits")
    assert not exits.higher_is_better
    assert light(exits, value, target) == expected


@pytest.mark.django_db
def test_every_required_kpi_exists_with_both_names_and_a_definition():
    required = {
        "members_end",
        "entries",
        "exits",
        "net",
        "actor_mix",
        "fee_revenue",
        "events_held",
        "participants",
        "newsletter_reach",
        "newsletter_openings",
        "needs_matched",
        "shop_orders",
        "knowledge_transfer_events",
        "cooperations",
    }
    kpis = {k.key: k for k in Kpi.objects.all()}
    assert required <= set(kpis)
    for key in required:
        assert kpis[key].name_de and kpis[key].name_en and kpis[key].definition_de
    assert kpis["entries"].name_de == "Eintritte"
    assert kpis["entries"].name_en == "Entries"


def test_staff_set_a_target_and_the_light_follows(client_for, alice, cluster, members):
    client = client_for(alice)
    url = reverse("kpis:target", args=["members_end", 2025]) + f"?cluster={cluster.slug}"
    response = client.post(url, {"target": "5", "note": "Strategie 2025", "cluster": cluster.slug})
    assert response.status_code == 302
    board = client.get(
        reverse("kpis:dashboard"),
        {"cluster": cluster.slug, "year": 2025},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    row = board.content.decode().split('id="kpi-members_end"')[1].split("</tr>")[0]
    # Three members at year end (Hafenkontor left on 31 December): 60 % of 5 is red.
    assert '<span class="kpi-figure">3</span>' in row and "Target missed" in row
    client.post(url, {"target": "3", "cluster": cluster.slug})
    board = client.get(
        reverse("kpis:dashboard"),
        {"cluster": cluster.slug, "year": 2025},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    row = board.content.decode().split('id="kpi-members_end"')[1].split("</tr>")[0]
    assert "Target reached" in row
    entry = AuditEntry.objects.filter(action="kpis.target.set").latest("pk")
    assert (entry.data["old"], entry.data["new"]) == ("5.00", "3")


def test_a_target_cannot_be_negative_and_nothing_is_stored(client_for, alice, cluster):
    url = reverse("kpis:target", args=["entries", 2025]) + f"?cluster={cluster.slug}"
    response = client_for(alice).post(url, {"target": "-4", "cluster": cluster.slug})
    assert response.status_code == 200
    assert response.context["form"].errors["target"]
    assert not KpiTarget.objects.exists()


@pytest.mark.django_db
def test_a_mix_has_no_target():
    with translation.override("en"), pytest.raises(ValidationError, match="no single value"):
        set_target(None, kpi("actor_mix"), None, 2025, Decimal("50"))


def test_staff_of_another_cluster_reach_neither_figures_nor_targets(
    client_for, cluster, other_cluster, members
):
    stranger = UserFactory(email="staff@logistik.example", is_staff=True)
    other_cluster.staff.add(stranger)
    client = client_for(stranger)
    assert client.get(reverse("kpis:dashboard"), {"cluster": cluster.slug}).status_code == 404
    drill = reverse("kpis:drill_down", args=["members_end", 2025])
    assert client.get(drill, {"cluster": cluster.slug}).status_code == 404
    target = reverse("kpis:target", args=["members_end", 2025])
    assert (
        client.post(
            target + f"?cluster={cluster.slug}", {"target": "1", "cluster": cluster.slug}
        ).status_code
        == 404
    )
    # Their own figures list only their members.
    page = client.get(drill, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Elbe Cargo" in page and "Nordlicht" not in page
    assert not KpiTarget.objects.exists()


def test_members_see_no_figures(client_for, bob):
    assert client_for(bob).get(reverse("kpis:dashboard")).status_code == 403


def test_only_platform_admins_set_the_installations_targets(client_for, alice):
    url = reverse("kpis:target", args=["members_end", 2025])
    assert client_for(alice).post(url, {"target": "10"}).status_code == 403
    root = UserFactory(email="root@example.org", is_superuser=True, is_staff=True)
    assert client_for(root).post(url, {"target": "10"}).status_code == 302
    assert KpiTarget.objects.get(cluster=None).target == 10


def test_the_list_behind_a_figure_matches_it(client_for, alice, cluster, members):
    page = client_for(alice).get(
        reverse("kpis:drill_down", args=["exits", 2025]),
        {"cluster": cluster.slug},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert page.context["figure"].value == 1
    assert [row.label for row in page.context["rows"]] == ["Hafenkontor"]
    assert "31.12.2025" in page.content.decode() or "Dec. 31, 2025" in page.content.decode()


def test_across_clusters_a_co_hosted_event_counts_once(client_for, cluster, other_cluster):
    root = UserFactory(email="root@example.org", is_superuser=True, is_staff=True)
    event = EventFactory(
        title="Nordgipfel",
        clusters=[cluster, other_cluster],
        # 23:30 UTC on 31 December 2024 is 2025 in Berlin.
        starts_at=datetime(2024, 12, 31, 23, 30, tzinfo=ZoneInfo("UTC")),
        is_published=True,
    )
    ticket = event.ticket_types.first() or event.ticket_types.create(name="Teilnahme")
    for _n in range(3):
        event.registrations.create(
            ticket_type=ticket, person=PersonFactory(), checked_in_at=event.starts_at
        )
    board = client_for(root).get(reverse("kpis:dashboard"), {"year": 2025}).context["board"]
    line = next(line for line in board.lines if line.kpi.key == "events_held")
    assert [figure.value for _column, figure in line.cells] == [1, 1, 1]
    participants = next(line for line in board.lines if line.kpi.key == "participants")
    assert [figure.value for _column, figure in participants.cells] == [3, 3, 3]


def test_the_yearly_report_as_workbook_and_pdf(client_for, alice, cluster, members):
    KpiTarget.objects.create(
        kpi=kpi("members_end"), cluster=cluster, year=2025, target=Decimal("3.3")
    )
    client = client_for(alice)
    response = client.get(reverse("kpis:report_xlsx"), {"cluster": cluster.slug, "year": 2025})
    assert response["Content-Disposition"] == 'attachment; filename="kennzahlen-diwish-2025.xlsx"'
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    rows = {row[0]: row for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert rows["Mitglieder zum Jahresende"][2:5] == (3, 3.3, "Ziel knapp verfehlt")
    pdf = client.get(reverse("kpis:report_pdf"), {"cluster": cluster.slug, "year": 2025})
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
