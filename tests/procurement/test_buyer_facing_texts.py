"""What buyers read names procedures and jurisdictions in words and never shows the
staff's working notes on thresholds and rules, in English and in German."""

from decimal import Decimal

import pytest
from django.urls import reverse

from knotenpunkt.procurement.models import EInvoiceRule, Threshold
from knotenpunkt.procurement.services import requests as services
from knotenpunkt.procurement.services.orders import record_order
from tests.procurement.test_requests import VV_VALUE, draft, listed_offering

# The seeded note on the default e-invoice rule: a to-do for the cluster staff.
STAFF_TODO = "Clustermanagement: je Land eine Zeile ergänzen"


def test_the_seeded_staff_notes_are_the_ones_buyers_must_not_read(db):
    assert STAFF_TODO in EInvoiceRule.objects.get(jurisdiction="DEFAULT").note
    assert Threshold.objects.filter(note__contains="Clustermanagement").exists()


def test_an_unsure_einvoice_rule_is_explained_without_the_staff_note(advice_for):
    advice = advice_for("SH", "municipal", value="20000")
    points = " ".join(advice.uncertain_points)
    assert "Clustermanagement" not in points
    assert "No e-invoice rule of Schleswig-Holstein is recorded" in points


def test_an_unsure_federal_limit_is_explained_without_the_staff_note(advice_for):
    advice = advice_for("BUND", "federal_top", value="10000")
    assert advice.uncertain
    points = " ".join(advice.uncertain_points)
    assert "Clustermanagement" not in points
    assert "The value limit of 15,000 EUR for this procedure is not verified" in points


def test_an_unsure_duty_limit_names_the_duty_not_the_staff_note(advice_for):
    Threshold.objects.update(uncertain=False)
    from knotenpunkt.procurement.models import DutyThreshold

    DutyThreshold.objects.update(uncertain=True, note="Staff: check the instrument.")
    advice = advice_for("BY", "municipal", value="150000")
    points = " ".join(advice.uncertain_points)
    assert "Staff:" not in points
    assert "not verified against its legal source yet: Report to the procurement" in points


def test_a_kdb_call_off_names_the_alternative_procedure_in_words(advice_for):
    advice = advice_for("SH", "municipal", value="3000", framework_kind="KDB")
    assert "(alternative: Direct award (Direktauftrag))" in " ".join(advice.warnings)


def test_the_request_page_shows_procedure_names_and_no_staff_notes(client_for, buyer, buyer_user):
    quote_request = draft(buyer, buyer_user, value=VV_VALUE)
    html = client_for(buyer_user).get(quote_request.get_absolute_url()).content.decode()
    assert "Negotiated award or restricted tender without competition" in html
    assert "VV_BA_OTW" not in html
    assert "Clustermanagement" not in html
    assert "No e-invoice rule of Schleswig-Holstein is recorded" in html


def test_the_request_list_in_german_names_the_procedure(client_for, buyer, buyer_user):
    draft(buyer, buyer_user, value=VV_VALUE)
    html = (
        client_for(buyer_user)
        .get(reverse("procurement:requests"), HTTP_ACCEPT_LANGUAGE="de")
        .content.decode()
    )
    assert "Verhandlungsvergabe oder Beschränkte Ausschreibung ohne Teilnahmewettbewerb" in html
    assert "VV_BA_OTW" not in html


def test_sending_too_few_firms_in_german_names_the_procedure_not_its_code(
    client_for, buyer, buyer_user, provider
):
    quote_request = draft(buyer, buyer_user, value=VV_VALUE)
    services.add_offering(quote_request, listed_offering(provider, "Termin"))
    response = client_for(buyer_user).post(
        reverse("procurement:request_send", args=[quote_request.pk]),
        {"deadline": "2099-01-01T12:00"},
        HTTP_ACCEPT_LANGUAGE="de",
    )
    html = response.content.decode()
    assert "Teilnahmewettbewerb erfordert mindestens 3 Angebote" in html
    assert "VV_BA_OTW" not in html


def test_the_orders_table_names_the_procedure(client_for, buyer, buyer_user, provider):
    record_order(
        buyer_user,
        buyer=buyer,
        provider=provider,
        title="Terminbuchung",
        offering_category="appointments",
        procurement_category="services",
        procedure="DA",
        net_value=Decimal("800"),
    )
    html = (
        client_for(buyer_user)
        .get(reverse("procurement:orders"), HTTP_ACCEPT_LANGUAGE="de")
        .content.decode()
    )
    assert "Direktauftrag" in html
    assert ">DA<" not in html


@pytest.mark.parametrize("stored", ["english", "german"])
def test_advice_stored_before_the_change_loses_its_staff_notes(buyer, buyer_user, stored):
    """The migration takes staff notes out of advice stored with them."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "knotenpunkt.procurement.migrations.0010_notes_for_staff_only"
    )
    note = EInvoiceRule.objects.get(jurisdiction="DEFAULT").note
    quote_request = draft(buyer, buyer_user, value=VV_VALUE)
    advice = quote_request.advice
    target = advice if stored == "english" else advice["de"]
    target["uncertain_points"] = [note, "A point of the advisor's own."]
    quote_request.save(update_fields=["advice"])
    migration.remove_staff_notes(apps, None)
    quote_request.refresh_from_db()
    target = quote_request.advice if stored == "english" else quote_request.advice["de"]
    assert target["uncertain_points"] == ["A point of the advisor's own."]
