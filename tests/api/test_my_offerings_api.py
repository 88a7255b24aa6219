"""A provider's own offerings through the API: drafts and versions in review for the
organisation's admins and its staff, drafted and changed through the page's offering
form, submitted for review by the listing rules, audited with the token's name."""

import pytest
from django.urls import reverse

from knotenpunkt.api.scopes import OFFERINGS_READ, OFFERINGS_WRITE
from knotenpunkt.api.tokens import create_token
from knotenpunkt.core.models import AuditEntry
from knotenpunkt.procurement.models.catalogue import Offering, OfferingVersion
from tests.api.conftest import bearer
from tests.procurement.catalogue_helpers import make_offering

Status = OfferingVersion.Status
DESCRIPTION = (
    "Online-Terminvergabe für Bürgerbüros: Bürgerinnen und Bürger buchen Termine rund um "
    "die Uhr, das Amt plant Personal und Schalter; mit Erinnerungen per SMS und E-Mail."
)


@pytest.fixture(autouse=True)
def _uploads_in_tmp(private_files_in_tmp):
    """Offering documents go to tmp_path."""


def token(user, *scopes, organisation=None):
    return bearer(create_token(user, "PIM", list(scopes), 30, organisation=organisation)[1])


def post(client, data, headers):
    return client.post("/api/v1/my/offerings", data, content_type="application/json", **headers)


def patch(client, slug, data, headers):
    return client.patch(
        f"/api/v1/my/offerings/{slug}", data, content_type="application/json", **headers
    )


def test_the_list_holds_own_drafts_and_listed_offerings_not_others(
    client, provider, provider_admin, other_provider, shop_staff
):
    make_offering(provider, provider_admin, name="Termin Online")
    make_offering(provider, provider_admin, name="Akte Alt", publish_by=shop_staff)
    make_offering(other_provider, None, name="Fremdes Angebot")
    response = client.get("/api/v1/my/offerings", **token(provider_admin, OFFERINGS_READ))
    assert response.status_code == 200, response.content
    offerings = {o["slug"]: o for o in response.json()["results"]}
    assert set(offerings) == {"termin-online", "akte-alt"}
    assert offerings["termin-online"]["working"]["status"] == "draft"
    assert not offerings["termin-online"]["listed"]
    assert offerings["akte-alt"]["listed"] and offerings["akte-alt"]["working"] is None
    assert offerings["akte-alt"]["published_version"] == 1


def test_others_are_refused(
    client, provider, provider_admin, provider_employee, other_provider_admin
):
    make_offering(provider, provider_admin, name="Termin Online")
    url = "/api/v1/my/offerings/termin-online"
    assert client.get(url, **token(provider_admin, OFFERINGS_READ)).status_code == 200
    assert client.get(url, **token(other_provider_admin, OFFERINGS_READ)).status_code == 403
    assert client.get(url, **token(provider_admin, OFFERINGS_WRITE)).status_code == 403
    assert client.get(url).status_code == 401
    # The provider's people see drafts, only its admins change them (as on the page).
    assert client.get(url, **token(provider_employee, OFFERINGS_READ)).status_code == 200
    refused = patch(
        client, "termin-online", {"summary": "X"}, token(provider_employee, OFFERINGS_WRITE)
    )
    assert refused.status_code == 403
    listed = client.get("/api/v1/my/offerings", **token(other_provider_admin, OFFERINGS_READ))
    assert listed.json()["count"] == 0


def test_drafting_an_offering_shows_on_the_page_and_is_audited(client_for, client, provider_admin):
    response = post(
        client,
        {"provider": "termin-nord", "name": "Termin Online", "summary": "Termine buchen."},
        token(provider_admin, OFFERINGS_WRITE),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["slug"] == "termin-online" and body["working"]["status"] == "draft"
    assert any(i["field"] == "description" for i in body["checklist"])
    page = client_for(provider_admin).get(reverse("procurement:my_offerings"))
    assert "Termin Online" in page.content.decode()
    entry = AuditEntry.objects.get(action="procurement.offering.drafted")
    assert entry.actor == provider_admin and entry.data["via"] == "PIM"


def test_invalid_offerings_are_422_problems_and_nothing_is_stored(client, provider_admin):
    wrong = post(
        client,
        {
            "provider": "termin-nord",
            "name": "X",
            "themenfelder": ["gibt-es-nicht"],
            "opencode_url": "kein link",
        },
        token(provider_admin, OFFERINGS_WRITE),
    )
    assert wrong.status_code == 422
    assert {e["field"] for e in wrong.json()["errors"]} == {"themenfelder", "opencode_url"}
    unknown = post(
        client, {"provider": "niemand", "name": "X"}, token(provider_admin, OFFERINGS_WRITE)
    )
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "provider"
    assert not Offering.objects.exists()


def test_another_organisations_token_cannot_list_for_the_provider(
    client, provider, provider_admin, other_provider
):
    org_token = token(provider_admin, OFFERINGS_WRITE, organisation=provider)
    assert post(client, {"provider": "akte-digital", "name": "X"}, org_token).status_code == 403
    assert (
        post(
            client,
            {"provider": "akte-digital", "name": "X"},
            token(provider_admin, OFFERINGS_WRITE),
        ).status_code
        == 403
    )
    assert not Offering.objects.exists()


def test_changing_and_submitting_a_draft(client, provider, provider_admin, shop_staff):
    make_offering(provider, provider_admin, name="Termin Online", description="Zu kurz.")
    headers = {**token(provider_admin, OFFERINGS_WRITE), "HTTP_ACCEPT_LANGUAGE": "en"}
    refused = client.post("/api/v1/my/offerings/termin-online/submit", **headers)
    assert refused.status_code == 422
    assert any("too short" in e["message"] for e in refused.json()["errors"])
    changed = patch(client, "termin-online", {"description": DESCRIPTION}, headers)
    assert changed.status_code == 200, changed.content
    assert changed.json()["working"]["description"] == DESCRIPTION
    assert changed.json()["working"]["hosting"] == "de"  # kept
    assert AuditEntry.objects.get(action="procurement.offering.draft_changed").data["via"] == "PIM"
    submitted = client.post("/api/v1/my/offerings/termin-online/submit", **headers)
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["working"]["status"] == "submitted"
    locked = patch(client, "termin-online", {"summary": "Anders"}, headers)
    assert (
        locked.status_code == 422
        and "can no longer be changed" in locked.json()["errors"][0]["message"]
    )


def test_changing_a_published_offering_starts_the_next_version(
    client, provider, provider_admin, shop_staff
):
    make_offering(provider, provider_admin, name="Termin Online", publish_by=shop_staff)
    response = patch(
        client, "termin-online", {"price_amount": "5.00"}, token(provider_admin, OFFERINGS_WRITE)
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["published_version"] == 1 and body["listed"]
    assert body["working"]["number"] == 2 and body["working"]["price_amount"] == "5.00"
    published = Offering.objects.get(slug="termin-online").published
    assert str(published.price_amount) == "4.50"


def test_the_list_costs_the_same_queries_for_many_offerings(
    client, provider, provider_admin, django_assert_max_num_queries
):
    for number in range(8):
        make_offering(provider, provider_admin, name=f"Angebot {number}")
    headers = token(provider_admin, OFFERINGS_READ)
    with django_assert_max_num_queries(14):
        assert client.get("/api/v1/my/offerings", **headers).json()["count"] == 8
