"""schema.org Event markup (JSON-LD) for event pages, so search engines list the events.

The markup is data, not a script: `<script type="application/ld+json">` runs nothing and
passes the Content-Security-Policy. It is escaped like Django's `json_script`, so a title
with "</script>" cannot end the element.
"""

import json

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from knotenpunkt.events.feeds import event_url, event_zone
from knotenpunkt.events.models import Event, Registration

_ATTENDANCE_MODE = {
    Event.Format.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    Event.Format.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    Event.Format.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
IN_STOCK = "https://schema.org/InStock"
SOLD_OUT = "https://schema.org/SoldOut"
PRE_ORDER = "https://schema.org/PreOrder"


def _place(event: Event) -> dict:
    return {
        "@type": "Place",
        "name": event.venue_name or event.city,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": event.street,
            "postalCode": event.postcode,
            "addressLocality": event.city,
            "addressCountry": "DE",
        },
    }


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request else f"{settings.SITE_URL}{path}"


def _availability(event: Event, ticket, confirmed: int, confirmed_of_ticket: int, now) -> str:
    """What a search engine shows about a ticket: on sale, not yet on sale, or none left
    (the event or the ticket's contingent is full, or registration has closed)."""
    if event.registration_opens_at and now < event.registration_opens_at:
        return PRE_ORDER
    closes = event.registration_closes_at or event.ends_at
    if event.is_cancelled or now >= closes:
        return SOLD_OUT
    if event.capacity is not None and confirmed >= event.capacity:
        return SOLD_OUT
    if ticket.contingent is not None and confirmed_of_ticket >= ticket.contingent:
        return SOLD_OUT
    return IN_STOCK


def _offers(event: Event, url: str) -> list[dict]:
    now = timezone.now()
    confirmed = Q(registrations__status=Registration.Status.CONFIRMED)
    tickets = event.ticket_types.annotate(confirmed=Count("registrations", filter=confirmed))
    confirmed_at_event = sum(ticket.confirmed for ticket in tickets)
    offers = []
    for ticket in tickets:
        # Non-member prices are the ones anybody can buy; net, as invoiced.
        offer = {
            "@type": "Offer",
            "name": ticket.name,
            "url": url,
            "price": str(ticket.price_non_member),
            "priceCurrency": "EUR",
            "priceSpecification": {
                "@type": "PriceSpecification",
                "price": str(ticket.price_non_member),
                "priceCurrency": "EUR",
                "valueAddedTaxIncluded": False,
            },
            "availability": _availability(event, ticket, confirmed_at_event, ticket.confirmed, now),
        }
        if event.registration_opens_at:
            offer["validFrom"] = event.registration_opens_at.isoformat()
        offers.append(offer)
    return offers


def event_json_ld(event: Event, request=None) -> dict:
    """The schema.org Event of `event` as a JSON-ready dict."""
    url = request.build_absolute_uri(event.get_absolute_url()) if request else event_url(event)
    zone = event_zone(event)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "url": url,
        "startDate": event.starts_at.astimezone(zone).isoformat(),
        "endDate": event.ends_at.astimezone(zone).isoformat(),
        "eventStatus": (
            "https://schema.org/EventCancelled"
            if event.is_cancelled
            else "https://schema.org/EventScheduled"
        ),
        "eventAttendanceMode": _ATTENDANCE_MODE.get(event.format, _ATTENDANCE_MODE["in_person"]),
        "inLanguage": event.language,
        "organizer": [
            {
                "@type": "Organization",
                "name": cluster.name,
                "url": _absolute(request, reverse("directory:cluster", args=[cluster.slug])),
            }
            for cluster in event.clusters.all()
        ],
    }
    if event.image:
        data["image"] = [_absolute(request, event.image.url)]
    # The join link is for registered attendees only: the virtual location is the page.
    locations = []
    if event.has_venue and (event.venue_name or event.city):
        locations.append(_place(event))
    if event.is_online:
        locations.append({"@type": "VirtualLocation", "url": url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if event.capacity:
        data["maximumAttendeeCapacity"] = event.capacity
    if offers := _offers(event, url):
        data["offers"] = offers
    return data


def event_json_ld_script(event: Event, request=None) -> SafeString:
    """The `<script type="application/ld+json">` element for the event page."""
    text = json.dumps(event_json_ld(event, request), ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        SafeString(text.translate(_JSON_ESCAPES)),
    )
