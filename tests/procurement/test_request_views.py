"""The advisor page, the buyer's request pages and the provider's invitation pages."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.procurement.models.orders import Order
from knotenpunkt.procurement.models.requests import Quote, QuoteRequest
from knotenpunkt.procurement.services import requests as services
from knotenpunkt.procurement.services.orders import record_order
from tests.procurement.conftest import make_buyer, person_with_account
from tests.procurement.test_requests import (
    EU_VALUE,
    VV_VALUE,
    close_deadline,
    draft,
    listed_offering,
    sent_request,
)


def _deadline_input(days=3):
    return (timezone.localtime() + datetime.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def other_buyer_user(db):
    other = make_buyer("Hansestadt Lübeck", "luebeck", leitweg_id="")
    return person_with_account(other.organisation, "Lea", "Lutz", "lea@luebeck.example")


@pytest.fixture
def with_quote(buyer, buyer_user, provider, provider_admin):
    quote_request = sent_request(buyer, buyer_user, [provider])
    services.submit_quote(
        provider_admin,
        quote_request.invitations.get(),
        net_price=Decimal("4321.00"),
        description="Our sealed offer text",
    )
    return quote_request


# --- the advisor ---


def test_anyone_gets_advice_with_procedure_steps_and_duties(client, db):
    response = client.get(
        reverse("procurement:advisor"),
        {
            "jurisdiction": "SH",
            "authority": "municipal",
            "category": "services",
            "monthly": "4500",
            "term_months": "36",
            "option_months": "24",
            "date": "2026-02-01",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "EU-wide procedure" in html
    assert "216,000.00" in html
    assert "§ 134 GWB" in html
    assert "48 × monthly value" in html


def test_the_advisor_says_what_is_missing(client, db):
    response = client.get(
        reverse("procurement:advisor"),
        {"jurisdiction": "SH", "authority": "municipal", "category": "services", "value": ""},
    )
    assert response.status_code == 400
    assert "Give a one-off value or a monthly fee." in response.content.decode()
    assert 'href="#id_value"' in response.content.decode()


def test_the_advisor_refuses_a_federal_authority_in_a_land(client, db):
    response = client.get(
        reverse("procurement:advisor"),
        {"jurisdiction": "SH", "authority": "federal_top", "category": "supplies", "value": "10"},
    )
    assert response.status_code == 400
    assert "Federal authorities belong to the Federation, not to a Land." in (
        response.content.decode()
    )


# --- who may buy ---


@pytest.mark.parametrize("name", ["requests", "request_create"])
def test_anonymous_users_are_sent_to_the_login(client, name):
    response = client.get(reverse(f"procurement:{name}"))
    assert response.status_code == 302
    assert "/login" in response["Location"]


@pytest.mark.parametrize("name", ["requests", "request_create"])
def test_an_unverified_buyer_cannot_request_quotes(client_for, unverified_buyer_user, name):
    assert client_for(unverified_buyer_user).get(reverse(f"procurement:{name}")).status_code == 403


@pytest.mark.parametrize("name", ["requests", "request_create"])
def test_a_business_user_cannot_request_quotes(client_for, provider_admin, name):
    assert client_for(provider_admin).get(reverse(f"procurement:{name}")).status_code == 403


def test_an_unverified_buyer_cannot_post_a_request(client_for, unverified_buyer_user):
    response = client_for(unverified_buyer_user).post(
        reverse("procurement:request_create"), {"title": "x"}
    )
    assert response.status_code == 403
    assert not QuoteRequest.objects.exists()


# --- creating and editing ---


def _request_form(buyer, **overrides):
    data = {
        "buyer": buyer.pk,
        "title": "Appointment booking",
        "need": "Citizens book appointments online.",
        "offering_category": "appointments",
        "procurement_category": "services",
        "one_off_value": "4000",
        "monthly_value": "",
        "term_months": "",
        "option_months": "",
        "option_value": "",
    }
    data.update(overrides)
    return data


def test_a_buyer_creates_a_draft_with_a_preselected_offering(
    client_for, buyer, buyer_user, provider
):
    version = listed_offering(provider, "Termin Nord Online")
    client = client_for(buyer_user)
    page = client.get(reverse("procurement:request_create"), {"offering": version.pk})
    assert page.status_code == 200
    assert "Termin Nord Online" in page.content.decode()
    response = client.post(
        reverse("procurement:request_create") + f"?offering={version.pk}", _request_form(buyer)
    )
    quote_request = QuoteRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == quote_request.get_absolute_url()
    assert quote_request.created_by == buyer_user
    assert quote_request.procedure == "DA"
    assert quote_request.invitations.get().provider == provider


def test_bad_input_keeps_what_was_entered_and_says_why(client_for, buyer, buyer_user):
    response = client_for(buyer_user).post(
        reverse("procurement:request_create"),
        _request_form(buyer, one_off_value="", need="Our long need text"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Give a one-off value or a monthly fee." in html
    assert "Our long need text" in html
    assert 'href="#id_one_off_value"' in html
    assert not QuoteRequest.objects.exists()


def test_a_negative_value_is_refused_next_to_the_field(client_for, buyer, buyer_user):
    response = client_for(buyer_user).post(
        reverse("procurement:request_create"), _request_form(buyer, one_off_value="-5")
    )
    assert response.status_code == 400
    assert "id_one_off_value_error" in response.content.decode()


def test_editing_a_draft_updates_the_advice(client_for, buyer, buyer_user):
    quote_request = draft(buyer, buyer_user)
    data = _request_form(buyer, one_off_value=str(VV_VALUE))
    del data["buyer"]
    response = client_for(buyer_user).post(
        reverse("procurement:request_edit", args=[quote_request.pk]), data
    )
    assert response.status_code == 302
    quote_request.refresh_from_db()
    assert quote_request.procedure == "VV_BA_OTW"


def test_a_sent_request_cannot_be_edited(client_for, buyer, buyer_user, provider):
    quote_request = sent_request(buyer, buyer_user, [provider])
    response = client_for(buyer_user).get(
        reverse("procurement:request_edit", args=[quote_request.pk])
    )
    assert response.status_code == 302


def test_another_administration_cannot_edit(client_for, buyer, buyer_user, other_buyer_user):
    quote_request = draft(buyer, buyer_user)
    url = reverse("procurement:request_edit", args=[quote_request.pk])
    assert client_for(other_buyer_user).get(url).status_code == 403


# --- the request page ---


def test_the_request_list_shows_status_and_quote_count(
    client_for, buyer_user, with_quote, django_assert_max_num_queries
):
    client = client_for(buyer_user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("procurement:requests"))
    html = response.content.decode()
    assert "Online appointment booking" in html
    assert "sealed until the deadline" in html
    assert "4,321" not in html


def test_the_request_page_is_closed_to_other_administrations_and_providers(
    client, client_for, buyer, buyer_user, other_buyer_user, provider_admin
):
    quote_request = draft(buyer, buyer_user)
    url = quote_request.get_absolute_url()
    assert client.get(url).status_code == 302
    assert client_for(other_buyer_user).get(url).status_code == 403
    assert client_for(provider_admin).get(url).status_code == 403


def test_the_splitting_warning_is_shown_on_the_request(client_for, buyer, buyer_user, provider):
    record_order(
        buyer_user,
        buyer=buyer,
        provider=provider,
        title="Earlier appointment booking",
        offering_category="appointments",
        procurement_category="services",
        procedure="DA",
        net_value=Decimal("3000"),
        ordered_on=timezone.localdate() - datetime.timedelta(days=30),
    )
    quote_request = draft(buyer, buyer_user)
    html = client_for(buyer_user).get(quote_request.get_absolute_url()).content.decode()
    assert "must not be split" in html
    assert "Earlier appointment booking" in html


def test_buyer_sees_no_price_before_the_deadline(client_for, buyer_user, with_quote):
    response = client_for(buyer_user).get(with_quote.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 quote received." in html
    assert "sealed until the deadline" in html
    assert "4,321" not in html
    assert "Our sealed offer text" not in html


def test_buyer_sees_all_quotes_after_the_deadline(client_for, buyer_user, with_quote, shop_cluster):
    close_deadline(with_quote)
    html = client_for(buyer_user).get(with_quote.get_absolute_url()).content.decode()
    assert "4,321.00" in html
    assert "Our sealed offer text" in html
    assert "Award and record the order" in html


def test_the_documentation_pdf_is_for_the_buyer(
    client_for, buyer_user, other_buyer_user, with_quote
):
    url = reverse("procurement:request_documentation", args=[with_quote.pk])
    response = client_for(buyer_user).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert client_for(other_buyer_user).get(url).status_code == 403


# --- choosing firms and sending ---


def test_catalogue_search_and_adding_an_offering(client_for, buyer, buyer_user, provider):
    listed_offering(provider, "Termin Nord Online")
    quote_request = draft(buyer, buyer_user)
    client = client_for(buyer_user)
    html = client.get(quote_request.get_absolute_url(), {"q": "Nord"}).content.decode()
    assert "Termin Nord Online" in html
    version = provider.offerings.get().published
    response = client.post(
        reverse("procurement:request_invite", args=[quote_request.pk]), {"offering": version.pk}
    )
    assert response.status_code == 302
    assert quote_request.invitations.get().provider == provider


def test_another_administration_cannot_add_or_remove_firms(
    client_for, buyer, buyer_user, other_buyer_user, provider
):
    version = listed_offering(provider, "Termin Nord Online")
    quote_request = draft(buyer, buyer_user)
    invitation = services.add_offering(quote_request, version)
    client = client_for(other_buyer_user)
    add = reverse("procurement:request_invite", args=[quote_request.pk])
    remove = reverse("procurement:invitation_remove", args=[invitation.pk])
    assert client.post(add, {"offering": version.pk}).status_code == 403
    assert client.post(remove).status_code == 403
    assert quote_request.invitations.count() == 1


def test_removing_a_firm_from_a_draft(client_for, buyer, buyer_user, provider):
    quote_request = draft(buyer, buyer_user)
    invitation = services.add_offering(quote_request, listed_offering(provider, "Termin"))
    response = client_for(buyer_user).post(
        reverse("procurement:invitation_remove", args=[invitation.pk])
    )
    assert response.status_code == 302
    assert not quote_request.invitations.exists()


def test_the_platform_proposes_firms_with_reasons_and_adds_the_ticked(
    client_for, buyer, buyer_user, provider, other_provider
):
    listed_offering(provider, "Termin Nord Online")
    listed_offering(other_provider, "Akte Termin")
    quote_request = draft(buyer, buyer_user, value=VV_VALUE)
    client = client_for(buyer_user)
    url = reverse("procurement:request_propose", args=[quote_request.pk])
    html = client.get(url).content.decode()
    assert "lists ‘Termin Nord Online’ in this category" in html
    assert "not asked by you in the last 12 months" in html
    response = client.post(url, {"providers": [str(provider.pk)]})
    assert response.status_code == 302
    invitation = quote_request.invitations.get()
    assert invitation.provider == provider
    assert invitation.origin == "proposed"


def test_proposing_without_a_tick_says_so(client_for, buyer, buyer_user, provider):
    listed_offering(provider, "Termin Nord Online")
    quote_request = draft(buyer, buyer_user)
    url = reverse("procurement:request_propose", args=[quote_request.pk])
    response = client_for(buyer_user).post(url, {})
    assert response.status_code == 400
    assert "Tick at least one provider." in response.content.decode()


def test_the_propose_page_is_closed_to_others(client_for, buyer, buyer_user, provider_admin):
    quote_request = draft(buyer, buyer_user)
    url = reverse("procurement:request_propose", args=[quote_request.pk])
    assert client_for(provider_admin).get(url).status_code == 403


def test_sending_with_too_few_firms_shows_how_many_are_needed(
    client_for, buyer, buyer_user, provider
):
    quote_request = draft(buyer, buyer_user, value=VV_VALUE)
    services.add_offering(quote_request, listed_offering(provider, "Termin"))
    response = client_for(buyer_user).post(
        reverse("procurement:request_send", args=[quote_request.pk]),
        {"deadline": _deadline_input()},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "without competition (Verhandlungsvergabe / Beschränkte Ausschreibung ohne " in html
    assert "Teilnahmewettbewerb) needs at least 3 offers" in html
    assert "VV_BA_OTW" not in html
    assert "1 firms chosen – add 2 more or let the platform propose" in html
    quote_request.refresh_from_db()
    assert quote_request.status == "draft"


def test_sending_with_a_deadline_too_soon_says_why(client_for, buyer, buyer_user, provider):
    quote_request = draft(buyer, buyer_user)
    services.add_offering(quote_request, listed_offering(provider, "Termin"))
    response = client_for(buyer_user).post(
        reverse("procurement:request_send", args=[quote_request.pk]),
        {"deadline": _deadline_input(days=0)},
    )
    assert response.status_code == 400
    assert "providers need time to prepare a quote" in response.content.decode()
    assert "id_deadline_error" in response.content.decode()


def test_a_direct_award_is_sent_from_the_page(client_for, buyer, buyer_user, provider):
    quote_request = draft(buyer, buyer_user)
    services.add_offering(quote_request, listed_offering(provider, "Termin"))
    response = client_for(buyer_user).post(
        reverse("procurement:request_send", args=[quote_request.pk]),
        {"deadline": _deadline_input()},
    )
    assert response.status_code == 302
    quote_request.refresh_from_db()
    assert quote_request.status == "sent"


def test_an_eu_procedure_cannot_be_sent_and_the_page_says_so(
    client_for, buyer, buyer_user, provider
):
    quote_request = draft(buyer, buyer_user, value=EU_VALUE)
    services.add_offering(quote_request, listed_offering(provider, "Termin"))
    client = client_for(buyer_user)
    html = client.get(quote_request.get_absolute_url()).content.decode()
    assert "This platform cannot run it" in html
    assert "Send to the chosen firms" not in html
    response = client.post(
        reverse("procurement:request_send", args=[quote_request.pk]),
        {"deadline": _deadline_input()},
    )
    assert response.status_code == 400
    quote_request.refresh_from_db()
    assert quote_request.status == "draft"


def test_another_administration_cannot_send_award_or_cancel(
    client_for, buyer, buyer_user, other_buyer_user, with_quote
):
    client = client_for(other_buyer_user)
    for name in ("request_send", "request_award", "request_cancel"):
        url = reverse(f"procurement:{name}", args=[with_quote.pk])
        assert client.post(url, {"reason": "x"}).status_code == 403


# --- award and cancel ---


def test_award_from_the_page_once_only(client_for, buyer_user, with_quote):
    close_deadline(with_quote)
    quote = with_quote.invitations.get().quote
    client = client_for(buyer_user)
    url = reverse("procurement:request_award", args=[with_quote.pk])
    response = client.post(url, {"quote": quote.pk, "reason": "Only offer, fair price"})
    assert response.status_code == 302
    second = client.post(url, {"quote": quote.pk, "reason": "Again"})
    assert second.status_code == 400
    assert "awarded already" in second.content.decode()
    assert Order.objects.count() == 1


def test_award_before_the_deadline_is_forbidden(client_for, buyer_user, with_quote):
    quote = with_quote.invitations.get().quote
    response = client_for(buyer_user).post(
        reverse("procurement:request_award", args=[with_quote.pk]),
        {"quote": quote.pk, "reason": "Early"},
    )
    assert response.status_code == 403
    assert not Order.objects.exists()


def test_award_without_a_reason_says_so(client_for, buyer_user, with_quote):
    close_deadline(with_quote)
    quote = with_quote.invitations.get().quote
    response = client_for(buyer_user).post(
        reverse("procurement:request_award", args=[with_quote.pk]), {"quote": quote.pk}
    )
    assert response.status_code == 400
    assert "id_reason_error" in response.content.decode()


def test_cancel_needs_a_reason(client_for, buyer, buyer_user):
    quote_request = draft(buyer, buyer_user)
    url = reverse("procurement:request_cancel", args=[quote_request.pk])
    client = client_for(buyer_user)
    assert client.post(url, {"cancel-reason": ""}).status_code == 400
    assert client.post(url, {"cancel-reason": "Not needed"}).status_code == 302
    quote_request.refresh_from_db()
    assert quote_request.status == "cancelled"


# --- the provider's side ---


def test_the_provider_inbox_lists_its_invitations_only(
    client, client_for, buyer, buyer_user, provider, provider_admin, other_provider_admin
):
    sent_request(buyer, buyer_user, [provider])
    draft(buyer, buyer_user, title="Draft not sent")
    url = reverse("procurement:invitations")
    assert client.get(url).status_code == 302
    html = client_for(provider_admin).get(url).content.decode()
    assert "Online appointment booking" in html
    assert "Draft not sent" not in html
    other = client_for(other_provider_admin).get(url).content.decode()
    assert "Online appointment booking" not in other


def test_the_provider_sees_the_request_but_not_the_other_firms(
    client_for,
    buyer,
    buyer_user,
    provider,
    provider_employee,
    other_provider,
    other_provider_admin,
):
    quote_request = sent_request(buyer, buyer_user, [provider, other_provider])
    own = quote_request.invitations.get(provider=provider)
    foreign = quote_request.invitations.get(provider=other_provider)
    services.submit_quote(
        other_provider_admin, foreign, net_price=Decimal("999.00"), description="Akte secret"
    )
    response = client_for(provider_employee).get(reverse("procurement:invitation", args=[own.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Citizens book appointments" in html
    assert "Landeshauptstadt Kiel" in html
    assert "Akte Digital" not in html
    assert "Akte secret" not in html
    assert "999" not in html
    assert "Submit the quote" in html


def test_another_provider_cannot_open_an_invitation(
    client_for, client, buyer, buyer_user, provider, other_provider_admin, provider_admin
):
    quote_request = sent_request(buyer, buyer_user, [provider])
    invitation = quote_request.invitations.get()
    services.submit_quote(
        provider_admin, invitation, net_price=Decimal("1234.00"), description="Termin secret"
    )
    url = reverse("procurement:invitation", args=[invitation.pk])
    assert client.get(url).status_code == 302
    response = client_for(other_provider_admin).get(url)
    assert response.status_code == 403
    assert b"Termin secret" not in response.content
    post = client_for(other_provider_admin).post(url, {"net_price": "1", "description": "x"})
    assert post.status_code == 403


def test_the_buyer_cannot_open_the_providers_invitation_page(
    client_for, buyer, buyer_user, provider
):
    invitation = sent_request(buyer, buyer_user, [provider]).invitations.get()
    url = reverse("procurement:invitation", args=[invitation.pk])
    assert client_for(buyer_user).get(url).status_code == 403


def test_a_draft_invitation_is_not_found(client_for, buyer, buyer_user, provider, provider_admin):
    quote_request = draft(buyer, buyer_user)
    invitation = services.add_offering(quote_request, listed_offering(provider, "Termin"))
    url = reverse("procurement:invitation", args=[invitation.pk])
    assert client_for(provider_admin).get(url).status_code == 404


def test_the_provider_submits_a_quote_on_the_page(
    client_for, buyer, buyer_user, provider, provider_admin
):
    invitation = sent_request(buyer, buyer_user, [provider]).invitations.get()
    client = client_for(provider_admin)
    url = reverse("procurement:invitation", args=[invitation.pk])
    response = client.post(url, {"net_price": "3900.00", "description": "SaaS, 3 years"})
    assert response.status_code == 302
    assert invitation.quote.net_price == Decimal("3900.00")
    html = client.get(url).content.decode()
    assert "3,900.00" in html
    assert "Save the changed quote" in html


def test_a_quote_without_a_price_keeps_the_text(
    client_for, buyer, buyer_user, provider, provider_admin
):
    invitation = sent_request(buyer, buyer_user, [provider]).invitations.get()
    response = client_for(provider_admin).post(
        reverse("procurement:invitation", args=[invitation.pk]),
        {"net_price": "", "description": "My carefully written offer"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "My carefully written offer" in html
    assert 'href="#id_net_price"' in html


def test_a_quote_after_the_deadline_is_refused(
    client_for, buyer, buyer_user, provider, provider_admin
):
    quote_request = sent_request(buyer, buyer_user, [provider])
    close_deadline(quote_request)
    invitation = quote_request.invitations.get()
    response = client_for(provider_admin).post(
        reverse("procurement:invitation", args=[invitation.pk]),
        {"net_price": "3900.00", "description": "Late offer"},
    )
    assert response.status_code == 400
    assert "The deadline passed on" in response.content.decode()
    assert not Quote.objects.exists()


def test_the_provider_declines_on_the_page(
    client_for, buyer, buyer_user, provider, provider_admin, other_provider_admin
):
    invitation = sent_request(buyer, buyer_user, [provider]).invitations.get()
    url = reverse("procurement:invitation_decline", args=[invitation.pk])
    assert client_for(other_provider_admin).post(url, {"reason": "x"}).status_code == 403
    response = client_for(provider_admin).post(url, {"reason": "Fully booked"})
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.decline_reason == "Fully booked"


def test_a_second_buyer_organisation_offers_a_choice(client_for, buyer, buyer_user):
    second = make_buyer("Kreis Plön", "ploen", leitweg_id="")
    from tests.factories import PositionFactory

    PositionFactory(person=buyer_user.person, organisation=second.organisation)
    html = client_for(buyer_user).get(reverse("procurement:request_create")).content.decode()
    assert "Kreis Plön" in html
    assert "Landeshauptstadt Kiel" in html


def test_the_inbox_needs_few_queries(
    client_for, buyer, buyer_user, provider, provider_admin, django_assert_max_num_queries
):
    for n in range(3):
        quote_request = draft(buyer, buyer_user, title=f"Request {n}")
        services.add_offering(quote_request, listed_offering(provider, f"Termin {n}"))
        services.send_request(
            buyer_user, quote_request, deadline=timezone.now() + datetime.timedelta(days=3)
        )
    client = client_for(provider_admin)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("procurement:invitations"))
    assert response.content.decode().count("Request ") >= 3


def test_the_offer_document_is_sealed_like_the_quote(
    client_for,
    settings,
    tmp_path,
    buyer,
    buyer_user,
    provider,
    provider_admin,
    other_provider_admin,
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    quote_request = sent_request(buyer, buyer_user, [provider])
    invitation = quote_request.invitations.get()
    client_for(provider_admin).post(
        reverse("procurement:invitation", args=[invitation.pk]),
        {
            "net_price": "100",
            "description": "See the attached offer",
            "document": SimpleUploadedFile("offer.pdf", b"%PDF-1.4 offer", "application/pdf"),
        },
    )
    quote = Quote.objects.get()
    url = reverse("procurement:quote_document", args=[quote.pk])
    assert client_for(provider_admin).get(url).status_code == 200
    assert client_for(other_provider_admin).get(url).status_code == 403
    assert client_for(buyer_user).get(url).status_code == 403
    close_deadline(quote_request)
    response = client_for(buyer_user).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 offer"
