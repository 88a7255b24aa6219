"""Mailing subscriptions through the API: the lists on offer with the user's status,
subscribing through the double opt-in with a consent record naming the API, and
unsubscribing at once."""

import pytest

from knotenpunkt.api.scopes import ME_READ, SUBSCRIPTIONS_READ, SUBSCRIPTIONS_WRITE
from knotenpunkt.api.tokens import create_token
from knotenpunkt.core.models import AuditEntry
from knotenpunkt.mailings.models import MailingList, Subscription
from knotenpunkt.outbox.models import OutgoingMail
from knotenpunkt.privacy.models import Consent
from tests.api.conftest import bearer

BOTH = [SUBSCRIPTIONS_READ, SUBSCRIPTIONS_WRITE]


@pytest.fixture
def lists(cluster, other_cluster):
    return {
        "newsletter": MailingList.objects.create(
            cluster=cluster, name="DiWiSH-Newsletter", slug="newsletter", kind="newsletter"
        ),
        "invitations": MailingList.objects.create(
            cluster=cluster, name="Einladungen", slug="einladungen", kind="invitations"
        ),
        "logistik": MailingList.objects.create(
            cluster=other_cluster, name="Logistik-News", slug="news"
        ),
        "off": MailingList.objects.create(cluster=cluster, name="Alt", slug="alt", is_active=False),
    }


@pytest.fixture
def dave_token(dave):
    return bearer(create_token(dave, "Mein CRM", BOTH, 30)[1])


def test_lists_the_lists_on_offer_with_the_users_status(client, lists, dave, dave_token):
    Subscription.objects.create(
        person=dave.person, mailing_list=lists["logistik"], status=Subscription.Status.ACTIVE
    )
    body = client.get("/api/v1/subscriptions", **dave_token).json()
    rows = {(r["cluster"], r["slug"]): r["status"] for r in body["results"]}
    assert rows == {
        ("diwish", "newsletter"): None,
        ("diwish", "einladungen"): None,
        ("logistik", "news"): "active",
    }
    mine = client.get("/api/v1/subscriptions", {"subscribed": True}, **dave_token).json()
    assert [r["slug"] for r in mine["results"]] == ["news"]
    by_cluster = client.get("/api/v1/subscriptions", {"cluster": "logistik"}, **dave_token)
    assert by_cluster.json()["count"] == 1


def test_subscribing_starts_the_double_opt_in_and_records_consent_from_the_api(
    client, lists, dave, dave_token
):
    response = client.post("/api/v1/subscriptions/diwish/newsletter", **dave_token)
    assert response.status_code == 202
    assert response.json()["status"] == "pending"
    subscription = Subscription.objects.get(person=dave.person, mailing_list=lists["newsletter"])
    assert subscription.status == Subscription.Status.PENDING
    mail = OutgoingMail.objects.get(kind="subscription_confirm")
    assert mail.to == "dave@example.org"
    consent = Consent.objects.get(person=dave.person)
    assert consent.granted and consent.purpose == Consent.Purpose.NEWSLETTER
    assert consent.source == "api: diwish/newsletter"
    entry = AuditEntry.objects.get(action="mailings.subscription.requested")
    assert entry.actor == dave and entry.data["via"] == "Mein CRM"


def test_an_active_subscription_stays_as_it_is(client, lists, dave, dave_token):
    Subscription.objects.create(
        person=dave.person, mailing_list=lists["newsletter"], status=Subscription.Status.ACTIVE
    )
    response = client.post("/api/v1/subscriptions/diwish/newsletter", **dave_token)
    assert response.status_code == 200 and response.json()["status"] == "active"
    assert not OutgoingMail.objects.filter(kind="subscription_confirm").exists()
    assert not Consent.objects.exists()


def test_unsubscribing_ends_at_once_and_records_the_withdrawal(client, lists, dave, dave_token):
    Subscription.objects.create(
        person=dave.person, mailing_list=lists["invitations"], status=Subscription.Status.ACTIVE
    )
    response = client.delete("/api/v1/subscriptions/diwish/einladungen", **dave_token)
    assert response.status_code == 200 and response.json()["status"] == "unsubscribed"
    consent = Consent.objects.get(person=dave.person)
    assert not consent.granted and consent.purpose == Consent.Purpose.EVENT_INVITATIONS
    assert consent.source == "api: diwish/einladungen"
    again = client.delete("/api/v1/subscriptions/diwish/einladungen", **dave_token)
    assert again.status_code == 200 and Consent.objects.count() == 1


def test_unknown_or_switched_off_lists_are_not_found(client, lists, dave_token):
    assert client.post("/api/v1/subscriptions/diwish/alt", **dave_token).status_code == 404
    assert client.post("/api/v1/subscriptions/diwish/gibts-nicht", **dave_token).status_code == 404
    assert not Subscription.objects.exists()


def test_refusals_without_token_scope_or_personal_token(client, lists, dave, bob, member_org):
    assert client.get("/api/v1/subscriptions").status_code == 401
    read_only = bearer(create_token(dave, "Lesen", [SUBSCRIPTIONS_READ], 30)[1])
    refused = client.post(
        "/api/v1/subscriptions/diwish/newsletter", HTTP_ACCEPT_LANGUAGE="en", **read_only
    )
    assert refused.status_code == 403
    assert refused.json()["detail"] == "This token lacks the scope subscriptions:write."
    no_scope = bearer(create_token(dave, "Ich", [ME_READ], 30)[1])
    assert client.get("/api/v1/subscriptions", **no_scope).status_code == 403
    organisation_token = bearer(create_token(bob, "CRM", BOTH, 30, organisation=member_org)[1])
    assert (
        client.post("/api/v1/subscriptions/diwish/newsletter", **organisation_token).status_code
        == 403
    )
    assert not Subscription.objects.exists()
