"""Invoices through the API: those addressed to the token user's person or to an
organisation they administer; an organisation token sees its organisation's only; the PDF
and the e-invoice to download."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from knotenpunkt.api.scopes import INVOICES_READ, ME_READ
from knotenpunkt.api.tokens import create_token
from knotenpunkt.invoicing.models import Invoice
from knotenpunkt.invoicing.services import Line, Party, create_invoice
from tests.api.conftest import bearer
from tests.factories import (
    InvoiceSettingsFactory,
    MembershipFactory,
    OrganisationFactory,
    PositionFactory,
)

BUYER = Party(
    name="Nordlicht Software GmbH",
    street="Holtenauer Straße 1",
    postcode="24105",
    city="Kiel",
    email="buchhaltung@nordlicht.example",
)


@pytest.fixture
def seller(cluster):
    cluster.street, cluster.postcode, cluster.city = "Lorentzendamm 24", "24103", "Kiel"
    cluster.email = "rechnung@diwish.example"
    cluster.save()
    return InvoiceSettingsFactory(cluster=cluster, number_prefix="DIWISH")


def issue(seller, **kwargs):
    line = Line("Ticket Zukunftsgipfel", Decimal("1"), Decimal("100.00"), Decimal("19"))
    return create_invoice(None, cluster=seller.cluster, buyer=BUYER, lines=[line], **kwargs)


@pytest.fixture
def invoices(seller, member_org, carol, dave, bob):
    """One to Nordlicht (Bob administers it), one to Dave's person, one to another firm
    whose admin Bob also is, one to a firm Bob has nothing to do with."""
    other = OrganisationFactory(name="Hafenlogik GmbH", slug="hafenlogik")
    MembershipFactory(organisation=other, cluster=seller.cluster)
    PositionFactory(person=bob.person, organisation=other, is_admin=True)
    stranger = OrganisationFactory(name="Fremd AG", slug="fremd")
    return {
        "nordlicht": issue(seller, organisation=member_org),
        "dave": issue(seller, person=dave.person),
        "hafenlogik": issue(seller, organisation=other),
        "fremd": issue(seller, organisation=stranger),
    }


def numbers(response) -> set[str]:
    return {i["number"] for i in response.json()["results"]}


def test_an_admin_reads_the_invoices_of_the_organisations_they_administer(
    client, bob, carol, invoices
):
    token = bearer(create_token(bob, "Buchhaltung", [INVOICES_READ], 30)[1])
    response = client.get("/api/v1/invoices", **token)
    assert response.status_code == 200
    assert numbers(response) == {invoices["nordlicht"].number, invoices["hafenlogik"].number}
    one = client.get(f"/api/v1/invoices/{invoices['nordlicht'].number}", **token).json()
    assert one["status"] == "open" and one["gross_total"] == "119.00"
    assert one["organisation"] == "nordlicht" and one["cluster"] == "diwish"
    assert one["einvoice_format"] == "factur-x"
    for other in ("fremd", "dave"):
        response = client.get(f"/api/v1/invoices/{invoices[other].number}", **token)
        assert response.status_code == 404, other
    # A colleague without the admin right sees none of the firm's invoices.
    carol_token = bearer(create_token(carol, "Kalender", [INVOICES_READ], 30)[1])
    assert client.get("/api/v1/invoices", **carol_token).json()["count"] == 0


def test_a_person_reads_the_invoices_addressed_to_them(client, dave, invoices):
    token = bearer(create_token(dave, "Privat", [INVOICES_READ], 30)[1])
    assert numbers(client.get("/api/v1/invoices", **token)) == {invoices["dave"].number}


def test_an_organisation_token_sees_its_organisation_only(client, bob, member_org, invoices):
    token = bearer(create_token(bob, "CRM", [INVOICES_READ], 30, organisation=member_org)[1])
    assert numbers(client.get("/api/v1/invoices", **token)) == {invoices["nordlicht"].number}
    other = client.get(f"/api/v1/invoices/{invoices['hafenlogik'].number}", **token)
    assert other.status_code == 404
    pdf = client.get(f"/api/v1/invoices/{invoices['hafenlogik'].number}/pdf", **token)
    assert pdf.status_code == 404


def test_status_filter_and_ordering(client, bob, invoices):
    token = bearer(create_token(bob, "Buchhaltung", [INVOICES_READ], 30)[1])
    overdue = invoices["hafenlogik"]
    Invoice.objects.filter(pk=overdue.pk).update(
        due_on=timezone.localdate() - datetime.timedelta(days=3)
    )
    listed = client.get("/api/v1/invoices", {"status": "overdue"}, **token)
    assert numbers(listed) == {overdue.number}
    assert listed.json()["results"][0]["status"] == "overdue"
    assert numbers(client.get("/api/v1/invoices", {"status": "open"}, **token)) == {
        invoices["nordlicht"].number
    }
    assert client.get("/api/v1/invoices", {"status": "paid"}, **token).json()["count"] == 0
    by_org = client.get("/api/v1/invoices", {"organisation": "hafenlogik"}, **token)
    assert numbers(by_org) == {overdue.number}
    wrong = client.get("/api/v1/invoices", {"status": "bezahlt"}, **token)
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "query.status"


def test_downloads_the_pdf_and_the_einvoice(client, bob, invoices):
    token = bearer(create_token(bob, "Buchhaltung", [INVOICES_READ], 30)[1])
    invoice = invoices["nordlicht"]
    listed = client.get(f"/api/v1/invoices/{invoice.number}", **token).json()
    pdf = client.get(listed["pdf_url"], **token)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert f'filename="{invoice.number}.pdf"' in pdf["Content-Disposition"]
    xml = client.get(listed["einvoice_url"], **token)
    assert xml.status_code == 200 and xml["Content-Type"] == "application/xml"
    assert invoice.number.encode() in xml.content


def test_refusals_without_token_or_scope(client, bob, invoices):
    anonymous = client.get("/api/v1/invoices")
    assert anonymous.status_code == 401
    assert anonymous["Content-Type"] == "application/problem+json"
    no_scope = bearer(create_token(bob, "Ich", [ME_READ], 30)[1])
    refused = client.get(
        f"/api/v1/invoices/{invoices['nordlicht'].number}/pdf",
        HTTP_ACCEPT_LANGUAGE="en",
        **no_scope,
    )
    assert refused.status_code == 403
    assert refused.json()["detail"] == "This token lacks the scope invoices:read."
