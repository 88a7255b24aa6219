"""The treasurer's pages: schedules, a fee run with its preview, individual fees."""

from decimal import Decimal

import pytest
from django.urls import reverse
from freezegun import freeze_time

from knotenpunkt.directory.models import Membership
from knotenpunkt.invoicing.models import Invoice
from knotenpunkt.memberships.models import BillingDetails, FeeOverride, FeeSchedule
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def january():
    with freeze_time("2026-01-15 10:00"):
        yield


@pytest.fixture
def two_members(cluster, schedule):
    for name, size in (("Nordwind GmbH", "small"), ("Werft AG", "large")):
        organisation = OrganisationFactory(
            name=name, size_class=size, street="Hafenstraße 1", email=f"{size}@ex.org"
        )
        MembershipFactory(organisation=organisation, cluster=cluster)


def test_staff_create_a_new_schedule_version_with_a_reason(client_for, alice, cluster, schedule):
    client = client_for(alice)
    url = reverse("memberships:schedule_new", args=[cluster.slug])
    page = client.get(url + "?year=2026")
    assert page.status_code == 200
    assert 'value="600.00"' in page.content.decode()  # prefilled from version 1
    data = {
        "year": "2026",
        "due_date": "2026-04-01",
        "pro_rata": "quarter",
        "minimum_fee": "0",
        "vat_rate": "0",
        "accepts_direct_debit": "on",
        "rate_paying_any": "1000",
        "change_reason": "",
    }
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "field-errors" in refused.content.decode()
    assert FeeSchedule.objects.count() == 1
    data["change_reason"] = "Beschluss der Mitgliederversammlung"
    response = client.post(url, data)
    assert response.status_code == 302
    latest = FeeSchedule.objects.get(version=2)
    assert latest.pro_rata == "quarter"
    assert [(r.kind, r.size_class, r.amount) for r in latest.rates.all()] == [
        ("paying", "", Decimal("1000.00"))
    ]
    listing = client.get(reverse("memberships:schedules", args=[cluster.slug])).content.decode()
    assert "Beschluss der Mitgliederversammlung" in listing


def test_a_schedule_without_any_fee_is_refused(client_for, alice, cluster, seller):
    response = client_for(alice).post(
        reverse("memberships:schedule_new", args=[cluster.slug]),
        {
            "year": "2027",
            "due_date": "2027-03-01",
            "pro_rata": "month",
            "minimum_fee": "0",
            "vat_rate": "0",
            "accepts_transfer": "on",
        },
    )
    assert response.status_code == 200
    assert not FeeSchedule.objects.exists()


def test_fee_run_preview_then_run(client_for, alice, cluster, two_members):
    client = client_for(alice)
    url = reverse("memberships:fee_run", args=[cluster.slug])
    preview = client.post(url, {"year": "2026", "action": "preview"})
    body = preview.content.decode()
    assert "Nordwind GmbH" in body and "Werft AG" in body
    assert not Invoice.objects.exists()
    done = client.post(url, {"year": "2026", "due_date": "", "action": "run"})
    assert done.status_code == 302
    assert Invoice.objects.count() == 2
    detail = client.get(done["Location"]).content.decode()
    assert "DIWISH-2026-00001" in detail
    again = client.post(url, {"year": "2026", "action": "run"}, follow=True)
    assert Invoice.objects.count() == 2
    assert again.status_code == 200


def test_a_fee_run_for_a_year_without_schedule_says_so(client_for, alice, cluster, seller):
    response = client_for(alice).post(
        reverse("memberships:fee_run", args=[cluster.slug]), {"year": "2030", "action": "preview"}
    )
    assert "2030" in response.content.decode()
    assert response.status_code == 200


def test_staff_of_another_cluster_reach_nothing(client_for, other_cluster, cluster, two_members):
    outsider = UserFactory(email="olaf@logistik.example", is_staff=True)
    other_cluster.staff.add(outsider)
    client = client_for(outsider)
    membership = Membership.objects.filter(cluster=cluster).first()
    for url in (
        reverse("memberships:schedules", args=[cluster.slug]),
        reverse("memberships:fee_run", args=[cluster.slug]),
        reverse("memberships:individual_fee", args=[membership.pk]),
    ):
        assert client.get(url).status_code in (403, 404)
    assert client.post(
        reverse("memberships:fee_run", args=[cluster.slug]), {"year": "2026", "action": "run"}
    ).status_code in (403, 404)
    assert not Invoice.objects.exists()


def test_individual_fee_needs_a_reason(client_for, alice, cluster, two_members):
    membership = Membership.objects.filter(cluster=cluster).first()
    url = reverse("memberships:individual_fee", args=[membership.pk])
    client = client_for(alice)
    assert client.post(url, {"amount": "100", "reason": ""}).status_code == 200
    assert not FeeOverride.objects.exists()
    assert client.post(url, {"amount": "100", "reason": "Härtefall"}).status_code == 302
    assert FeeOverride.objects.get().amount == Decimal("100.00")


def test_an_organisation_admin_sets_the_billing_address(client_for, bob, member_org):
    url = reverse("memberships:billing_details", args=[member_org.slug])
    client = client_for(bob)
    bad = client.post(url, {"invoice_email": "x@y.example", "leitweg_id": "123"})
    assert bad.status_code == 200
    assert not BillingDetails.objects.exists()
    assert client.post(url, {"invoice_email": "buchhaltung@nordlicht.example"}).status_code == 302
    assert BillingDetails.objects.get().invoice_email == "buchhaltung@nordlicht.example"


def test_a_member_who_is_not_admin_cannot_change_billing(client_for, carol, member_org):
    url = reverse("memberships:billing_details", args=[member_org.slug])
    assert client_for(carol).get(url).status_code == 403
