"""Real domain services produce webhook messages for the subscriptions concerned only."""

import datetime
import json
from decimal import Decimal

import pytest
from django.test import TestCase
from django.utils import timezone
from standardwebhooks import Webhook

from knotenpunkt.directory.services.memberships import admit_member
from knotenpunkt.events.services import registration as registrations
from knotenpunkt.invoicing.services import Line, Party, create_invoice, mark_paid
from knotenpunkt.webhooks.models import Delivery, Message
from knotenpunkt.webhooks.services import create_subscription
from tests.factories import (
    EventFactory,
    InvoiceSettingsFactory,
    OrganisationFactory,
    PersonEmailFactory,
    TicketTypeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_org_hook(receiver, other_cluster, alice):
    org = OrganisationFactory(name="Fremdfirma AG", slug="fremdfirma")
    return create_subscription(
        None, organisation=org, url=receiver.url, event_types=["invoice.issued"]
    )


@pytest.fixture
def other_cluster_hook(receiver, other_cluster):
    return create_subscription(
        None,
        cluster=other_cluster,
        url=receiver.url,
        event_types=["invoice.issued", "registration.confirmed"],
    )


def admit(actor, organisation, cluster):
    return admit_member(
        actor,
        organisation,
        cluster,
        kind="paying",
        annual_fee=Decimal("100"),
        start_date=timezone.localdate() - datetime.timedelta(days=1),
    )


def received(receiver, subscription):
    """The payloads that arrived for `subscription` (verified with its secret)."""
    found = []
    for headers, body in receiver.requests:
        try:
            found.append(Webhook(subscription.secret).verify(body, headers))
        except Exception:  # noqa: S112 - another subscription's message
            continue
    return found


def test_an_issued_invoice_reaches_the_buyer_organisation_and_the_cluster_only(
    receiver, org_hook, cluster_hook, other_org_hook, other_cluster_hook, member_org, cluster
):
    cluster.street, cluster.postcode, cluster.city = "Lorentzendamm 24", "24103", "Kiel"
    cluster.save()
    InvoiceSettingsFactory(cluster=cluster)
    buyer = Party(name="Nordlicht Software GmbH", street="Weg 1", postcode="24105", city="Kiel")
    with TestCase.captureOnCommitCallbacks(execute=True):
        invoice = create_invoice(
            None,
            cluster=cluster,
            buyer=buyer,
            lines=[Line("Beitrag", Decimal("1"), Decimal("100.00"), Decimal("19"))],
            organisation=member_org,
        )
    for subscription in (org_hook, cluster_hook):
        (payload,) = received(receiver, subscription)
        assert payload["type"] == "invoice.issued"
        assert payload["data"]["invoice"]["number"] == invoice.number
        assert payload["data"]["invoice"]["url"].endswith(f"/invoices/{invoice.pk}/") or (
            str(invoice.pk) in payload["data"]["invoice"]["url"]
        )
        assert payload["data"]["organisation"]["slug"] == "nordlicht"
        # Minimal payload: no names, no amounts.
        assert "Nordlicht Software GmbH" not in json.dumps(payload)
        assert "119" not in json.dumps(payload["data"])
    assert received(receiver, other_org_hook) == []
    assert received(receiver, other_cluster_hook) == []
    with TestCase.captureOnCommitCallbacks(execute=True):
        mark_paid(None, invoice, invoice.issued_on)
    # invoice.paid: only the organisation chose it.
    assert [p["type"] for p in received(receiver, org_hook)] == ["invoice.issued", "invoice.paid"]
    assert [p["type"] for p in received(receiver, cluster_hook)] == ["invoice.issued"]


def test_a_confirmed_registration_reaches_the_attendees_organisation_and_the_events_cluster(
    receiver, org_hook, cluster_hook, other_cluster_hook, carol, cluster
):
    event = EventFactory(clusters=[cluster], title="KI im Mittelstand", slug="ki")
    ticket = TicketTypeFactory(event=event)
    PersonEmailFactory(person=carol.person, address=carol.email)
    with TestCase.captureOnCommitCallbacks(execute=True):
        registration = registrations.register(carol, event, ticket, carol.person)
    for subscription in (org_hook, cluster_hook):
        (payload,) = received(receiver, subscription)
        assert payload["type"] == "registration.confirmed"
        assert payload["data"]["registration"] == {"id": registration.pk}
        assert payload["data"]["event"]["api_url"].endswith("/api/v1/events/ki")
        assert "Carol" not in json.dumps(payload)
    assert received(receiver, other_cluster_hook) == []


def test_an_admitted_member_reaches_the_cluster_subscription_that_chose_it(
    receiver, cluster_hook, org_hook, cluster, alice
):
    newcomer = OrganisationFactory(name="Neu GmbH", slug="neu")
    with TestCase.captureOnCommitCallbacks(execute=True):
        admit(alice, newcomer, cluster)
    (payload,) = received(receiver, cluster_hook)
    assert payload["type"] == "membership.admitted"
    assert payload["data"]["organisation"]["slug"] == "neu"
    assert payload["data"]["cluster"] == {"id": cluster.pk, "slug": "diwish"}
    assert received(receiver, org_hook) == []


def test_without_subscriptions_nothing_is_stored(cluster, alice):
    admit(alice, OrganisationFactory(), cluster)
    assert not Message.objects.exists()
    assert not Delivery.objects.exists()


def test_a_fault_in_a_payload_does_not_undo_the_members_admission(
    monkeypatch, cluster_hook, cluster, alice, caplog
):
    from knotenpunkt.directory.models import Membership
    from knotenpunkt.webhooks import sources

    def broken(target, data):
        raise RuntimeError("payload bug")

    monkeypatch.setitem(sources.SOURCES, "directory.membership.started", broken)
    newcomer = OrganisationFactory(name="Neu GmbH", slug="neu")
    admit(alice, newcomer, cluster)
    assert Membership.objects.filter(organisation=newcomer, cluster=cluster).exists()
    assert not Message.objects.exists()
    assert "could not be written" in caplog.text


def test_a_posted_need_reaches_the_organisation_and_the_cluster_chosen_for_it(
    receiver, cluster, member_org, bob
):
    from knotenpunkt.matching.models import Need
    from knotenpunkt.matching.services.needs import post_need
    from knotenpunkt.webhooks.services import create_subscription

    org_hook = create_subscription(
        None, organisation=member_org, url=receiver.url, event_types=["need.posted"]
    )
    cluster_hook = create_subscription(
        None, cluster=cluster, url=receiver.url, event_types=["need.posted"]
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        need = post_need(
            bob,
            member_org,
            {
                "cluster": cluster,
                "title": "Digitale Akte",
                "text": "Wir suchen eine digitale Akte.",
                "kind": Need.Kind.SOLUTION,
                "budget": Need.Budget.UNKNOWN,
                "deadline": None,
                "visibility": Need.Visibility.MEMBERS,
            },
        )
    for subscription in (org_hook, cluster_hook):
        (payload,) = received(receiver, subscription)
        assert payload["type"] == "need.posted"
        assert payload["data"]["need"]["id"] == need.pk
        assert "Digitale Akte" not in json.dumps(payload)
