"""Staff pages of dunning: open items, one organisation's fees, pauses, payments, levels."""

from datetime import date

import pytest
from django.urls import reverse
from freezegun import freeze_time

from knotenpunkt.invoicing.models import Invoice
from knotenpunkt.memberships.models import DunningPause, PaymentRecord, ReminderLevel
from knotenpunkt.memberships.services.dunning import default_levels, send_due_reminders
from tests.factories import OrganisationFactory, UserFactory
from tests.memberships.dunning_helpers import fee_invoice, submitted_debit

pytestmark = pytest.mark.django_db
TODAY = freeze_time("2026-04-15 10:00")


@pytest.fixture(autouse=True)
def english_ui(settings):
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def invoice(seller, member_org):
    default_levels(seller.cluster)
    invoice = fee_invoice(seller.cluster, member_org, due_on=date(2026, 3, 1))
    send_due_reminders(date(2026, 3, 15))
    return invoice


@pytest.fixture
def outsider(other_cluster):
    """Staff of another cluster."""
    user = UserFactory(email="staff@logistik.example", is_staff=True)
    other_cluster.staff.add(user)
    return user


def page(response) -> str:
    return response.content.decode()


@TODAY
def test_staff_see_open_items_per_organisation(
    client_for, alice, invoice, member_org, django_assert_max_num_queries
):
    client = client_for(alice)
    client.get(reverse("memberships:open_items"))  # the menu's and the session's first look
    for number in range(5):
        fee_invoice(invoice.cluster, OrganisationFactory(slug=f"org-{number}"))
    with django_assert_max_num_queries(8):
        response = client.get(reverse("memberships:open_items"))
    assert response.status_code == 200
    assert member_org.name in page(response)
    assert "300.00 €" in page(response)
    assert "Overdue, reminder level 1 sent" in page(response)


@TODAY
def test_the_list_filters_by_level(client_for, alice, invoice, member_org):
    url = reverse("memberships:open_items")
    assert member_org.name in page(client_for(alice).get(url + "?level=1"))
    assert member_org.name not in page(client_for(alice).get(url + "?level=2"))


@TODAY
def test_the_csv_export_lists_each_open_invoice(client_for, alice, invoice):
    response = client_for(alice).get(reverse("memberships:open_items_csv") + "?level=1")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert invoice.number in text
    assert ";300.00;" in text


@TODAY
def test_members_may_not_see_open_items(client_for, bob, invoice):
    assert client_for(bob).get(reverse("memberships:open_items")).status_code == 403
    url = reverse("memberships:organisation_fees", args=[invoice.organisation.slug])
    assert client_for(bob).get(url).status_code == 403


@TODAY
def test_staff_of_another_cluster_see_nothing_of_it(client_for, outsider, invoice, member_org):
    client = client_for(outsider)
    assert member_org.name not in page(client.get(reverse("memberships:open_items")))
    assert invoice.number not in page(client.get(reverse("memberships:open_items_csv")))
    url = reverse("memberships:organisation_fees", args=[member_org.slug])
    assert client.get(url).status_code == 404
    payment = {
        f"invoice-{invoice.pk}-method": "cash",
        f"invoice-{invoice.pk}-amount": "300.00",
        f"invoice-{invoice.pk}-paid_on": "2026-04-10",
    }
    url = reverse("memberships:record_payment", args=[invoice.pk])
    assert client.post(url, payment).status_code == 404
    url = reverse("memberships:dunning_pause", args=[member_org.slug])
    assert client.post(url, {"cluster": "diwish", "reason": "x"}).status_code == 404
    url = reverse("memberships:reminder_level_defaults", args=["diwish"])
    assert client.post(url).status_code == 404
    level = ReminderLevel.objects.filter(cluster=invoice.cluster).first()
    assert (
        client.get(reverse("memberships:reminder_level_edit", args=[level.pk])).status_code == 404
    )
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.ISSUED
    assert DunningPause.objects.count() == 0


@TODAY
def test_the_organisation_page_shows_invoices_reminders_and_forms(client_for, alice, invoice):
    paid = fee_invoice(
        invoice.cluster, invoice.organisation, period=(date(2025, 1, 1), date(2025, 12, 31))
    )
    Invoice.objects.filter(pk=paid.pk).update(status=Invoice.Status.PAID, paid_on=date(2026, 2, 1))
    url = reverse("memberships:organisation_fees", args=[invoice.organisation.slug])
    response = client_for(alice).get(url)
    assert response.status_code == 200
    text = page(response)
    assert invoice.number in text
    assert paid.number in text
    assert "Reminders sent" in text
    assert "buchhaltung@nordlicht.example" in text
    assert reverse("memberships:record_payment", args=[invoice.pk]) in text
    assert reverse("memberships:dunning_pause", args=[invoice.organisation.slug]) in text


