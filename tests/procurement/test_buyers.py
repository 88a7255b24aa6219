"""Public buyers: an administration registers, the cluster staff verify it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.directory.models import Organisation
from knotenpunkt.outbox.models import OutgoingMail
from knotenpunkt.procurement.models import PublicBuyer
from knotenpunkt.procurement.services.buyers import register_buyer, unverify_buyer, verify_buyer
from tests.procurement.conftest import person_with_account

REGISTER = reverse("procurement:buyer_register")


@pytest.fixture
def town(db):
    from tests.factories import OrganisationFactory

    return OrganisationFactory(
        name="Stadt Neumünster", slug="neumuenster", actor_type=Organisation.ActorType.PUBLIC
    )


@pytest.fixture
def town_admin(town):
    return person_with_account(town, "Nina", "Nord", "nina@neumuenster.example", is_admin=True)


def _register(actor, organisation, **changes):
    data = {
        "jurisdiction": "SH",
        "authority_kind": "municipal",
        "leitweg_id": "991-33333TEST-33",
        "invoice_email": "rechnung@neumuenster.example",
        **changes,
    }
    return register_buyer(actor, organisation, **data)


def test_an_admin_registers_the_administration_unverified_and_the_staff_are_told(
    town, town_admin, shop_staff
):
    buyer = _register(town_admin, town)
    assert not buyer.is_verified
    assert buyer.jurisdiction == "SH"
    assert AuditEntry.objects.filter(action="procurement.buyer.registered").exists()
    mail = OutgoingMail.objects.get(kind="procurement_buyer_registered")
    assert mail.to == "sina@cluster.example"
    assert "Stadt Neumünster" in mail.subject


def test_a_business_organisation_cannot_register_as_buyer(provider, provider_admin):
    with pytest.raises(ValidationError) as refused:
        _register(provider_admin, provider)
    assert "public administration" in " ".join(refused.value.messages)
    assert not PublicBuyer.objects.exists()


def test_a_federal_authority_must_be_in_the_jurisdiction_bund(town, town_admin):
    with pytest.raises(ValidationError) as refused:
        _register(town_admin, town, authority_kind="federal_top")
    assert "Federal authorities belong to the Federation" in " ".join(refused.value.messages)


def test_a_wrong_leitweg_check_digit_is_refused_by_the_service(town, town_admin):
    with pytest.raises(ValidationError) as refused:
        _register(town_admin, town, leitweg_id="991-33333TEST-34")
    assert "leitweg_id" in refused.value.message_dict


def test_a_member_without_admin_right_cannot_register(town):
    member = person_with_account(town, "Max", "Mohr", "max@neumuenster.example")
    with pytest.raises(PermissionDenied):
        _register(member, town)


def test_registering_again_with_another_jurisdiction_resets_the_verification(
    town, town_admin, shop_staff
):
    buyer = verify_buyer(shop_staff, _register(town_admin, town), note="called 03.02.2026")
    assert buyer.is_verified
    buyer = _register(town_admin, town, invoice_email="neu@neumuenster.example")
    assert buyer.is_verified
    buyer = _register(town_admin, town, jurisdiction="HH", authority_kind="land")
    assert not buyer.is_verified
    assert PublicBuyer.objects.count() == 1


def test_staff_verify_and_the_admins_are_told(town, town_admin, shop_staff):
    buyer = verify_buyer(shop_staff, _register(town_admin, town), note="called the main office")
    assert buyer.verified_by == shop_staff
    assert buyer.verification_note == "called the main office"
    mail = OutgoingMail.objects.get(kind="procurement_buyer_verified")
    assert mail.to == "nina@neumuenster.example"
    assert "verified" in mail.subject
    assert AuditEntry.objects.filter(action="procurement.buyer.verified").exists()


def test_staff_withdraw_a_verification(buyer, shop_staff):
    buyer = unverify_buyer(shop_staff, buyer, note="Not a public body")
    assert not buyer.is_verified
    assert AuditEntry.objects.filter(action="procurement.buyer.unverified").exists()


def test_a_verification_needs_a_note(town, town_admin, shop_staff):
    with pytest.raises(ValidationError):
        verify_buyer(shop_staff, _register(town_admin, town), note=" ")


def test_the_organisation_admin_cannot_verify_their_own_buyer(town, town_admin):
    with pytest.raises(PermissionDenied):
        verify_buyer(town_admin, _register(town_admin, town), note="trust me")


# --- views ---


def test_the_register_form_registers_the_administration(client_for, town, town_admin):
    response = client_for(town_admin).post(
        REGISTER,
        {
            "organisation": town.pk,
            "jurisdiction": "SH",
            "authority_kind": "municipal",
            "leitweg_id": "991-33333TEST-33",
            "invoice_email": "",
        },
    )
    assert response.status_code == 302
    assert PublicBuyer.objects.get(organisation=town).leitweg_id == "991-33333TEST-33"


def test_a_wrong_leitweg_check_digit_is_refused_on_the_form_with_the_message(
    client_for, town, town_admin
):
    response = client_for(town_admin).post(
        REGISTER,
        {
            "organisation": town.pk,
            "jurisdiction": "SH",
            "authority_kind": "municipal",
            "leitweg_id": "991-33333TEST-34",
            "invoice_email": "rechnung@neumuenster.example",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "The check digits of this Leitweg-ID do not match" in page
    assert 'href="#id_leitweg_id"' in page  # the error summary links to the field
    assert 'value="991-33333TEST-34"' in page  # nothing the user typed is lost
    assert 'value="rechnung@neumuenster.example"' in page
    assert not PublicBuyer.objects.exists()


def test_a_federal_authority_in_a_land_is_refused_on_the_form(client_for, town, town_admin):
    response = client_for(town_admin).post(
        REGISTER,
        {"organisation": town.pk, "jurisdiction": "SH", "authority_kind": "federal_top"},
    )
    assert response.status_code == 400
    assert "Federal authorities belong to the Federation" in response.content.decode()


def test_a_firm_admin_gets_a_page_that_explains_who_can_buy(client_for, provider_admin):
    response = client_for(provider_admin).get(REGISTER)
    assert response.status_code == 403
    assert "Public administrations buy here" in response.content.decode()


def test_the_register_page_needs_a_login(client):
    response = client.get(REGISTER)
    assert response.status_code == 302
    assert "login" in response.url


def test_staff_see_the_buyers_unverified_first(
    client_for, shop_staff, buyer, unverified_buyer, django_assert_max_num_queries
):
    client = client_for(shop_staff)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("procurement:buyers"))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("Gemeinde Wahlstedt") < page.index("Landeshauptstadt Kiel")


def test_staff_verify_on_the_verification_page(client_for, shop_staff, unverified_buyer):
    url = reverse("procurement:buyer_verify", args=[unverified_buyer.pk])
    client = client_for(shop_staff)
    assert "Gemeinde Wahlstedt" in client.get(url).content.decode()
    response = client.post(url, {"note": "Called the town hall", "verify": ""})
    assert response.status_code == 302
    unverified_buyer.refresh_from_db()
    assert unverified_buyer.is_verified


def test_staff_withdraw_on_the_verification_page(client_for, shop_staff, buyer):
    url = reverse("procurement:buyer_verify", args=[buyer.pk])
    client_for(shop_staff).post(url, {"note": "Dissolved", "unverify": ""})
    buyer.refresh_from_db()
    assert not buyer.is_verified


def test_a_verification_without_note_keeps_the_page_with_the_error(
    client_for, shop_staff, unverified_buyer
):
    url = reverse("procurement:buyer_verify", args=[unverified_buyer.pk])
    response = client_for(shop_staff).post(url, {"note": "", "verify": ""})
    assert response.status_code == 400
    unverified_buyer.refresh_from_db()
    assert not unverified_buyer.is_verified


def test_people_who_are_not_staff_cannot_list_or_verify_buyers(
    client, client_for, buyer_user, unverified_buyer
):
    url = reverse("procurement:buyer_verify", args=[unverified_buyer.pk])
    assert client.get(reverse("procurement:buyers")).status_code == 302
    assert client.get(url).status_code == 302
    client = client_for(buyer_user)
    assert client.get(reverse("procurement:buyers")).status_code == 403
    assert client.post(url, {"note": "me", "verify": ""}).status_code == 403
    unverified_buyer.refresh_from_db()
    assert not unverified_buyer.is_verified


def test_the_back_office_shows_buyers_orders_and_invoices_without_editing(admin_client, buyer):
    for model in ["publicbuyer", "order", "supplierinvoice", "offering", "offeringversion"]:
        assert admin_client.get(reverse(f"admin:procurement_{model}_changelist")).status_code == 200
    for model in ["themenfeld", "interface"]:
        assert admin_client.get(reverse(f"admin:procurement_{model}_add")).status_code == 200
    change = reverse("admin:procurement_publicbuyer_change", args=[buyer.pk])
    assert admin_client.get(change).status_code == 200
    admin_client.post(change, {"jurisdiction": "HH"})
    buyer.refresh_from_db()
    assert buyer.jurisdiction == "SH"
    assert admin_client.get(reverse("admin:procurement_publicbuyer_add")).status_code == 403
