"""Which audit actions are webhook events, whom they concern, and what their payload says.

Every domain service writes the audit log through `core.audit.log_action`; the webhooks
listen to that one place (`receivers.py`) instead of each service calling them, so no
domain app knows the webhooks. A payload is deliberately small (DSGVO): the event, ids,
slugs and addresses of the objects concerned (the page, and the API where it has them),
no names of people, no amounts; the receiver asks the API for more with its token.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse

from knotenpunkt.directory.models import Cluster, Membership, Organisation
from knotenpunkt.webhooks.models import EventType


@dataclass
class Event:
    type: str
    data: dict
    organisations: list = field(default_factory=list)
    clusters: list = field(default_factory=list)


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def organisation_ref(organisation: Organisation) -> dict:
    return {
        "id": organisation.pk,
        "slug": organisation.slug,
        "url": _absolute(organisation.get_absolute_url()),
        "api_url": _absolute(f"/api/v1/organisations/{organisation.slug}"),
    }


def cluster_ref(cluster: Cluster) -> dict:
    return {"id": cluster.pk, "slug": cluster.slug}


def object_ref(obj, **extra) -> dict:
    ref = {"id": obj.pk, **extra}
    if hasattr(obj, "get_absolute_url"):
        ref["url"] = _absolute(obj.get_absolute_url())
    return ref


def _member_clusters(organisation: Organisation) -> list[int]:
    """The clusters an organisation is a member of now: their staff hear of its business
    (orders, quote requests) that has no cluster of its own."""
    return list(
        Membership.objects.in_force()
        .filter(organisation=organisation)
        .values_list("cluster_id", flat=True)
    )


# --- one translator per action ----------------------------------------------------------


def _membership(event_type: str):
    def translate(organisation, data):
        cluster = Cluster.objects.filter(name=data.get("cluster")).first()
        if cluster is None:
            return []
        return [
            Event(
                event_type,
                {"organisation": organisation_ref(organisation), "cluster": cluster_ref(cluster)},
                [organisation],
                [cluster],
            )
        ]

    return translate


def _registration(event_type: str):
    def translate(event, data):
        from knotenpunkt.events.models import Registration

        registration = (
            Registration.objects.filter(pk=data.get("registration"))
            .select_related("organisation")
            .first()
        )
        if registration is None:
            return []
        payload = {
            "registration": {"id": registration.pk},
            "event": object_ref(
                event, slug=event.slug, api_url=_absolute(f"/api/v1/events/{event.slug}")
            ),
            "organisation": (
                organisation_ref(registration.organisation) if registration.organisation else None
            ),
        }
        return [
            Event(
                event_type,
                payload,
                [registration.organisation],
                list(event.clusters.values_list("pk", flat=True)),
            )
        ]

    return translate


def _need_posted(need, data):
    return [
        Event(
            EventType.NEED_POSTED,
            {
                "need": object_ref(need),
                "organisation": organisation_ref(need.organisation),
                "cluster": cluster_ref(need.cluster) if need.cluster_id else None,
            },
            [need.organisation],
            [need.cluster_id],
        )
    ]


def _contact_accepted(need, data):
    provider = Organisation.objects.filter(pk=data.get("provider")).first()
    return [
        Event(
            EventType.CONTACT_ACCEPTED,
            {
                "need": object_ref(need),
                "organisation": organisation_ref(need.organisation),
                "provider": organisation_ref(provider) if provider else None,
            },
            [need.organisation, provider],
            [need.cluster_id],
        )
    ]


def _quote_request_sent(request, data):
    """One event per invited provider: each receives the request."""
    events = []
    invitations = request.invitations.select_related("provider")
    for invitation in invitations:
        provider = invitation.provider
        events.append(
            Event(
                EventType.QUOTE_REQUEST_RECEIVED,
                {
                    "quote_request": object_ref(
                        request,
                        deadline=request.deadline.isoformat() if request.deadline else None,
                    ),
                    "provider": organisation_ref(provider),
                    "buyer": organisation_ref(request.buyer.organisation),
                },
                [provider],
                _member_clusters(provider),
            )
        )
    return events


def _order_placed(order, data):
    buyer = order.buyer.organisation
    return [
        Event(
            EventType.ORDER_PLACED,
            {
                "order": object_ref(order),
                "provider": organisation_ref(order.provider),
                "buyer": organisation_ref(buyer),
            },
            [order.provider, buyer],
            _member_clusters(order.provider),
        )
    ]


def _invoice(event_type: str):
    def translate(invoice, data):
        return [
            Event(
                event_type,
                {
                    "invoice": object_ref(invoice, number=invoice.number),
                    "organisation": (
                        organisation_ref(invoice.organisation) if invoice.organisation_id else None
                    ),
                    "cluster": cluster_ref(invoice.cluster),
                },
                [invoice.organisation_id],
                [invoice.cluster_id],
            )
        ]

    return translate


def _mailing_sent(mailing, data):
    return [
        Event(
            EventType.MAILING_SENT,
            {
                "mailing": {
                    "id": mailing.pk,
                    "url": _absolute(reverse("mailings:mailing_detail", args=[mailing.pk])),
                },
                "cluster": cluster_ref(mailing.cluster),
            },
            [],
            [mailing.cluster_id],
        )
    ]


SOURCES: dict[str, Callable] = {
    "directory.membership.started": _membership(EventType.MEMBER_ADMITTED),
    "directory.membership.ended": _membership(EventType.MEMBER_LEFT),
    "events.registration.confirmed": _registration(EventType.REGISTRATION_CONFIRMED),
    "events.registration.moved_up": _registration(EventType.REGISTRATION_CONFIRMED),
    "events.registration.cancelled": _registration(EventType.REGISTRATION_CANCELLED),
    "matching.need.posted": _need_posted,
    "matching.contact.accepted": _contact_accepted,
    "procurement.request.sent": _quote_request_sent,
    "procurement.order.placed": _order_placed,
    "invoicing.invoice.issued": _invoice(EventType.INVOICE_ISSUED),
    "invoicing.invoice.paid": _invoice(EventType.INVOICE_PAID),
    "mailings.mailing.sent": _mailing_sent,
}


def events_for(action: str, target, data: dict) -> list[Event]:
    translate = SOURCES.get(action)
    if translate is None or target is None:
        return []
    return translate(target, data)
