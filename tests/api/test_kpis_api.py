"""Key figures through the API: the public KPIs of closed years for everybody; with a
token of scope kpis:read, the staff's figures of their clusters with targets and lights,
as the dashboard shows them; another cluster's staff get its public figures only."""

import pytest
from django.utils import timezone

from knotenpunkt.api.scopes import KPIS_READ, ME_READ
from knotenpunkt.api.tokens import create_token
from knotenpunkt.kpis.models import Kpi, KpiTarget
from tests.api.conftest import bearer
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

LAST_YEAR = timezone.localdate().year - 1


@pytest.fixture
def figures(cluster, member_org):
    """Two more members of DiWiSH (three at the end of last year); only members_end is
    public; a target for it."""
    for slug in ("zwei", "drei"):
        MembershipFactory(organisation=OrganisationFactory(slug=slug), cluster=cluster)
    Kpi.objects.filter(key="members_end").update(is_public=True)
    Kpi.objects.exclude(key="members_end").update(is_public=False)
    KpiTarget.objects.create(
        kpi=Kpi.objects.get(key="members_end"), cluster=cluster, year=LAST_YEAR, target=4
    )


def token(user, *scopes):
    return bearer(create_token(user, "Board", list(scopes), 30)[1])


def test_everybody_sees_the_public_kpis_of_the_last_closed_year(client, figures):
    response = client.get("/api/v1/kpis", {"cluster": "diwish"})
    assert response.status_code == 200, response.content
    [members] = response.json()["results"]
    assert members["key"] == "members_end" and members["name"] == members["name_de"]
    assert members["figure"] == {"year": LAST_YEAR, "value": 3.0, "target": None, "light": None}


def test_the_current_year_is_for_staff_only(client, figures, alice):
    response = client.get("/api/v1/kpis", {"year": LAST_YEAR + 1}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert str(LAST_YEAR) in response.json()["detail"]
    staff = client.get("/api/v1/kpis", {"year": LAST_YEAR + 1}, **token(alice, KPIS_READ))
    assert staff.status_code == 200


def test_staff_see_every_kpi_with_targets_and_lights(client, figures, alice):
    response = client.get(
        "/api/v1/kpis", {"year": LAST_YEAR, "page_size": 100}, **token(alice, KPIS_READ)
    )
    kpis = {k["key"]: k for k in response.json()["results"]}
    assert len(kpis) > 1 and Kpi.objects.filter(is_active=True).count() >= len(kpis)
    assert kpis["members_end"]["figure"]["target"] == 4.0
    assert kpis["members_end"]["figure"]["light"] in ("amber", "red")
    without_scope = client.get("/api/v1/kpis", {"year": LAST_YEAR}, **token(alice, ME_READ))
    assert without_scope.status_code == 403
    public = client.get("/api/v1/kpis", {"year": LAST_YEAR}).json()
    assert [k["key"] for k in public["results"]] == ["members_end"]


def test_another_clusters_staff_get_its_public_figures_only(client, figures, other_cluster):
    stranger = UserFactory(email="stan@logistik.example", is_staff=True)
    other_cluster.staff.add(stranger)
    response = client.get("/api/v1/kpis", {"cluster": "diwish"}, **token(stranger, KPIS_READ))
    [members] = response.json()["results"]
    assert members["figure"]["target"] is None
    hidden = client.get(
        "/api/v1/kpis/events_held", {"cluster": "diwish"}, **token(stranger, KPIS_READ)
    )
    assert hidden.status_code == 404


def test_a_kpi_over_the_years(client, figures, alice):
    response = client.get("/api/v1/kpis/members_end", {"cluster": "diwish"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["clusters"] == ["diwish"]
    assert body["series"][-1]["year"] == LAST_YEAR and body["series"][-1]["value"] == 3.0
    assert body["series"][0]["year"] == max(2020, LAST_YEAR - 9)
    assert client.get("/api/v1/kpis/events_held").status_code == 404
    staff = client.get("/api/v1/kpis/events_held", **token(alice, KPIS_READ))
    assert staff.status_code == 200 and staff.json()["series"][-1]["year"] == LAST_YEAR + 1
    assert client.get("/api/v1/kpis", {"cluster": "nirgends"}).status_code == 404
