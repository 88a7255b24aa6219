from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from facturx import get_xml_from_pdf

from knotenpunkt.invoicing.models import Invoice
from knotenpunkt.invoicing.services import cancel_invoice
from tests.factories import InvoiceSettingsFactory, UserFactory

LIST = reverse("invoicing:invoices")
EXPORT = reverse("invoicing:export")


@pytest.fixture
def invoice(issue, alice):
    return issue(alice)


@pytest.fixture
def foreign_invoice(issue):
    """An invoice of another cluster, which alice does not look after."""
    return issue(cluster=InvoiceSettingsFactory(number_prefix="LOGI").cluster)


def test_staff_see_the_invoices_of_their_cluster(client_for, alice, invoice):
    response = client_for(alice).get(LIST)
    assert invoice.number in response.content.decode()


def test_staff_do_not_see_invoices_of_other_clusters(client_for, alice, foreign_invoice):
    response = client_for(alice).get(LIST)
    assert foreign_invoice.number not in response.content.decode()


def test_list_filters_by_status(client_for, alice, issue, invoice):
    cancel_invoice(alice, issue(), "storniert")
    response = client_for(alice).get(LIST, {"status": "cancelled"})
    assert invoice.number not in response.content.decode()


def test_list_filters_by_year(client_for, alice, invoice):
    response = client_for(alice).get(LIST, {"year": invoice.year - 1})
    assert invoice.number not in response.content.decode()


def test_invalid_year_filter_shows_a_form_error(client_for, alice, invoice):
    response = client_for(alice).get(LIST, {"year": "zwanzig"})
    assert response.status_code == 200
    assert response.context["form"].errors["year"]


def test_invoice_list_needs_few_queries(client_for, alice, issue, django_assert_max_num_queries):
    for _ in range(12):
        cancel_invoice(alice, issue(), "storniert")
    client = client_for(alice)
    with django_assert_max_num_queries(12):
        response = client.get(LIST)
    assert response.status_code == 200


@pytest.mark.parametrize("persona", ["bob", "carol", "dave"])
def test_non_staff_may_not_see_the_invoice_list(client_for, persona, request, invoice):
    response = client_for(request.getfixturevalue(persona)).get(LIST)
    assert response.status_code == 403


def test_anonymous_visitors_are_sent_to_the_login(client, invoice):
    response = client.get(LIST)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_staff_see_the_invoice_detail(client_for, alice, invoice):
    response = client_for(alice).get(invoice.get_absolute_url())
    assert "Nordlicht Software GmbH" in response.content.decode()


def test_staff_of_another_cluster_may_not_open_an_invoice(client_for, alice, foreign_invoice):
    assert client_for(alice).get(foreign_invoice.get_absolute_url()).status_code == 403


@pytest.mark.parametrize("persona", ["bob", "carol", "dave"])
@pytest.mark.parametrize("name", ["invoice", "invoice_pdf", "invoice_xml", "cancel"])
def test_non_staff_may_not_open_invoice_pages(client_for, persona, name, request, invoice):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse(f"invoicing:{name}", args=[invoice.pk])).status_code == 403