@TODAY
def test_a_payment_of_the_wrong_amount_is_refused_with_a_message(client_for, alice, invoice):
    url = reverse("memberships:record_payment", args=[invoice.pk])
    response = client_for(alice).post(
        url,
        {
            f"invoice-{invoice.pk}-method": "transfer",
            f"invoice-{invoice.pk}-amount": "250.00",
            f"invoice-{invoice.pk}-paid_on": "2026-04-10",
        },
    )
    assert response.status_code == 400
    assert "is not the open balance of 300.00 €" in page(response)
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.ISSUED
    assert PaymentRecord.objects.count() == 0


@TODAY
def test_recording_the_balance_marks_the_invoice_paid(client_for, alice, invoice):
    url = reverse("memberships:record_payment", args=[invoice.pk])
    response = client_for(alice).post(
        url,
        {
            f"invoice-{invoice.pk}-method": "transfer",
            f"invoice-{invoice.pk}-amount": "300.00",
            f"invoice-{invoice.pk}-paid_on": "2026-04-10",
            f"invoice-{invoice.pk}-note": "Kontoauszug 4/2026",
        },
    )
    assert response.status_code == 302
    invoice.refresh_from_db()
    assert (invoice.status, invoice.paid_on) == (Invoice.Status.PAID, date(2026, 4, 10))
    record = PaymentRecord.objects.get()
    assert (record.method, record.recorded_by) == ("transfer", alice)


@TODAY
def test_a_pause_without_reason_is_refused_and_with_one_taken(client_for, alice, invoice):
    client = client_for(alice)
    url = reverse("memberships:dunning_pause", args=[invoice.organisation.slug])
    response = client.post(url, {"cluster": "diwish", "reason": ""})
    assert response.status_code == 400
    assert DunningPause.objects.count() == 0
    response = client.post(url, {"cluster": "diwish", "reason": "Ratenzahlung bis Juni"})
    assert response.status_code == 302
    pause = DunningPause.objects.get()
    assert (pause.reason, pause.paused_by) == ("Ratenzahlung bis Juni", alice)
    overview = page(client.get(reverse("memberships:open_items")))
    assert "Dunning paused" in overview

    response = client.post(reverse("memberships:dunning_resume", args=[pause.pk]))
    assert response.status_code == 302
    pause.refresh_from_db()
    assert pause.ended_at is not None


@TODAY
def test_a_submitted_debit_is_shown_as_with_the_bank(client_for, alice, invoice):
    submitted_debit(invoice)
    response = client_for(alice).get(reverse("memberships:open_items"))
    assert "Direct debit with the bank" in page(response)


def test_the_usual_levels_are_created_by_a_button(client_for, alice, seller):
    client = client_for(alice)
    response = client.get(reverse("memberships:reminder_levels"))
    assert response.status_code == 200
    assert "Create the usual three levels" in page(response)
    response = client.post(reverse("memberships:reminder_level_defaults", args=["diwish"]))
    assert response.status_code == 302
    assert ReminderLevel.objects.filter(cluster=seller.cluster).count() == 3
    assert "1. Mahnung" in page(client.get(reverse("memberships:reminder_levels")))


def test_a_level_with_a_bad_placeholder_is_not_saved(client_for, alice, seller):
    [first, *_rest] = default_levels(seller.cluster)
    url = reverse("memberships:reminder_level_edit", args=[first.pk])
    data = {
        "level": 1,
        "days_after_due": 14,
        "fee": "0.00",
        "subject": "Erinnerung {rechnung}",
        "text": "Bitte zahlen.",
    }
    response = client_for(alice).post(url, data)
    assert response.status_code == 400
    assert "Unknown placeholder {rechnung}" in page(response)
    first.refresh_from_db()
    assert first.subject.startswith("Zahlungserinnerung")
    response = client_for(alice).post(url, {**data, "subject": "Erinnerung {invoice}"})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.subject == "Erinnerung {invoice}"


def test_a_new_level_follows_the_last(client_for, alice, seller):
    default_levels(seller.cluster)
    url = reverse("memberships:reminder_level_create", args=["diwish"])
    data = {"level": 4, "days_after_due": 30, "fee": "15.00", "subject": "Letzte", "text": "T"}
    response = client_for(alice).post(url, data)
    assert response.status_code == 400
    assert ReminderLevel.objects.filter(cluster=seller.cluster).count() == 3
    response = client_for(alice).post(url, {**data, "days_after_due": 60})
    assert response.status_code == 302
    assert ReminderLevel.objects.filter(cluster=seller.cluster, level=4).exists()


@TODAY
def test_an_organisation_without_fees_in_ones_clusters_is_not_found(client_for, alice, seller):
    stranger = OrganisationFactory(name="Fremd GmbH", slug="fremd")
    url = reverse("memberships:organisation_fees", args=[stranger.slug])
    assert client_for(alice).get(url).status_code == 404
