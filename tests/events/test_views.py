"""The event page, the registration form, "my registrations" and the check-in page."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.events.models import Event, Question, Registration
from tests.factories import (
    EventFactory,
    PersonFactory,
    PositionFactory,
    RegistrationFactory,
    TicketTypeFactory,
    UserFactory,
)


@pytest.fixture
def event(cluster):
    return EventFactory(
        clusters=[cluster],
        title="Cloud-Sprechstunde",
        format=Event.Format.HYBRID,
        join_url="https://meet.example.org/geheim-123",
    )


@pytest.fixture
def ticket(event):
    return TicketTypeFactory(
        event=event, name="Vor Ort", price_member=Decimal("20"), price_non_member=Decimal("45")
    )


def test_the_join_link_is_shown_to_confirmed_attendees(client_for, carol, event, ticket):
    RegistrationFactory(ticket_type=ticket, person=carol.person)
    page = client_for(carol).get(event.get_absolute_url()).text
    assert "https://meet.example.org/geheim-123" in page


def test_the_join_link_is_hidden_from_the_waiting_list(client_for, carol, event, ticket):
    RegistrationFactory(ticket_type=ticket, person=carol.person, status="waiting")
    page = client_for(carol).get(event.get_absolute_url()).text
    assert "geheim-123" not in page


def test_the_join_link_is_hidden_from_visitors(client, event, ticket):
    page = client.get(event.get_absolute_url()).text
    assert "Cloud-Sprechstunde" in page
    assert "geheim-123" not in page


def test_the_form_shows_the_member_price_to_members(client_for, carol, event, ticket):
    page = client_for(carol).get(event.get_absolute_url()).text
    assert "Vor Ort – 20,00 EUR" in page or "Vor Ort – 20.00 EUR" in page


def test_the_form_shows_the_non_member_price_to_outsiders(client_for, dave, event, ticket):
    page = client_for(dave).get(event.get_absolute_url()).text
    assert "45,00" in page or "45.00" in page


def test_an_unpublished_event_is_hidden_from_members(client_for, carol, event):
    event.is_published = False
    event.save()
    assert client_for(carol).get(event.get_absolute_url()).status_code == 403


def test_an_invitation_only_event_is_not_found_by_the_uninvited(client_for, dave, event):
    event.audience = Event.Audience.INVITATION
    event.save()
    assert client_for(dave).get(event.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("audience", [Event.Audience.INVITATION, Event.Audience.PUBLIC])
@pytest.mark.parametrize("published", [True, False])
def test_the_calendar_file_answers_like_the_event_page(
    client_for, carol, event, audience, published
):
    event.audience, event.is_published = audience, published
    event.save()
    client = client_for(carol)
    page = client.get(event.get_absolute_url())
    ics = client.get(reverse("events:event_ics", args=[event.slug]))
    assert ics.status_code == page.status_code


def test_a_members_only_event_offers_no_form_to_outsiders(client_for, dave, event, ticket):
    event.audience = Event.Audience.MEMBERS
    event.save()
    page = client_for(dave).get(event.get_absolute_url()).text
    assert "cannot register" in page
    assert 'name="ticket_type"' not in page


def test_registering_through_the_form_confirms_the_place(client_for, carol, event, ticket):
    client = client_for(carol)
    response = client.post(
        reverse("events:register", args=[event.slug]), {"ticket_type": ticket.pk}
    )
    assert response.status_code == 302
    registration = Registration.objects.get(person=carol.person)
    assert registration.price_net == Decimal("20.00")
    page = client.get(response.url).text
    assert "Cloud-Sprechstunde" in page


def test_registering_a_colleague_through_the_form(client_for, bob, carol, event, ticket):
    response = client_for(carol).post(
        reverse("events:register", args=[event.slug]),
        {"ticket_type": ticket.pk, "person": bob.person.pk},
    )
    assert response.status_code == 302
    assert Registration.objects.get(registered_by=carol).person == bob.person


def test_a_missing_answer_is_a_form_error(client_for, carol, event, ticket):
    Question.objects.create(event=event, label="Ernährungswünsche", required=True)
    response = client_for(carol).post(
        reverse("events:register", args=[event.slug]), {"ticket_type": ticket.pk}
    )
    assert response.status_code == 200
    assert 'class="field-errors"' in response.text
    assert not Registration.objects.exists()


def test_a_ticket_type_of_another_event_is_a_form_error(client_for, carol, cluster, event):
    foreign = TicketTypeFactory(event=EventFactory(clusters=[cluster]))
    response = client_for(carol).post(
        reverse("events:register", args=[event.slug]), {"ticket_type": foreign.pk}
    )
    assert response.status_code == 200
    assert not Registration.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in_to_register(client, event, ticket):
    response = client.post(
        reverse("events:register", args=[event.slug]), {"ticket_type": ticket.pk}
    )
    assert response.status_code == 302
    assert reverse("accounts:login") in response.url


def test_my_registrations_lists_own_and_colleagues_places(
    client_for, bob, carol, event, ticket, django_assert_max_num_queries
):
    RegistrationFactory(ticket_type=ticket, person=carol.person)
    RegistrationFactory(ticket_type=ticket, person=bob.person, registered_by=carol)
    client = client_for(carol)
    with django_assert_max_num_queries(15):
        page = client.get(reverse("events:my_registrations")).text
    assert "Carol Clausen" in page
    assert "Bob Brandt" in page


def test_cancelling_from_my_registrations(client_for, carol, event, ticket):
    registration = RegistrationFactory(ticket_type=ticket, person=carol.person)
    response = client_for(carol).post(reverse("events:cancel", args=[registration.pk]))
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_cancelling_after_the_deadline_shows_a_message_not_an_error(
    client_for, carol, event, ticket
):
    event.cancellation_deadline = timezone.now() - datetime.timedelta(days=1)
    event.save()
    registration = RegistrationFactory(ticket_type=ticket, person=carol.person)
    response = client_for(carol).post(reverse("events:cancel", args=[registration.pk]), follow=True)
    assert "deadline" in response.text
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_nobody_cancels_a_strangers_registration(client_for, dave, carol, event, ticket):
    registration = RegistrationFactory(ticket_type=ticket, person=carol.person)
    response = client_for(dave).post(reverse("events:cancel", args=[registration.pk]))
    assert response.status_code == 403


@pytest.fixture
def erik(member_org):
    """A colleague of carol at the same firm, without the admin right."""
    user = UserFactory(email="erik@nordlicht.example")
    person = PersonFactory(first_name="Erik", last_name="Ehlers", user=user)
    PositionFactory(person=person, organisation=member_org, function="developer")
    return user


def test_a_colleague_neither_downloads_nor_cancels_someone_elses_ticket(
    client_for, carol, erik, event, ticket
):
    registration = RegistrationFactory(ticket_type=ticket, person=carol.person)
    client = client_for(erik)
    assert client.get(reverse("events:ticket", args=[registration.pk])).status_code == 403
    assert client.post(reverse("events:cancel", args=[registration.pk])).status_code == 403
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_the_firms_admin_downloads_and_cancels_a_colleagues_ticket(
    client_for, bob, carol, event, ticket
):
    registration = RegistrationFactory(ticket_type=ticket, person=carol.person)
    client = client_for(bob)
    pdf = client.get(reverse("events:ticket", args=[registration.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    client.post(reverse("events:cancel", args=[registration.pk]))
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_the_ticket_pdf_is_for_its_holder(client_for, carol, dave, event, ticket):
    registration = RegistrationFactory(ticket_type=ticket, person=carol.person)
    url = reverse("events:ticket", args=[registration.pk])
    assert client_for(dave).get(url).status_code == 403
    response = client_for(carol).get(url)
    assert response["Content-Type"] == "application/pdf"


# --- check-in ------------------------------------------------------------------------


def test_staff_see_a_valid_ticket_as_valid(client_for, alice, event, ticket):
    registration = RegistrationFactory(ticket_type=ticket)
    url = reverse("events:checkin", args=[event.slug])
    page = client_for(alice).post(url, {"code": registration.ticket_code}).text
    assert "outcome-valid" in page
    assert registration.person.full_name in page


def test_a_used_ticket_shows_already_used(client_for, alice, event, ticket):
    registration = RegistrationFactory(ticket_type=ticket, checked_in_at=timezone.now())
    url = reverse("events:checkin", args=[event.slug])
    page = client_for(alice).post(url, {"code": registration.ticket_code}).text
    assert "outcome-used" in page


def test_an_unknown_code_shows_not_valid(client_for, alice, event, ticket):
    url = reverse("events:checkin", args=[event.slug])
    page = client_for(alice).post(url, {"code": "ausgedacht"}).text
    assert "outcome-invalid" in page


def test_the_check_in_answers_htmx_with_the_panel_only(client_for, alice, event, ticket):
    registration = RegistrationFactory(ticket_type=ticket)
    url = reverse("events:checkin", args=[event.slug])
    response = client_for(alice).post(
        url, {"code": registration.ticket_code}, headers={"HX-Request": "true"}
    )
    assert response.text.lstrip().startswith('<div id="check-in-panel"')


def test_opening_the_qr_link_does_not_use_up_the_ticket(client_for, alice, event, ticket):
    registration = RegistrationFactory(ticket_type=ticket)
    url = reverse("events:checkin", args=[event.slug])
    page = client_for(alice).get(url, {"code": registration.ticket_code}).text
    assert registration.ticket_code in page
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_members_may_not_open_the_check_in(client_for, carol, event):
    response = client_for(carol).get(reverse("events:checkin", args=[event.slug]))
    assert response.status_code == 403


def test_anonymous_visitors_are_sent_to_log_in_for_the_check_in(client, event):
    response = client.get(reverse("events:checkin", args=[event.slug]))
    assert response.status_code == 302
