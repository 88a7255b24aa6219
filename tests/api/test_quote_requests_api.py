"""Quote requests through the API, as the pages show them to either side: the buyer's
requests with every invitation (quotes sealed until the deadline), the invited
supplier's own invitation and quote only; nobody else's."""

from decimal import Decimal

import pytest

from knotenpunkt.api.scopes import ME_READ, QUOTE_REQUESTS_READ
from knotenpunkt.api.tokens import create_token
from knotenpunkt.procurement.services import requests as services
from tests.api.conftest import bearer
from tests.procurement.test_requests import close_deadline, draft, sent_request


@pytest.fixture(autouse=True)
def _uploads_in_tmp(private_files_in_tmp):
    """Quote files go to tmp_path."""


@pytest.fixture
def quoted(buyer, buyer_user, provider, provider_admin, other_provider):
    """A sent request to two providers; the first has quoted."""
    quote_request = sent_request(buyer, buyer_user, [provider, other_provider])
    invitation = quote_request.invitations.get(provider=provider)
    services.submit_quote(
        provider_admin, invitation, net_price=Decimal("4321.00"), description="Unser Angebot"
    )
    return quote_request


def token(user, *scopes):
    return bearer(create_token(user, "ERP", list(scopes), 30)[1])


def test_the_buyer_sees_its_requests_with_every_invitation_but_sealed_prices(
    client, quoted, buyer, buyer_user
):
    draft(buyer, buyer_user)
    response = client.get("/api/v1/quote-requests", **token(buyer_user, QUOTE_REQUESTS_READ))
    assert response.status_code == 200, response.content
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["draft", "sent"]
    sent = results[1]
    assert sent["role"] == "buyer" and sent["estimated_value"] is not None
    assert {i["provider"] for i in sent["invitations"]} == {"termin-nord", "akte-digital"}
    assert [i["net_price"] for i in sent["invitations"] if i["quoted"]] == [None]
    close_deadline(quoted)
    unsealed = client.get(
        f"/api/v1/quote-requests/{quoted.pk}", **token(buyer_user, QUOTE_REQUESTS_READ)
    )
    assert [i["net_price"] for i in unsealed.json()["invitations"] if i["quoted"]] == ["4321.00"]


def test_the_supplier_sees_its_own_invitation_and_quote_only(
    client, quoted, provider_admin, other_provider_admin
):
    mine = client.get("/api/v1/quote-requests", **token(provider_admin, QUOTE_REQUESTS_READ))
    [request] = mine.json()["results"]
    assert request["role"] == "supplier" and request["estimated_value"] is None
    assert [(i["provider"], i["net_price"]) for i in request["invitations"]] == [
        ("termin-nord", "4321.00")
    ]
    assert "/invitations/" in request["url"]
    theirs = client.get(
        f"/api/v1/quote-requests/{quoted.pk}", **token(other_provider_admin, QUOTE_REQUESTS_READ)
    ).json()
    assert [(i["provider"], i["quoted"]) for i in theirs["invitations"]] == [
        ("akte-digital", False)
    ]


def test_role_and_status_filters(client, quoted, buyer, buyer_user, provider_admin):
    headers = token(buyer_user, QUOTE_REQUESTS_READ)
    assert (
        client.get("/api/v1/quote-requests", {"role": "supplier"}, **headers).json()["count"] == 0
    )
    assert client.get("/api/v1/quote-requests", {"status": "draft"}, **headers).json()["count"] == 0
    wrong = client.get("/api/v1/quote-requests", {"role": "judge"}, **headers)
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "query.role"


def test_outsiders_drafts_and_missing_scopes_are_refused(
    client, quoted, buyer, buyer_user, provider_admin, alice
):
    unsent = draft(buyer, buyer_user)
    # An invited provider sees a request only once it is sent to it.
    assert (
        client.get(
            f"/api/v1/quote-requests/{unsent.pk}", **token(provider_admin, QUOTE_REQUESTS_READ)
        ).status_code
        == 404
    )
    assert (
        client.get(
            f"/api/v1/quote-requests/{quoted.pk}", **token(alice, QUOTE_REQUESTS_READ)
        ).status_code
        == 404
    )
    assert (
        client.get("/api/v1/quote-requests", **token(alice, QUOTE_REQUESTS_READ)).json()["count"]
        == 0
    )
    no_scope = client.get("/api/v1/quote-requests", **token(buyer_user, ME_READ))
    assert no_scope.status_code == 403
    assert client.get("/api/v1/quote-requests").status_code == 401


def test_the_list_costs_the_same_queries_for_many_requests(
    client, quoted, buyer, buyer_user, django_assert_max_num_queries
):
    for _number in range(6):
        draft(buyer, buyer_user)
    headers = token(buyer_user, QUOTE_REQUESTS_READ)
    with django_assert_max_num_queries(20):
        assert client.get("/api/v1/quote-requests", **headers).json()["count"] == 7
