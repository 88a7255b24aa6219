"""Demo webhooks: the organisation admin's firm feeds its CRM, the digital cluster's
management its member database, each with a delivery log of the past days.

The log is recorded, not sent: the demo runs without network, and the receivers
(`*.example`) do not exist. Its payloads are the real ones for real demo objects
(webhooks.sources builds them), its answers what receivers typically say: mostly 200, one
500 that the retries could not get past and that was then sent again by hand. Safe to run
again: it does nothing once a demo subscription exists.
"""

import datetime

from django.db import transaction

from knotenpunkt.core.audit import log_action
from knotenpunkt.demo import clock
from knotenpunkt.demo.plan import DIGITAL, ORG_ADMIN_ORG
from knotenpunkt.directory.models import Cluster, Organisation
from knotenpunkt.events.models import Registration
from knotenpunkt.invoicing.models import Invoice
from knotenpunkt.webhooks import sources
from knotenpunkt.webhooks.models import Delivery, EventType, Message, Subscription

ORG_URL = "https://crm.foerdewerk.example/hooks/knotenpunkt"
CLUSTER_URL = "https://mitglieder.diwish.example/api/webhooks"
# (hours ago, answers in order: status codes; the last is the delivery's logged answer)
ORG_LOG = [(70, [200]), (52, [200]), (30, [500] * 7), (6, [200])]
CLUSTER_LOG = [(96, [200]), (75, [200]), (49, [503, 200]), (20, [200]), (3, [200])]
RECEIVER_ANSWERS = {
    200: '{"received": true}',
    500: "<html><body><h1>500 Internal Server Error</h1></body></html>",
    503: "Service Unavailable: maintenance until 02:00",
}


def _subscription(owner: dict, url: str, description: str, events: list[str]) -> Subscription:
    # Straight to the model: the service would resolve the receiver's (nonexistent) host.
    subscription = Subscription.objects.create(
        url=url, description=description, event_types=events, **owner
    )
    log_action(None, "webhooks.subscription.created", subscription, owner=str(subscription.owner))
    return subscription


def _record(subscription: Subscription, event, hours_ago: int, answers: list[int]) -> None:
    created = clock.now() - datetime.timedelta(hours=hours_ago)
    message = Message.objects.create(
        event_type=event.type,
        created_at=created,
        organisation_id=subscription.organisation_id,
        cluster_id=subscription.cluster_id,
        payload={
            "type": event.type,
            "timestamp": created.isoformat().replace("+00:00", "Z"),
            "data": event.data,
        },
    )
    waits = [0, 5, 300, 1800, 7200, 18000, 36000]
    last = created + datetime.timedelta(seconds=sum(waits[: len(answers)]))
    final = answers[-1]
    Delivery.objects.create(
        subscription=subscription,
        message=message,
        created_at=created,
        attempts=len(answers),
        status=Delivery.Status.SUCCEEDED if final < 300 else Delivery.Status.GIVEN_UP,
        next_attempt_at=last,
        last_attempt_at=last,
        delivered_at=last if final < 300 else None,
        response_status=final,
        response_body=RECEIVER_ANSWERS[final],
        error="" if final < 300 else f"The receiver answered with status {final}.",
        duration_ms=38 + 7 * len(answers),
    )
    if final >= 300:
        # The owner repaired the receiver and sent the message again from the log.
        again = last + datetime.timedelta(hours=1)
        Delivery.objects.create(
            subscription=subscription,
            message=message,
            created_at=again,
            manual=True,
            attempts=1,
            status=Delivery.Status.SUCCEEDED,
            next_attempt_at=again,
            last_attempt_at=again,
            delivered_at=again,
            response_status=200,
            response_body=RECEIVER_ANSWERS[200],
            duration_ms=41,
        )


def _registration_events(cluster, organisation=None) -> list:
    registrations = Registration.objects.filter(
        event__clusters=cluster, status=Registration.Status.CONFIRMED
    ).select_related("event", "organisation")
    if organisation is not None:
        registrations = registrations.filter(organisation=organisation)
    return [
        event
        for r in registrations.order_by("pk")[:10]
        for event in sources.events_for(
            "events.registration.confirmed", r.event, {"registration": r.pk}
        )
    ]


def _invoice_events(cluster, organisation) -> list:
    invoices = Invoice.objects.filter(cluster=cluster, organisation=organisation).order_by("pk")
    return [
        event
        for invoice in invoices[:3]
        for event in sources.events_for("invoicing.invoice.issued", invoice, {})
    ]


@transaction.atomic
def build_webhooks_demo() -> bool:
    cluster = Cluster.objects.filter(slug=DIGITAL["slug"]).first()
    organisation = Organisation.objects.filter(name=ORG_ADMIN_ORG).first()
    if cluster is None or organisation is None or Subscription.objects.exists():
        return False
    org_hook = _subscription(
        {"organisation": organisation},
        ORG_URL,
        "CRM",
        [EventType.INVOICE_ISSUED, EventType.INVOICE_PAID, EventType.REGISTRATION_CONFIRMED],
    )
    cluster_hook = _subscription(
        {"cluster": cluster},
        CLUSTER_URL,
        "Mitgliederdatenbank",
        [EventType.MEMBER_ADMITTED, EventType.MEMBER_LEFT, EventType.REGISTRATION_CONFIRMED],
    )
    org_events = _invoice_events(cluster, organisation) + _registration_events(
        cluster, organisation
    )
    cluster_events = _registration_events(cluster)
    for (hours_ago, answers), event in zip(ORG_LOG, org_events, strict=False):
        _record(org_hook, event, hours_ago, answers)
    for (hours_ago, answers), event in zip(CLUSTER_LOG, cluster_events, strict=False):
        _record(cluster_hook, event, hours_ago, answers)
    return True