def test_pdf_download_is_a_pdf_with_the_e_invoice(client_for, alice, invoice):
    response = client_for(alice).get(reverse("invoicing:invoice_pdf", args=[invoice.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert f"{invoice.number}.pdf" in response["Content-Disposition"]
    filename, _xml = get_xml_from_pdf(response.content, check_xsd=False)
    assert filename == "factur-x.xml"


def test_xml_download_is_the_e_invoice(client_for, alice, invoice):
    response = client_for(alice).get(reverse("invoicing:invoice_xml", args=[invoice.pk]))
    assert response["Content-Type"] == "application/xml"
    assert invoice.number.encode() in response.content


def test_staff_mark_an_invoice_paid(client_for, alice, invoice):
    today = timezone.localdate()
    client_for(alice).post(
        reverse("invoicing:mark_paid", args=[invoice.pk]), {"paid_on": today.isoformat()}
    )
    invoice.refresh_from_db()
    assert (invoice.status, invoice.paid_on) == (Invoice.Status.PAID, today)


def test_payment_date_in_the_future_gives_a_form_error(client_for, alice, invoice):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client_for(alice).post(
        reverse("invoicing:mark_paid", args=[invoice.pk]), {"paid_on": tomorrow.isoformat()}
    )
    assert response.status_code == 400
    assert "future" in response.content.decode()


def test_garbled_payment_date_gives_a_form_error(client_for, alice, invoice):
    response = client_for(alice).post(
        reverse("invoicing:mark_paid", args=[invoice.pk]), {"paid_on": "gestern"}
    )
    assert response.status_code == 400
    assert response.context["paid_form"].errors["paid_on"]


def test_member_may_not_mark_an_invoice_paid(client_for, bob, invoice):
    response = client_for(bob).post(
        reverse("invoicing:mark_paid", args=[invoice.pk]),
        {"paid_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 403
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.ISSUED


def test_staff_cancel_an_invoice_with_a_cancellation_invoice(client_for, alice, invoice):
    response = client_for(alice).post(
        reverse("invoicing:cancel", args=[invoice.pk]), {"reason": "Anmeldung storniert"}
    )
    cancellation = Invoice.objects.get(cancels=invoice)
    assert response["Location"] == cancellation.get_absolute_url()
    assert cancellation.gross_total == -invoice.gross_total


def test_cancelling_without_reason_gives_a_form_error(client_for, alice, invoice):
    response = client_for(alice).post(reverse("invoicing:cancel", args=[invoice.pk]), {})
    assert response.status_code == 400
    assert not Invoice.objects.filter(cancels=invoice).exists()


def test_cancelling_twice_shows_a_message_not_an_error_page(client_for, alice, invoice):
    cancel_invoice(alice, invoice, "storniert")
    response = client_for(alice).post(
        reverse("invoicing:cancel", args=[invoice.pk]), {"reason": "noch einmal"}
    )
    assert response.status_code == 400
    assert Invoice.objects.filter(cancels=invoice).count() == 1


def test_member_may_not_cancel_an_invoice(client_for, carol, invoice):
    response = client_for(carol).post(
        reverse("invoicing:cancel", args=[invoice.pk]), {"reason": "weg damit"}
    )
    assert response.status_code == 403
    assert not Invoice.objects.filter(cancels=invoice).exists()


@pytest.fixture
def datev(seller):
    seller.datev_consultant_number, seller.datev_client_number = 29098, 55003
    seller.save()
    return seller


def test_staff_download_the_bookkeeping_export_as_extf(client_for, alice, invoice, datev):
    response = client_for(alice).get(EXPORT, {"cluster": datev.cluster.slug, "year": invoice.year})
    content = b"".join(response.streaming_content)
    assert response["Content-Type"] == "text/csv; charset=windows-1252"
    assert "EXTF_Buchungsstapel_diwish_" in response["Content-Disposition"]
    lines = content.decode("cp1252").split("\r\n")
    assert lines[0].startswith('"EXTF";700;21;"Buchungsstapel";13;')
    assert lines[2].split(";")[10] == f'"{invoice.number}"'


def test_staff_download_the_debtors_for_datev(client_for, alice, issue, member_org, datev):
    invoice = issue(alice, organisation=member_org)
    response = client_for(alice).get(
        EXPORT, {"cluster": datev.cluster.slug, "year": invoice.year, "file": "debtors"}
    )
    lines = b"".join(response.streaming_content).decode("cp1252").split("\r\n")
    assert "EXTF_Debitoren_diwish_" in response["Content-Disposition"]
    assert lines[0].startswith('"EXTF";700;16;"Debitoren/Kreditoren";5;')
    assert lines[2].startswith('10001;"Nordlicht Software GmbH";')


def test_export_without_datev_numbers_says_what_is_missing(client_for, alice, invoice, cluster):
    response = client_for(alice).get(EXPORT, {"cluster": cluster.slug, "year": invoice.year})
    assert response.status_code == 400
    assert "DATEV consultant number" in response.content.decode()


def test_export_of_one_month_leaves_out_the_others(client_for, alice, invoice, datev):
    other_month = invoice.issued_on.month % 12 + 1
    response = client_for(alice).get(
        EXPORT, {"cluster": datev.cluster.slug, "year": invoice.year, "month": other_month}
    )
    assert invoice.number not in b"".join(response.streaming_content).decode("cp1252")


def test_export_without_cluster_shows_the_form_with_errors(client_for, alice, invoice):
    response = client_for(alice).get(EXPORT, {"year": "2026"})
    assert response.status_code == 400
    assert response.context["form"].errors["cluster"]


def test_staff_may_not_export_another_clusters_bookings(client_for, alice, foreign_invoice):
    response = client_for(alice).get(
        EXPORT, {"cluster": foreign_invoice.cluster.slug, "year": foreign_invoice.year}
    )
    # The other cluster is not among alice's choices: a form error, no data.
    assert response.status_code == 400
    assert foreign_invoice.number not in response.content.decode()


@pytest.mark.parametrize("persona", ["bob", "carol", "dave"])
def test_non_staff_may_not_export_bookings(client_for, persona, request, invoice, cluster):
    client = client_for(request.getfixturevalue(persona))
    response = client.get(EXPORT, {"cluster": cluster.slug, "year": invoice.year})
    assert response.status_code == 403


def test_platform_admin_sees_every_clusters_invoices(client_for, invoice, foreign_invoice):
    admin = UserFactory(is_superuser=True, is_staff=True)
    content = client_for(admin).get(LIST).content.decode()
    assert invoice.number in content and foreign_invoice.number in content
