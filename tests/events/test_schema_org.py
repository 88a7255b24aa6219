"""The event page's schema.org markup as a search engine reads it: offers with their
availability and sale start, the image, and the organiser's own page."""

import datetime
import io
import json
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from knotenpunkt.events.models import Registration
from tests.factories import EventFactory, RegistrationFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db
IN_STOCK = "https://schema.org/InStock"
SOLD_OUT = "https://schema.org/SoldOut"
PRE_ORDER = "https://schema.org/PreOrder"


def json_ld(response) -> dict:
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.text, re.DOTALL
    )
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


@pytest.fixture
def event(cluster):
    event = EventFactory(clusters=[cluster], title="Zukunftsgipfel", slug="zukunftsgipfel")
    TicketTypeFactory(event=event, name="Standard", price_non_member=Decimal("89.00"))
    return event


def offers(client, event) -> dict:
    return {
        offer["name"]: offer for offer in json_ld(client.get(event.get_absolute_url()))["offers"]
    }


def test_tickets_on_sale_are_in_stock(client, event):
    assert offers(client, event)["Standard"]["availability"] == IN_STOCK


def test_tickets_before_registration_opens_are_pre_order_valid_from_the_opening(client, event):
    opens = (timezone.now() + datetime.timedelta(days=3)).replace(microsecond=0)
    event.registration_opens_at = opens
    event.save()

    offer = offers(client, event)["Standard"]

    assert offer["availability"] == PRE_ORDER
    assert datetime.datetime.fromisoformat(offer["validFrom"]) == opens


def test_an_offer_already_on_sale_is_valid_from_the_opening_and_in_stock(client, event):
    opens = (timezone.now() - datetime.timedelta(days=3)).replace(microsecond=0)
    event.registration_opens_at = opens
    event.save()

    offer = offers(client, event)["Standard"]

    assert offer["availability"] == IN_STOCK
    assert datetime.datetime.fromisoformat(offer["validFrom"]) == opens


def test_a_full_event_is_sold_out(client, event):
    event.capacity = 1
    event.save()
    RegistrationFactory(ticket_type=event.ticket_types.get())

    assert offers(client, event)["Standard"]["availability"] == SOLD_OUT


def test_a_full_contingent_is_sold_out_while_other_tickets_are_in_stock(client, event):
    workshop = TicketTypeFactory(event=event, name="Workshop", contingent=1)
    RegistrationFactory(ticket_type=workshop)
    RegistrationFactory(ticket_type=workshop, status=Registration.Status.CANCELLED)

    result = offers(client, event)

    assert result["Workshop"]["availability"] == SOLD_OUT
    assert result["Standard"]["availability"] == IN_STOCK


def test_cancelled_places_free_the_capacity_again(client, event):
    event.capacity = 1
    event.save()
    RegistrationFactory(ticket_type=event.ticket_types.get(), status=Registration.Status.CANCELLED)

    assert offers(client, event)["Standard"]["availability"] == IN_STOCK


def test_tickets_after_registration_closed_are_no_longer_available(client, event):
    event.registration_closes_at = timezone.now() - datetime.timedelta(hours=1)
    event.save()

    assert offers(client, event)["Standard"]["availability"] == SOLD_OUT


def test_the_organiser_links_to_the_clusters_own_page(client, cluster, event):
    organizer = json_ld(client.get(event.get_absolute_url()))["organizer"][0]

    assert organizer["name"] == cluster.name
    assert organizer["url"] == f"http://testserver/directory/c/{cluster.slug}/"


def test_the_organiser_page_is_absolute_also_without_a_request(settings, cluster, event):
    from knotenpunkt.events.schema_org import event_json_ld

    settings.SITE_URL = "https://knotenpunkt.example"

    organizer = event_json_ld(event)["organizer"][0]

    assert organizer["url"] == f"https://knotenpunkt.example/directory/c/{cluster.slug}/"


def test_an_event_without_image_has_no_image_in_the_markup(client, event):
    assert "image" not in json_ld(client.get(event.get_absolute_url()))


def test_the_events_image_is_in_the_markup_as_an_absolute_address(
    client, event, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (16, 9), "teal").save(buffer, "PNG")
    event.image = SimpleUploadedFile("gipfel.png", buffer.getvalue(), content_type="image/png")
    event.save()

    response = client.get(event.get_absolute_url())

    (image,) = json_ld(response)["image"]
    assert image.startswith("http://testserver/media/events/gipfel")
    assert image.endswith(".png")
    assert f'src="{event.image.url}"' in response.text


def test_a_cancelled_event_is_marked_cancelled(client, alice, event):
    from knotenpunkt.events.services.scheduling import cancel_event

    cancel_event(alice, event)

    response = client.get(event.get_absolute_url())

    assert json_ld(response)["eventStatus"] == "https://schema.org/EventCancelled"
    assert "This event has been cancelled." in response.text
