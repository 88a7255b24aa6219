"""schema.org Event markup (JSON-LD) for event pages, so search engines list the events.

The markup is data, not a script: `<script type="application/ld+json">` runs nothing and
passes the Content-Security-Policy. It is escaped like Django's `json_script`, so a title
with "</script>" cannot end the element.
"""

import json

from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString

from knotenpunkt.events.feeds import event_url, event_zone
from knotenpunkt.events.models import Event

_ATTENDANCE_MODE = {
    Event.Format.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    Event.Format.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    Event.Format.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


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


def _offers(event: Event, url: str) -> list[dict]:
    offers = []
    for ticket in event.ticket_types.all():
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
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": _ATTENDANCE_MODE.get(event.format, _ATTENDANCE_MODE["in_person"]),
        "inLanguage": event.language,
        "organizer": [
            {"@type": "Organization", "name": cluster.name, "url": settings.SITE_URL}
            for cluster in event.clusters.all()
        ],
    }
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
