"""Event registrations through the API: the token user's own list, registering as on the
event page (capacity, waiting list, validation, the confirmation mail), cancelling;
refusals as problem details."""

import datetime

import pytest
from django.utils import timezone

from knotenpunkt.api.scopes import ME_READ, REGISTRATIONS_READ, REGISTRATIONS_WRITE
from knotenpunkt.api.tokens import create_token
from knotenpunkt.core.models import AuditEntry
from knotenpunkt.events.models import Event, Registration
from knotenpunkt.outbox.models import OutgoingMail
from tests.api.conftest import bearer
from tests.factories import EventFactory, PersonFactory, RegistrationFactory, TicketTypeFactory

BOTH = [REGISTRATIONS_READ, REGISTRATIONS_WRITE]


@pytest.fixture
def event(cluster):
    event = EventFactory(clusters=[cluster], title="KI im Mittelstand", slug="ki-mittelstand")
    TicketTypeFactory(event=event, name="Tagesticket")
    return event


@pytest.fixture
def dave_token(dave):
    return bearer(create_token(dave, "Kalender-App", BOTH, 30)[1])


def post_registration(client, event, token, *, language="de", **body):
    return client.post(
        f"/api/v1/events/{event.slug}/registrations",
        body,
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE=language,
        **token,
    )


