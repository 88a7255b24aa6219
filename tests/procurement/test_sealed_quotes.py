"""Quotes are sealed until the deadline for everybody but the quoting firm, platform
admins included: on the request's page, in the documentation PDF, behind the quote's
document and anywhere in the back office."""

import datetime
from decimal import Decimal

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.procurement.services import requests as services
from knotenpunkt.procurement.services.sealing import quotes_for_display, quotes_visible
from tests.factories import UserFactory
from tests.procurement.test_documentation import _text
from tests.procurement.test_requests import close_deadline, sent_request

PRICE_SPELLINGS = ["4321", "4,321", "4.321"]


@pytest.fixture
def platform_admin(db):
    return UserFactory(email="root@example.org", is_staff=True, is_superuser=True)


@pytest.fixture
def sealed(buyer, buyer_user, provider, provider_admin):
    quote_request = sent_request(buyer, buyer_user, [provider])
    services.submit_quote(
        provider_admin,
        quote_request.invitations.get(),
        net_price=Decimal("4321.00"),
        description="Our sealed offer text",
        document=SimpleUploadedFile("angebot.pdf", b"%PDF-1.4 sealed", "application/pdf"),
    )
    return quote_request


def _shows_the_quote(text: str) -> bool:
    return "Our sealed offer text" in text or any(p in text for p in PRICE_SPELLINGS)


def test_quotes_are_unsealed_exactly_at_the_deadline(sealed):
    assert not quotes_visible(sealed, now=sealed.deadline - datetime.timedelta(seconds=1))
    assert quotes_visible(sealed, now=sealed.deadline)
    assert not quotes_for_display(sealed).exists()


def test_a_platform_admin_does_not_see_a_sealed_quote_on_the_requests_page(
    client_for, platform_admin, sealed
):
    response = client_for(platform_admin).get(sealed.get_absolute_url())
    assert response.status_code == 200
    assert not _shows_the_quote(response.text)


def test_a_platform_admin_does_not_see_a_sealed_quote_on_the_invitations_page(
    client_for, platform_admin, sealed
):
    url = reverse("procurement:invitation", args=[sealed.invitations.get().pk])
    response = client_for(platform_admin).get(url)
    assert not _shows_the_quote(response.text)


def test_a_platform_admin_does_not_see_a_sealed_quote_in_the_documentation_pdf(
    client_for, platform_admin, sealed
):
    url = reverse("procurement:request_documentation", args=[sealed.pk])
    response = client_for(platform_admin).get(url)
    assert response.status_code == 200
    assert not _shows_the_quote(_text(response.content))


def test_a_platform_admin_cannot_download_a_sealed_quotes_document(
    client_for, platform_admin, sealed
):
    quote = sealed.invitations.get().quote
    url = reverse("procurement:quote_document", args=[quote.pk])
    assert client_for(platform_admin).get(url).status_code == 403


def test_the_quoting_firm_still_sees_its_own_sealed_quote(client_for, provider_admin, sealed):
    url = reverse("procurement:invitation", args=[sealed.invitations.get().pk])
    assert "Our sealed offer text" in client_for(provider_admin).get(url).text


def test_no_page_of_the_back_office_shows_a_sealed_quote(client_for, platform_admin, sealed):
    client = client_for(platform_admin)
    for model, model_admin in admin.site._registry.items():
        info = model._meta.app_label, model._meta.model_name
        changelist = reverse(f"admin:{info[0]}_{info[1]}_changelist")
        response = client.get(changelist)
        assert not _shows_the_quote(response.text), changelist
        if model_admin.search_fields:
            response = client.get(changelist, {"q": "sealed offer"})
            assert not _shows_the_quote(response.text), changelist
        if not model._meta.managed:
            continue  # the task queue's dashboard has no table
        for row in model_admin.get_queryset(response.wsgi_request)[:20]:
            change = reverse(f"admin:{info[0]}_{info[1]}_change", args=[row.pk])
            assert not _shows_the_quote(client.get(change).text), change


def test_after_the_deadline_a_platform_admin_sees_the_quote(client_for, platform_admin, sealed):
    close_deadline(sealed)
    response = client_for(platform_admin).get(
        reverse("procurement:request_documentation", args=[sealed.pk])
    )
    assert "4.321,00" in _text(response.content)


@pytest.mark.parametrize("hours", [1, 48])
def test_the_deadline_not_today_decides(sealed, hours):
    later = timezone.now() + datetime.timedelta(hours=hours)
    assert quotes_visible(sealed, now=later) == (later >= sealed.deadline)
