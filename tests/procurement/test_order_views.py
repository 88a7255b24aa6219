"""The order pages: direct order form, order page, e-invoice form and files. Only the two
parties see an order and its invoices."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.procurement.models import Order, SupplierInvoice
from knotenpunkt.procurement.services.buyers import verify_buyer
from knotenpunkt.procurement.services.orders import place_direct_order
from knotenpunkt.procurement.services.supplier_invoices import (
    create_supplier_invoice,
    validate_xrechnung,
)
from tests.procurement.conftest import make_buyer, person_with_account
from tests.procurement.orders_support import (
    INVOICE_DATA,
    complete_provider_address,
    earlier_order,
    listed_offering,
)


@pytest.fixture
def version(provider):
    complete_provider_address(provider)
    return listed_offering(provider)


@pytest.fixture
def order(buyer, buyer_user, version):
    return place_direct_order(
        buyer_user, buyer, version, title="Appointment booking", net_value=Decimal("1000")
    )


@pytest.fixture
def invoice(order, provider_employee):
    lines = [("Appointment booking", Decimal("1"), Decimal("1000"), Decimal("19"))]
    return create_supplier_invoice(provider_employee, order, lines=lines, **INVOICE_DATA)


@pytest.fixture
def third_party(db):
    """Someone at a verified administration that is no party to the order."""
    lubeck = make_buyer("Hansestadt Lübeck", "luebeck")
    return person_with_account(lubeck.organisation, "Lia", "Lund", "lia@luebeck.example")


def _direct_url(version):
    return reverse("procurement:order_direct", args=[version.offering.slug])


def _order_form(value, **extra):
    return {"title": "Appointment booking", "net_value": value, "place": "", **extra}


# --- direct order ---


def test_an_unverified_administration_cannot_open_the_order_form_until_verified(
    client_for, unverified_buyer, unverified_buyer_user, shop_staff, version
):
    client = client_for(unverified_buyer_user)
    assert client.get(_direct_url(version)).status_code == 403
    assert client.post(_direct_url(version), _order_form("100")).status_code == 403
    verify_buyer(shop_staff, unverified_buyer, note="called the town hall")
    client = client_for(unverified_buyer_user)  # a new request: roles are read again
    assert client.get(_direct_url(version)).status_code == 200
    response = client.post(_direct_url(version), _order_form("100"))
    assert response.status_code == 302
    assert Order.objects.get().buyer == unverified_buyer


def test_a_firm_and_anonymous_visitors_cannot_order(client, client_for, provider_admin, version):
    assert client.get(_direct_url(version)).status_code == 302
    assert client_for(provider_admin).get(_direct_url(version)).status_code == 403


def test_a_direct_order_at_the_limit_is_placed_from_the_form(client_for, buyer_user, version):
    response = client_for(buyer_user).post(_direct_url(version), _order_form("5000.00"))
    order = Order.objects.get()
    assert response.url == order.get_absolute_url()
    assert order.net_value == Decimal("5000.00")


def test_one_cent_above_the_limit_the_form_shows_the_refusal(client_for, buyer_user, version):
    response = client_for(buyer_user).post(_direct_url(version), _order_form("5000.01"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Verdict: a direct order is not possible" in page
    assert "ask at least 3 firms" in page
    assert 'value="5000.01"' in page
    assert not Order.objects.exists()


def test_the_form_shows_the_earlier_orders_that_push_it_over(
    client_for, buyer, buyer_user, version
):
    earlier_order(buyer, version, "4000.00", timezone.localdate())
    response = client_for(buyer_user).post(_direct_url(version), _order_form("1500", check=""))
    page = response.content.decode()
    assert "must not be split" in page
    assert "Earlier order" in page
    assert Order.objects.count() == 1


def test_checking_shows_the_verdict_without_ordering(client_for, buyer_user, version):
    response = client_for(buyer_user).post(
        _direct_url(version), {"title": "x", "net_value": "100", "check": ""}
    )
    assert response.status_code == 200
    assert "Verdict: a direct order is possible" in response.content.decode()
    assert not Order.objects.exists()


def test_the_order_form_wants_a_value(client_for, buyer_user, version):
    response = client_for(buyer_user).post(_direct_url(version), {"title": "x", "place": ""})
    assert response.status_code == 400
    assert 'href="#id_net_value"' in response.content.decode()


def test_an_offering_that_is_not_listed_cannot_be_ordered(client_for, buyer_user, version):
    offering = version.offering
    offering.withdrawn_at = timezone.now()
    offering.save(update_fields=["withdrawn_at"])
    assert client_for(buyer_user).get(_direct_url(version)).status_code == 404


# --- orders ---


def test_both_parties_see_the_order_and_a_third_party_does_not(
    client, client_for, order, buyer_user, provider_employee, third_party, other_provider_admin
):
    url = order.get_absolute_url()
    assert client_for(buyer_user).get(url).status_code == 200
    page = client_for(provider_employee).get(url).content.decode()
    assert "Create an e-invoice" in page
    assert client_for(third_party).get(url).status_code == 403
    assert client_for(other_provider_admin).get(url).status_code == 403
    assert client.logout() is None and client.get(url).status_code == 302


def test_the_order_page_links_the_offering_as_listed(client_for, order, buyer_user, version):
    page = client_for(buyer_user).get(order.get_absolute_url()).content.decode()
    assert reverse("procurement:offering_version", args=[version.offering.slug, 1]) in page


def test_the_order_list_shows_only_the_users_orders(
    client_for, order, buyer_user, third_party, django_assert_max_num_queries
):
    client = client_for(buyer_user)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("procurement:orders"))
    assert "Appointment booking" in response.content.decode()
    response = client_for(third_party).get(reverse("procurement:orders"))
    assert "Appointment booking" not in response.content.decode()


def test_the_buyer_completes_and_cancels_on_the_order_page(
    client_for, buyer, buyer_user, version, order, provider_employee
):
    client = client_for(buyer_user)
    client.post(reverse("procurement:order_complete", args=[order.pk]))
    order.refresh_from_db()
    assert order.status == Order.Status.COMPLETED
    other = place_direct_order(buyer_user, buyer, version, title="More", net_value=Decimal("10"))
    response = client.post(reverse("procurement:order_cancel", args=[other.pk]), {"reason": ""})
    assert response.status_code == 400
    client.post(reverse("procurement:order_cancel", args=[other.pk]), {"reason": "Not needed"})
    other.refresh_from_db()
    assert other.status == Order.Status.CANCELLED


def test_the_provider_cannot_cancel_the_order(client_for, order, provider_employee):
    response = client_for(provider_employee).post(
        reverse("procurement:order_cancel", args=[order.pk]), {"reason": "no"}
    )
    assert response.status_code == 403


# --- e-invoice ---


def _invoice_form(**changes):
    data = {
        "number": "TN-7",
        "issued_on": "2026-02-01",
        "service_date": "2026-02-01",
        "due_on": "2026-03-03",
        "seller_email": "rechnung@termin-nord.example",
        "seller_phone": "+49 431 123456",
        "seller_vat_id": "DE136695976",
        "seller_iban": "DE89370400440532013000",
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "1",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
        "lines-0-description": "Appointment booking",
        "lines-0-quantity": "1",
        "lines-0-unit_net": "1000",
        "lines-0-vat_rate": "19",
    }
    data.update(changes)
    return data


def test_the_invoice_form_is_prefilled_with_the_order(client_for, order, provider_employee):
    response = client_for(provider_employee).get(
        reverse("procurement:invoice_create", args=[order.pk])
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Appointment booking"' in page
    assert 'value="1000.00"' in page


def test_the_provider_creates_the_e_invoice_on_the_form(client_for, order, provider_employee):
    response = client_for(provider_employee).post(
        reverse("procurement:invoice_create", args=[order.pk]), _invoice_form()
    )
    invoice = SupplierInvoice.objects.get()
    assert response.url == reverse("procurement:supplier_invoice", args=[invoice.pk])
    assert invoice.gross_total == Decimal("1190.00")


def test_missing_contact_data_are_shown_at_the_fields_and_nothing_is_lost(
    client_for, order, provider_employee
):
    response = client_for(provider_employee).post(
        reverse("procurement:invoice_create", args=[order.pk]),
        _invoice_form(seller_phone="", **{"lines-0-description": "Kept text"}),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_seller_phone"' in page
    assert 'value="Kept text"' in page
    assert not SupplierInvoice.objects.exists()


def test_without_a_leitweg_id_the_form_says_to_ask_for_it(
    client_for, order, provider_employee, buyer
):
    Order.objects.filter(pk=order.pk).update(leitweg_id="")
    buyer.leitweg_id = ""
    buyer.save(update_fields=["leitweg_id"])
    response = client_for(provider_employee).post(
        reverse("procurement:invoice_create", args=[order.pk]), _invoice_form()
    )
    assert response.status_code == 400
    assert "no valid Leitweg-ID on file; ask them for it" in response.content.decode()


def test_the_buyer_and_others_cannot_open_the_invoice_form(
    client_for, order, buyer_user, other_provider_admin
):
    url = reverse("procurement:invoice_create", args=[order.pk])
    assert client_for(buyer_user).get(url).status_code == 403
    assert client_for(other_provider_admin).get(url).status_code == 403


def test_both_parties_download_xml_and_pdf(client_for, invoice, buyer_user, provider_employee):
    for user in (buyer_user, provider_employee):
        client = client_for(user)
        page = client.get(reverse("procurement:supplier_invoice", args=[invoice.pk]))
        assert invoice.number in page.content.decode()
        xml = client.get(reverse("procurement:supplier_invoice_xml", args=[invoice.pk]))
        assert xml["Content-Type"] == "application/xml"
        assert validate_xrechnung(xml.content) == []
        pdf = client.get(reverse("procurement:supplier_invoice_pdf", args=[invoice.pk]))
        assert pdf["Content-Type"] == "application/pdf"
        assert pdf.content.startswith(b"%PDF")


def test_a_third_party_cannot_see_the_invoice(
    client, client_for, invoice, third_party, other_provider_admin
):
    names = ["supplier_invoice", "supplier_invoice_xml", "supplier_invoice_pdf"]
    for name in names:
        url = reverse(f"procurement:{name}", args=[invoice.pk])
        assert client.get(url).status_code == 302
    for user in (third_party, other_provider_admin):
        c = client_for(user)
        for name in names:
            assert c.get(reverse(f"procurement:{name}", args=[invoice.pk])).status_code == 403
