"""In a real browser, the whole way of a fee: a firm applies, staff approve, the firm's
admin gives the SEPA mandate, staff run the fees and write the direct debit file."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.directory.models import Membership
from knotenpunkt.memberships.models import DebitBatch, DirectDebitSettings, Mandate
from knotenpunkt.memberships.services.documents import publish_document
from knotenpunkt.memberships.services.prenotification import collection_date_for
from knotenpunkt.memberships.services.schedules import save_schedule
from knotenpunkt.memberships.services.sepa_export import schema_errors
from tests.browser.sessions import log_in
from tests.factories import (
    InvoiceSettingsFactory,
    OrganisationFactory,
    PersonEmailFactory,
    PersonFactory,
    PositionFactory,
    UserFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def collecting_cluster(cluster):
    cluster.street, cluster.postcode, cluster.city = "Lorentzendamm 24", "24103", "Kiel"
    cluster.email, cluster.phone = "beitraege@diwish.example", "+494319876543"
    cluster.save()
    InvoiceSettingsFactory(cluster=cluster, number_prefix="DIWISH")
    DirectDebitSettings.objects.create(cluster=cluster, creditor_id="DE98ZZZ09999999999")
    today = timezone.localdate()
    save_schedule(
        None,
        cluster,
        today.year,
        rates=[("paying", "", Decimal("600"))],
        due_date=today + timedelta(days=20),
        pro_rata="none",
    )
    for kind, title in (("statutes", "Satzung"), ("fee_rules", "Beitragsordnung")):
        publish_document(None, cluster, kind=kind, title=title, body="§ 1 Zweck", valid_from=today)
    return cluster


@pytest.fixture
def applicant(db):
    organisation = OrganisationFactory(
        name="Fjord Robotics GmbH",
        slug="fjord",
        street="Kaistraße 5",
        postcode="24114",
        city="Kiel",
        email="buchhaltung@fjord.example",
    )
    user = UserFactory(email="frida@fjord.example")
    person = PersonFactory(first_name="Frida", last_name="Fjord", user=user)
    PersonEmailFactory(person=person, address="frida@fjord.example")
    PositionFactory(person=person, organisation=organisation, function="ceo", is_admin=True)
    return user


def confirm(page):
    page.locator("dialog[open] [data-dialog-confirm]").click()
    page.wait_for_load_state()


def test_apply_approve_mandate_fee_run_and_direct_debit_file(
    live_server, page, collecting_cluster, applicant, alice
):
    today = timezone.localdate()
    url = live_server.url

    # The firm applies, accepting statutes and fee rules.
    log_in(page, live_server, applicant)
    page.goto(url + reverse("memberships:apply_to", args=["diwish"]))
    page.locator("[name=kind]").first.check()
    page.locator("[name=size_class][value=micro]").check()
    page.locator("[name=start_date]").fill(today.isoformat())
    page.locator("[name=motivation]").fill("Wir bauen Unterwasserroboter für Häfen.")
    for box in page.locator("[name=accepted_documents]").all():
        box.check()
    page.get_by_role("button", name="Antrag senden").click()
    page.wait_for_load_state()
    assert page.get_by_text("Fjord Robotics GmbH").first.is_visible()

    # The cluster management approves.
    page.context.clear_cookies()
    log_in(page, live_server, alice)
    page.goto(url + reverse("memberships:applications"))
    page.get_by_role("link", name="Fjord Robotics GmbH").first.click()
    page.locator("form[data-confirm=approve-dialog] button[type=submit]").click()
    confirm(page)
    membership = Membership.objects.get(organisation__slug="fjord")
    assert membership.kind == "paying"

    # The firm's admin gives the SEPA mandate online.
    page.context.clear_cookies()
    log_in(page, live_server, applicant)
    page.goto(url + reverse("memberships:mandate_give", args=["fjord", "diwish"]))
    assert page.get_by_text("DE98ZZZ09999999999").first.is_visible()
    page.locator("[name=account_holder]").fill("Fjord Robotics GmbH")
    page.locator("[name=iban]").fill("DE89 3704 0044 0532 0130 00")
    page.locator("[name=street]").fill("Kaistraße 5")
    page.locator("[name=postcode]").fill("24114")
    page.locator("[name=city]").fill("Kiel")
    page.locator("[name=signed_by]").fill("Frida Fjord")
    page.locator("[name=consent]").check()
    page.get_by_role("button", name="Mandat erteilen").click()
    page.wait_for_load_state()
    mandate = Mandate.objects.get(organisation__slug="fjord", status="active")
    assert mandate.iban == "DE89370400440532013000"

    # The cluster management runs this year's fees: preview, then run.
    page.context.clear_cookies()
    log_in(page, live_server, alice)
    page.goto(url + reverse("memberships:fee_run", args=["diwish"]))
    page.locator("[name=year]").fill(str(today.year))
    page.locator("button[name=action][value=preview]").click()
    page.wait_for_load_state()
    assert (
        page.get_by_role("cell", name="Fjord Robotics GmbH")
        .or_(page.get_by_role("rowheader", name="Fjord Robotics GmbH"))
        .first.is_visible()
    )
    page.locator("button[name=action][value=run]").click()
    confirm(page)
    invoice = membership.fee_charges.get().invoice
    assert invoice.gross_total == Decimal("600.00")
    assert invoice.debit_pre_notifications.exists()

    # ... and writes the direct debit file for the announced collection date.
    collection = collection_date_for(invoice, invoice.debit_pre_notifications.get().sent_on)
    page.goto(url + reverse("memberships:sepa_export"))
    page.locator("[name=cluster]").select_option("diwish")
    page.locator("[name=collection_date]").fill(collection.isoformat())
    page.locator("button[name=action][value=check]").click()
    page.wait_for_load_state()
    page.locator("button[name=action][value=create]").click()
    page.wait_for_load_state()
    batch = DebitBatch.objects.get()
    assert batch.transactions == 1
    assert batch.total == Decimal("600.00")
    assert schema_errors(batch.xml.encode()) == []
    with page.expect_download() as download:
        page.locator('a[href$="/download/"]').first.click()
    assert download.value.suggested_filename.endswith(".xml")
