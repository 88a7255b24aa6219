"""Calendar files as calendar programs read them: time zones, one UID per event, the
organiser, and the scheduling messages (RFC 5546) that follow registrations and changes."""

import datetime
import email
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from knotenpunkt.events.models import Event, Registration
from knotenpunkt.events.services import registration as registration_services
from knotenpunkt.events.services import scheduling
from knotenpunkt.outbox.models import OutgoingMail
from knotenpunkt.outbox.services import _message
from knotenpunkt.outbox.transport import message_bytes
from tests.factories import (
    EventFactory,
    GroupFactory,
    InvoiceSettingsFactory,
    PersonEmailFactory,
    TicketTypeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")
UTC = datetime.UTC
# Fixed days far enough ahead that registration is open whenever the tests run.
WINTER_10_AM = datetime.datetime(2031, 1, 14, 10, 0, tzinfo=BERLIN)
SUMMER_10_AM = datetime.datetime(2031, 7, 3, 10, 0, tzinfo=BERLIN)


# --- reading calendar files as a strict reader does ------------------------------------


def well_formed(content: bytes) -> Calendar:
    """The file, after the checks RFC 5545 asks of every file: CRLF line ends only, lines
    folded at 75 octets, and a VTIMEZONE for every TZID a property refers to."""
    assert content.endswith(b"\r\n")
    unbroken = content.replace(b"\r\n", b"")
    assert b"\n" not in unbroken and b"\r" not in unbroken, "bare CR or LF"
    assert max(len(line) for line in content.split(b"\r\n")) <= 75
    calendar = Calendar.from_ical(content)
    unfolded = content.replace(b"\r\n ", b"").decode()
    used = set(re.findall(r"^[A-Z-]+;(?:[^:]*;)?TZID=([^;:]+)", unfolded, re.MULTILINE))
    defined = {str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")}
    assert used, "no time in the event's zone"
    assert used <= defined, f"TZID without VTIMEZONE: {used - defined}"
    return calendar


def instant_by_the_file(calendar: Calendar, name: str = "DTSTART") -> datetime.datetime:
    """The moment a property names, computed from the file's own VTIMEZONE (as ical.js
    does), not from the reader's time zone database."""
    value = calendar.walk("VEVENT")[0][name]
    tzid = value.params["TZID"]
    (definition,) = [z for z in calendar.walk("VTIMEZONE") if str(z["TZID"]) == tzid]
    zone = definition.to_tz(lookup_tzid=False)
    return value.dt.replace(tzinfo=None).replace(tzinfo=zone).astimezone(UTC)


def only_event(calendar: Calendar):
    (entry,) = calendar.walk("VEVENT")
    return entry


def attendee(user):
    if not user.person.emails.exists():
        PersonEmailFactory(person=user.person, address=user.email)
    return user.person


def register(actor, event, ticket, person):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return registration_services.register(actor, event, ticket, person)


def calendar_part(mail: OutgoingMail):
    (part,) = [a for a in mail.attachments.all() if a.mimetype.startswith("text/calendar")]
    return part


@pytest.fixture
def event(cluster):
    cluster.email = "events@diwish.example"
    cluster.save()
    event = EventFactory(clusters=[cluster], title="KI im Mittelstand", slug="ki")
    TicketTypeFactory(event=event, name="Tagesticket")
    return event


def set_start(event, starts_at):
    event.starts_at = starts_at
    event.ends_at = starts_at + datetime.timedelta(hours=2)
    event.save()


# --- time zones ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("starts_at", "utc_hour"), [(WINTER_10_AM, 9), (SUMMER_10_AM, 8)], ids=["winter", "summer"]
)
def test_the_registration_file_defines_its_time_zone_so_10_berlin_stays_10_berlin(
    carol, event, starts_at, utc_hour
):
    set_start(event, starts_at)
    register(carol, event, event.ticket_types.get(), attendee(carol))

    mail = OutgoingMail.objects.get(kind="events_confirmed")
    calendar = well_formed(bytes(calendar_part(mail).content))

    assert calendar.walk("VEVENT")[0]["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert instant_by_the_file(calendar) == starts_at.replace(hour=utc_hour, tzinfo=UTC)


@pytest.mark.parametrize(
    ("starts_at", "utc_hour"), [(WINTER_10_AM, 9), (SUMMER_10_AM, 8)], ids=["winter", "summer"]
)
def test_every_downloadable_file_defines_its_time_zone(client, cluster, event, starts_at, utc_hour):
    set_start(event, starts_at)
    group = GroupFactory(slug="ki-gruppe", clusters=[cluster])
    event.groups.add(group)

    for url in (
        reverse("events:event_ics", args=[event.slug]),
        reverse("events:cluster_feed", args=[cluster.slug]),
        reverse("events:group_feed", args=[group.slug]),
    ):
        calendar = well_formed(client.get(url).content)
        assert instant_by_the_file(calendar) == starts_at.replace(hour=utc_hour, tzinfo=UTC)
        assert instant_by_the_file(calendar, "DTEND").hour == utc_hour + 2


def test_an_event_in_another_time_zone_carries_that_zones_definition(client, event):
    event.timezone = "America/New_York"
    set_start(event, datetime.datetime(2031, 1, 14, 10, 0, tzinfo=ZoneInfo("America/New_York")))

    calendar = well_formed(client.get(reverse("events:event_ics", args=[event.slug])).content)

    assert instant_by_the_file(calendar) == datetime.datetime(2031, 1, 14, 15, 0, tzinfo=UTC)


# --- one UID per event -----------------------------------------------------------------


def test_ticket_file_and_feeds_give_the_event_one_uid_whatever_the_host_and_port(
    client, settings, carol, cluster, event
):
    settings.SITE_URL = "https://knotenpunkt.example:8443"
    settings.CALENDAR_UID_DOMAIN = "knotenpunkt.example"
    settings.ALLOWED_HOSTS = ["*"]
    group = GroupFactory(slug="ki-gruppe", clusters=[cluster])
    event.groups.add(group)
    register(carol, event, event.ticket_types.get(), attendee(carol))

    ticket_uid = only_event(
        Calendar.from_ical(bytes(calendar_part(OutgoingMail.objects.get()).content))
    )["UID"]
    uids = {str(ticket_uid)}
    for host in ("knotenpunkt.example:8443", "localhost:8000", "127.0.0.1"):
        for url in (
            reverse("events:event_ics", args=[event.slug]),
            reverse("events:cluster_feed", args=[cluster.slug]),
            reverse("events:group_feed", args=[group.slug]),
        ):
            calendar = Calendar.from_ical(client.get(url, HTTP_HOST=host).content)
            uids.add(str(only_event(calendar)["UID"]))

    assert uids == {f"event-{event.pk}@knotenpunkt.example"}


def test_without_a_uid_domain_the_site_host_name_is_used_without_the_port(client, settings, event):
    settings.SITE_URL = "http://127.0.0.1:8000"
    settings.CALENDAR_UID_DOMAIN = ""

    calendar = Calendar.from_ical(
        client.get(reverse("events:event_ics", args=[event.slug])).content
    )

    assert str(only_event(calendar)["UID"]) == f"event-{event.pk}@127.0.0.1"


# --- the organiser ---------------------------------------------------------------------


def test_published_feeds_name_the_organising_cluster_as_organizer(client, cluster, event):
    calendar = well_formed(client.get(reverse("events:cluster_feed", args=[cluster.slug])).content)

    assert str(calendar["METHOD"]) == "PUBLISH"
    organizer = only_event(calendar)["ORGANIZER"]
    assert str(organizer) == "mailto:events@diwish.example"
    assert organizer.params["CN"] == "DiWiSH Digitale Wirtschaft"


def test_a_cluster_without_address_is_organiser_with_the_platforms_sender_address(
    client, settings, cluster, event
):
    settings.DEFAULT_FROM_EMAIL = "Knotenpunkt <noreply@knotenpunkt.example>"
    cluster.email = ""
    cluster.save()

    calendar = well_formed(client.get(reverse("events:event_ics", args=[event.slug])).content)

    organizer = only_event(calendar)["ORGANIZER"]
    assert str(organizer) == "mailto:noreply@knotenpunkt.example"
    assert organizer.params["CN"] == "DiWiSH Digitale Wirtschaft"


# --- the invitation with the confirmation ----------------------------------------------


def test_the_confirmation_invites_the_attendee_as_an_itip_request(carol, event):
    register(carol, event, event.ticket_types.get(), attendee(carol))

    mail = OutgoingMail.objects.get(kind="events_confirmed")
    part = calendar_part(mail)
    calendar = well_formed(bytes(part.content))
    entry = only_event(calendar)

    assert part.mimetype == "text/calendar; method=REQUEST"
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(entry["UID"]).startswith(f"event-{event.pk}@")
    assert entry["SEQUENCE"] == 0
    assert entry["DTSTAMP"].dt.tzinfo is not None
    assert str(entry["ORGANIZER"]) == "mailto:events@diwish.example"
    guest = entry["ATTENDEE"]
    assert str(guest) == "mailto:carol@nordlicht.example"
    assert guest.params["PARTSTAT"] == "ACCEPTED"
    assert guest.params["CN"] == "Carol Clausen"


def test_the_sent_message_carries_the_invitation_as_text_calendar_with_its_method(carol, event):
    register(carol, event, event.ticket_types.get(), attendee(carol))
    mail = OutgoingMail.objects.get(kind="events_confirmed")

    wire = message_bytes(_message(mail))  # as SMTP carries it
    (part,) = [
        p for p in email.message_from_bytes(wire).walk() if p.get_content_type() == "text/calendar"
    ]

    assert part.get_param("method") == "REQUEST"
    calendar = Calendar.from_ical(part.get_payload(decode=True))
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(only_event(calendar)["ATTENDEE"]) == "mailto:carol@nordlicht.example"


def test_the_online_attendees_invitation_opens_the_join_link(carol, event):
    event.format = Event.Format.ONLINE
    event.join_url = "https://meet.example/geheim"
    event.save()

    register(carol, event, event.ticket_types.get(), attendee(carol))

    entry = only_event(Calendar.from_ical(bytes(calendar_part(OutgoingMail.objects.get()).content)))
    assert str(entry["LOCATION"]) == "https://meet.example/geheim"


# --- the event moves -------------------------------------------------------------------


def admin_form_data(event, **changes) -> dict:
    """The admin's event form as the browser posts it, with `changes`."""

    def split(name, value):
        if value is None:
            return {f"{name}_0": "", f"{name}_1": ""}
        local = timezone.localtime(value)
        return {f"{name}_0": local.strftime("%Y-%m-%d"), f"{name}_1": local.strftime("%H:%M:%S")}

    fields = {
        "title": event.title,
        "slug": event.slug,
        "summary": event.summary,
        "description": event.description,
        "language": event.language,
        "clusters": [cluster.pk for cluster in event.clusters.all()],
        "kind": event.kind,
        "format": event.format,
        "timezone": event.timezone,
        "venue_name": event.venue_name,
        "street": event.street,
        "postcode": event.postcode,
        "city": event.city,
        "join_url": event.join_url,
        "audience": event.audience,
        "capacity": event.capacity or "",
        "feedback_url": event.feedback_url,
        "is_published": "on",
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "registration_opens_at": event.registration_opens_at,
        "registration_closes_at": event.registration_closes_at,
        "cancellation_deadline": event.cancellation_deadline,
    }
    fields.update(changes)
    data = {}
    for name, value in fields.items():
        if name.endswith("_at") or name == "cancellation_deadline":
            data.update(split(name, value))
        else:
            data[name] = value
    for prefix in ("ticket_types", "questions", "vouchers", "invitations"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    return data


@pytest.fixture
def organiser(client_for, alice):
    alice.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_event", "change_event"])
    )
    return client_for(alice)


def edit_in_admin(client, event, **changes):
    url = reverse("admin:events_event_change", args=[event.pk])
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url, admin_form_data(event, **changes))
    assert response.status_code == 302, response.context["errors"] if response.context else ""


def test_moving_the_event_sends_the_attendees_an_update_with_a_higher_sequence(
    organiser, carol, dave, event
):
    register(carol, event, event.ticket_types.get(), attendee(carol))
    OutgoingMail.objects.all().delete()
    later = (event.starts_at + datetime.timedelta(days=7)).replace(microsecond=0)

    edit_in_admin(organiser, event, starts_at=later, ends_at=later + datetime.timedelta(hours=2))

    mail = OutgoingMail.objects.get(kind="events_rescheduled")
    assert mail.to == "carol@nordlicht.example"
    part = calendar_part(mail)
    assert part.mimetype == "text/calendar; method=REQUEST"
    calendar = well_formed(bytes(part.content))
    entry = only_event(calendar)
    assert entry["SEQUENCE"] == 1
    assert entry["DTSTART"].dt == later
    assert str(entry["ATTENDEE"]) == "mailto:carol@nordlicht.example"
    event.refresh_from_db()
    assert event.sequence == 1


def test_a_new_venue_is_an_update_too(organiser, carol, event):
    register(carol, event, event.ticket_types.get(), attendee(carol))

    edit_in_admin(organiser, event, venue_name="Halle 400", street="Kaistraße 101")

    entry = only_event(
        Calendar.from_ical(
            bytes(calendar_part(OutgoingMail.objects.get(kind="events_rescheduled")).content)
        )
    )
    assert "Halle 400" in str(entry["LOCATION"])


def test_a_new_title_sends_no_update(organiser, carol, event):
    register(carol, event, event.ticket_types.get(), attendee(carol))

    edit_in_admin(organiser, event, title="KI im Mittelstand 2031")

    assert not OutgoingMail.objects.filter(kind="events_rescheduled").exists()
    event.refresh_from_db()
    assert event.sequence == 0


def test_the_update_goes_to_confirmed_attendees_only(carol, dave, bob, event):
    event.capacity = 1
    event.save()
    register(carol, event, event.ticket_types.get(), attendee(carol))
    register(dave, event, event.ticket_types.get(), attendee(dave))  # waiting list
    cancelled = register(bob, event, TicketTypeFactory(event=event), attendee(bob))
    Registration.objects.filter(pk=cancelled.pk).update(status=Registration.Status.CANCELLED)

    with TestCase.captureOnCommitCallbacks(execute=True):
        scheduling.event_changed(None, event, ["starts_at"])

    assert list(OutgoingMail.objects.filter(kind="events_rescheduled").values_list("to")) == [
        ("carol@nordlicht.example",)
    ]


def test_feeds_carry_the_raised_sequence_after_a_move(client, cluster, event):
    with TestCase.captureOnCommitCallbacks(execute=True):
        scheduling.event_changed(None, event, ["city"])

    calendar = well_formed(client.get(reverse("events:cluster_feed", args=[cluster.slug])).content)

    assert only_event(calendar)["SEQUENCE"] == 1


# --- cancellations ---------------------------------------------------------------------


def test_a_cancelled_place_takes_the_event_out_of_the_attendees_calendar(carol, event):
    registration = register(carol, event, event.ticket_types.get(), attendee(carol))
    request_entry = only_event(
        Calendar.from_ical(bytes(calendar_part(OutgoingMail.objects.get()).content))
    )

    with TestCase.captureOnCommitCallbacks(execute=True):
        registration_services.cancel_registration(carol, registration)

    mail = OutgoingMail.objects.get(kind="events_cancelled")
    part = calendar_part(mail)
    assert part.mimetype == "text/calendar; method=CANCEL"
    calendar = well_formed(bytes(part.content))
    entry = only_event(calendar)
    assert str(calendar["METHOD"]) == "CANCEL"
    assert entry["UID"] == request_entry["UID"]
    assert entry["SEQUENCE"] > request_entry["SEQUENCE"]
    assert str(entry["ATTENDEE"]) == "mailto:carol@nordlicht.example"
    assert str(entry["ORGANIZER"]) == "mailto:events@diwish.example"
    # One attendee leaves an event that still takes place (RFC 5546 §3.2.5).
    assert "STATUS" not in entry


def test_registering_again_after_cancelling_sends_an_invitation_that_wins(carol, event):
    ticket = event.ticket_types.get()
    registration = register(carol, event, ticket, attendee(carol))
    with TestCase.captureOnCommitCallbacks(execute=True):
        registration_services.cancel_registration(carol, registration)

    register(carol, event, ticket, carol.person)

    cancel, request = (
        only_event(Calendar.from_ical(bytes(calendar_part(mail).content)))
        for mail in OutgoingMail.objects.filter(
            kind__in=["events_cancelled", "events_confirmed"]
        ).order_by("pk")[1:]
    )
    # RFC 5546 §2.1.5: the higher SEQUENCE wins, at equal SEQUENCE the later DTSTAMP.
    assert (request["SEQUENCE"], request["DTSTAMP"].dt) >= (
        cancel["SEQUENCE"],
        cancel["DTSTAMP"].dt,
    )


def test_a_cancelled_waiting_place_sends_no_calendar_cancel(carol, dave, event):
    event.capacity = 1
    event.save()
    register(carol, event, event.ticket_types.get(), attendee(carol))
    waiting = register(dave, event, event.ticket_types.get(), attendee(dave))

    with TestCase.captureOnCommitCallbacks(execute=True):
        registration_services.cancel_registration(dave, waiting)

    mail = OutgoingMail.objects.get(kind="events_cancelled", to="dave@example.org")
    assert not mail.attachments.exists()


def test_cancelling_the_event_tells_everybody_and_cancels_it_in_their_calendars(
    alice, carol, dave, bob, event
):
    event.capacity = 2
    event.save()
    ticket = event.ticket_types.get()
    register(carol, event, ticket, attendee(carol))
    register(bob, event, ticket, attendee(bob))
    register(dave, event, ticket, attendee(dave))  # waiting list

    with TestCase.captureOnCommitCallbacks(execute=True):
        scheduling.cancel_event(alice, event)

    mails = {m.to: m for m in OutgoingMail.objects.filter(kind="events_event_cancelled")}
    assert set(mails) == {"carol@nordlicht.example", "bob@nordlicht.example", "dave@example.org"}
    assert not mails["dave@example.org"].attachments.exists()
    for address in ("carol@nordlicht.example", "bob@nordlicht.example"):
        part = calendar_part(mails[address])
        assert part.mimetype == "text/calendar; method=CANCEL"
        calendar = well_formed(bytes(part.content))
        entry = only_event(calendar)
        assert str(calendar["METHOD"]) == "CANCEL"
        assert str(entry["STATUS"]) == "CANCELLED"
        assert entry["SEQUENCE"] == 1
        assert str(entry["ATTENDEE"]) == f"mailto:{address}"
    assert not event.registrations.exclude(status=Registration.Status.CANCELLED).exists()


def test_a_cancelled_event_is_cancelled_in_the_feeds_and_closed_for_registration(
    client, alice, carol, cluster, event
):
    with TestCase.captureOnCommitCallbacks(execute=True):
        scheduling.cancel_event(alice, event)

    entry = only_event(
        well_formed(client.get(reverse("events:cluster_feed", args=[cluster.slug])).content)
    )
    assert str(entry["STATUS"]) == "CANCELLED"
    assert entry["SEQUENCE"] == 1
    event.refresh_from_db()
    with pytest.raises(ValidationError, match="cancelled"):
        register(carol, event, event.ticket_types.get(), attendee(carol))


def test_cancelling_the_event_twice_is_refused(alice, event):
    scheduling.cancel_event(alice, event)

    with pytest.raises(ValidationError, match="already been cancelled"):
        scheduling.cancel_event(alice, event)


def test_only_organisers_cancel_an_event(carol, event):
    with pytest.raises(PermissionDenied):
        scheduling.cancel_event(carol, event)
    event.refresh_from_db()
    assert not event.is_cancelled


def test_a_cancelled_priced_place_gets_its_cancellation_invoice_and_the_calendar_cancel(
    alice, dave, cluster, event
):
    InvoiceSettingsFactory(cluster=cluster)
    cluster.street, cluster.postcode, cluster.city = "Lorentzendamm 24", "24103", "Kiel"
    cluster.save()
    priced = TicketTypeFactory(
        event=event, name="Konferenz", price_member=Decimal("80"), price_non_member=Decimal("150")
    )
    register(dave, event, priced, attendee(dave))

    with TestCase.captureOnCommitCallbacks(execute=True):
        scheduling.cancel_event(alice, event)

    mail = OutgoingMail.objects.get(kind="events_event_cancelled")
    types = sorted(a.mimetype for a in mail.attachments.all())
    assert "text/calendar; method=CANCEL" in types
    assert "application/pdf" in types


def test_an_admin_action_cancels_the_selected_events(organiser, carol, event):
    register(carol, event, event.ticket_types.get(), attendee(carol))

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = organiser.post(
            reverse("admin:events_event_changelist"),
            {"action": "cancel_selected_events", "_selected_action": [event.pk]},
        )

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.is_cancelled
    assert OutgoingMail.objects.filter(kind="events_event_cancelled").count() == 1


def test_an_organiser_of_another_cluster_cannot_cancel_the_event(other_cluster, event):
    stranger = UserFactory(is_staff=True)
    other_cluster.staff.add(stranger)

    with pytest.raises(PermissionDenied):
        scheduling.cancel_event(stranger, event)