def test_registering_confirms_a_place_lists_the_attendee_and_sends_the_ticket(
    client, event, dave, dave_token, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_registration(client, event, dave_token)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "confirmed" and body["own"] is True
    assert body["event"]["slug"] == "ki-mittelstand" and body["attendee"] == "Dave Dreyer"
    assert body["ticket_url"].endswith(f"/registrations/{body['id']}/ticket.pdf")
    attendees = event.registrations.filter(status=Registration.Status.CONFIRMED)
    assert [r.person.user for r in attendees] == [dave]
    mail = OutgoingMail.objects.get(to="dave@example.org", kind="events_confirmed")
    assert "KI im Mittelstand" in mail.subject
    entry = AuditEntry.objects.get(action="events.registration.confirmed")
    assert entry.actor == dave and entry.data["via"] == "Kalender-App"


def test_a_full_event_puts_you_on_the_waiting_list_or_refuses_if_asked_to(
    client, event, dave, dave_token, django_capture_on_commit_callbacks
):
    event.capacity = 1
    event.save()
    RegistrationFactory(ticket_type=event.ticket_types.get())
    refused = post_registration(client, event, dave_token, waiting_list=False, language="en")
    assert refused.status_code == 422
    assert refused.json()["errors"] == [{"field": "", "message": "This event is fully booked."}]
    assert not event.registrations.filter(person__user=dave).exists()
    with django_capture_on_commit_callbacks(execute=True):
        waiting = post_registration(client, event, dave_token)
    assert waiting.status_code == 201 and waiting.json()["status"] == "waiting"
    assert OutgoingMail.objects.filter(to="dave@example.org", kind="events_waiting").exists()


def test_bad_input_is_a_problem_naming_the_reason(client, event, dave_token, cluster):
    twice = post_registration(client, event, dave_token)
    assert twice.status_code == 201
    again = post_registration(client, event, dave_token, language="en")
    assert again.status_code == 422
    assert "already registered" in again.json()["errors"][0]["message"]
    wrong_ticket = post_registration(
        client, event, dave_token, ticket_type=TicketTypeFactory().pk, language="en"
    )
    assert wrong_ticket.status_code == 422
    assert wrong_ticket.json()["errors"] == [
        {"field": "ticket_type", "message": "Please choose a ticket of this event."}
    ]
    closed = EventFactory(
        clusters=[cluster],
        registration_closes_at=timezone.now() - datetime.timedelta(hours=1),
    )
    TicketTypeFactory(event=closed)
    late = post_registration(client, closed, dave_token, language="en")
    assert late.status_code == 422
    assert late.json()["errors"][0]["message"] == "Registration for this event has closed."
    hidden = EventFactory(audience=Event.Audience.INVITATION, clusters=[cluster])
    TicketTypeFactory(event=hidden)
    assert post_registration(client, hidden, dave_token).status_code == 404


def test_lists_own_registrations_by_period_and_status_and_hides_others(
    client, event, dave, carol, dave_token, cluster
):
    past = EventFactory(
        clusters=[cluster],
        title="Rückblick",
        starts_at=timezone.now() - datetime.timedelta(days=10),
    )
    dave_person = dave.person
    mine = RegistrationFactory(ticket_type=event.ticket_types.get(), person=dave_person)
    old = RegistrationFactory(ticket_type=TicketTypeFactory(event=past), person=dave_person)
    others = RegistrationFactory(ticket_type=event.ticket_types.get(), person=carol.person)
    body = client.get("/api/v1/registrations", **dave_token).json()
    assert [r["id"] for r in body["results"]] == [old.pk, mine.pk]
    upcoming = client.get("/api/v1/registrations", {"period": "upcoming"}, **dave_token).json()
    assert [r["id"] for r in upcoming["results"]] == [mine.pk]
    past_only = client.get("/api/v1/registrations", {"period": "past"}, **dave_token).json()
    assert [r["id"] for r in past_only["results"]] == [old.pk]
    waiting = client.get("/api/v1/registrations", {"status": "waiting"}, **dave_token).json()
    assert waiting["count"] == 0
    backwards = client.get("/api/v1/registrations", {"ordering": "-starts_at"}, **dave_token)
    assert [r["id"] for r in backwards.json()["results"]] == [mine.pk, old.pk]
    assert client.get(f"/api/v1/registrations/{mine.pk}", **dave_token).status_code == 200
    assert client.get(f"/api/v1/registrations/{others.pk}", **dave_token).status_code == 404
    cancel_other = client.post(f"/api/v1/registrations/{others.pk}/cancel", **dave_token)
    assert cancel_other.status_code == 404
    assert Registration.objects.get(pk=others.pk).status == "confirmed"


def test_the_join_link_goes_to_the_attendee_with_a_confirmed_place_only(
    client, cluster, dave, dave_token
):
    online = EventFactory(
        clusters=[cluster], format=Event.Format.ONLINE, join_url="https://meet.example/raum"
    )
    ticket = TicketTypeFactory(event=online)
    confirmed = RegistrationFactory(ticket_type=ticket, person=dave.person)
    body = client.get(f"/api/v1/registrations/{confirmed.pk}", **dave_token).json()
    assert body["join_url"] == "https://meet.example/raum"
    confirmed.status = Registration.Status.WAITING
    confirmed.save()
    body = client.get(f"/api/v1/registrations/{confirmed.pk}", **dave_token).json()
    assert body["join_url"] is None and body["ticket_url"] is None


def test_cancelling_frees_the_place_and_is_audited(
    client, event, dave, dave_token, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory(ticket_type=event.ticket_types.get(), person=dave.person)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/api/v1/registrations/{registration.pk}/cancel", **dave_token)
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    assert AuditEntry.objects.get(action="events.registration.cancelled").data["via"] == (
        "Kalender-App"
    )
    again = client.post(
        f"/api/v1/registrations/{registration.pk}/cancel", HTTP_ACCEPT_LANGUAGE="en", **dave_token
    )
    assert again.status_code == 422
    assert again.json()["errors"][0]["message"] == "This registration has already been cancelled."


def test_cancelling_after_the_deadline_is_refused(client, event, dave, dave_token):
    event.cancellation_deadline = timezone.now() - datetime.timedelta(hours=1)
    event.save()
    registration = RegistrationFactory(ticket_type=event.ticket_types.get(), person=dave.person)
    response = client.post(
        f"/api/v1/registrations/{registration.pk}/cancel", HTTP_ACCEPT_LANGUAGE="en", **dave_token
    )
    assert response.status_code == 422
    assert "deadline" in response.json()["errors"][0]["message"]
    assert Registration.objects.get(pk=registration.pk).status == "confirmed"


def test_refusals_without_token_scope_or_personal_token(client, event, dave, bob, member_org):
    anonymous = client.get("/api/v1/registrations")
    assert anonymous.status_code == 401
    assert anonymous["Content-Type"] == "application/problem+json"
    assert post_registration(client, event, {}).status_code == 401
    read_only = bearer(create_token(dave, "Lesen", [REGISTRATIONS_READ], 30)[1])
    refused = post_registration(client, event, read_only, language="en")
    assert refused.status_code == 403
    assert refused.json()["detail"] == "This token lacks the scope registrations:write."
    no_scope = bearer(create_token(dave, "Ich", [ME_READ], 30)[1])
    assert client.get("/api/v1/registrations", **no_scope).status_code == 403
    organisation_token = bearer(create_token(bob, "CRM", BOTH, 30, organisation=member_org)[1])
    assert client.get("/api/v1/registrations", **organisation_token).status_code == 403
    assert not event.registrations.exists()


def test_a_user_without_profile_gets_a_clear_problem(client, event, django_user_model):
    user = django_user_model.objects.create_user(email="neu@example.org", password="x" * 12)
    token = bearer(create_token(user, "App", BOTH, 30)[1])
    response = post_registration(client, event, token, language="en")
    assert response.status_code == 403
    assert response.json()["detail"] == "Please complete your profile before registering."
    assert PersonFactory._meta.model.objects.filter(user=user).count() == 0
