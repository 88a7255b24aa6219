"""Registering for events: prices, vouchers, audiences, colleagues, waiting list, check-in."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase
from django.utils import timezone

from knotenpunkt.events.models import Event, Invitation, Question, Registration, Voucher
from knotenpunkt.events.services import registration as services
from knotenpunkt.events.services.registration import CheckInResult, check_in
from knotenpunkt.outbox.models import OutgoingMail
from tests.factories import (
    EventFactory,
    GroupFactory,
    GroupMembershipFactory,
    InvoiceSettingsFactory,
    PersonEmailFactory,
    PersonFactory,
    PositionFactory,
    RegistrationFactory,
    TicketTypeFactory,
    UserFactory,
)


@pytest.fixture
def event(cluster):
    return EventFactory(clusters=[cluster], title="KI im Mittelstand")


@pytest.fixture
def ticket(event):
    return TicketTypeFactory(
        event=event, name="Tagesticket", price_member=Decimal("0"), price_non_member=Decimal("0")
    )


@pytest.fixture
def priced(event):
    return TicketTypeFactory(
        event=event,
        name="Konferenzticket",
        price_member=Decimal("80.00"),
        price_non_member=Decimal("150.00"),
        vat_rate=Decimal("19.00"),
    )


def register(*args, **kwargs):
    """The service as a request runs it: mails and invoices follow the commit."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.register(*args, **kwargs)


def cancel_registration(*args, **kwargs):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.cancel_registration(*args, **kwargs)


def attendee(user):
    """A user's person, with an address so that mails can go out."""
    if not user.person.emails.exists():
        PersonEmailFactory(person=user.person, address=user.email)
    return user.person


def test_a_person_of_a_member_organisation_pays_the_member_price(carol, event, priced):
    registration = register(carol, event, priced, attendee(carol))
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.price_net == Decimal("80.00")
    assert registration.organisation.name == "Nordlicht Software GmbH"


def test_an_outsider_pays_the_non_member_price(dave, event, priced):
    registration = register(dave, event, priced, attendee(dave))
    assert registration.price_net == Decimal("150.00")
    assert registration.organisation is None


def test_a_voucher_takes_its_percentage_off_and_counts_the_use(dave, event, priced):
    Voucher.objects.create(event=event, code="PARTNER25", percent_off=Decimal("25"))
    registration = register(dave, event, priced, attendee(dave), voucher_code="partner25")
    assert registration.price_net == Decimal("112.50")
    assert Voucher.objects.get(code="PARTNER25").used_count == 1


def test_a_used_up_voucher_is_refused(dave, event, priced):
    Voucher.objects.create(
        event=event, code="EINMAL", percent_off=Decimal("100"), max_uses=1, used_count=1
    )
    with pytest.raises(ValidationError) as error:
        register(dave, event, priced, attendee(dave), voucher_code="EINMAL")
    assert "voucher" in error.value.message_dict


def test_an_unknown_voucher_code_is_refused(dave, event, priced):
    with pytest.raises(ValidationError) as error:
        register(dave, event, priced, attendee(dave), voucher_code="GIBTSNICHT")
    assert "voucher" in error.value.message_dict
    assert not Registration.objects.exists()


def test_a_full_event_puts_the_next_registrant_on_the_waiting_list(carol, dave, event, ticket):
    event.capacity = 1
    event.save()
    register(carol, event, ticket, attendee(carol))
    second = register(dave, event, ticket, attendee(dave))
    assert second.status == Registration.Status.WAITING
    mail = OutgoingMail.objects.get(to="dave@example.org")
    assert mail.kind == "events_waiting"


def test_a_full_contingent_puts_its_registrant_on_the_waiting_list_while_others_have_room(
    bob, carol, dave, event, ticket
):
    workshop = TicketTypeFactory(event=event, name="Workshop", contingent=1)
    register(carol, event, workshop, attendee(carol))
    assert register(dave, event, workshop, attendee(dave)).status == Registration.Status.WAITING
    assert register(bob, event, ticket, attendee(bob)).status == Registration.Status.CONFIRMED


def test_waiting_list_moves_up_when_attendee_cancels(carol, dave, event, ticket):
    event.capacity = 1
    event.save()
    first = register(carol, event, ticket, attendee(carol))
    waiting = register(dave, event, ticket, attendee(dave))
    cancel_registration(carol, first)
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    mail = OutgoingMail.objects.get(to="dave@example.org", kind="events_moved_up")
    assert "KI im Mittelstand" in mail.subject
    assert {a.filename for a in mail.attachments.all()} == {
        f"ticket-{event.slug}.pdf",
        f"{event.slug}.ics",
    }


def test_cancelling_a_waiting_place_moves_nobody_up(carol, dave, bob, event, ticket):
    event.capacity = 1
    event.save()
    register(carol, event, ticket, attendee(carol))
    waiting_dave = register(dave, event, ticket, attendee(dave))
    waiting_bob = register(bob, event, ticket, attendee(bob))
    cancel_registration(dave, waiting_dave)
    waiting_bob.refresh_from_db()
    assert waiting_bob.status == Registration.Status.WAITING


def test_the_confirmation_carries_the_ticket_pdf_and_the_calendar_file(carol, event, ticket):
    register(carol, event, ticket, attendee(carol))
    mail = OutgoingMail.objects.get(to="carol@nordlicht.example", kind="events_confirmed")
    attachments = {a.filename: a for a in mail.attachments.all()}
    pdf = attachments[f"ticket-{event.slug}.pdf"]
    assert bytes(pdf.content).startswith(b"%PDF")
    ics = bytes(attachments[f"{event.slug}.ics"].content).decode()
    assert "BEGIN:VEVENT" in ics
    assert "SUMMARY:KI im Mittelstand" in ics


def test_cancellation_after_the_deadline_is_refused(carol, event, ticket):
    registration = register(carol, event, ticket, attendee(carol))
    event.cancellation_deadline = timezone.now() - datetime.timedelta(hours=1)
    event.save()
    with pytest.raises(ValidationError, match="deadline"):
        cancel_registration(carol, registration)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_organisers_may_cancel_after_the_deadline(alice, carol, event, ticket):
    registration = register(carol, event, ticket, attendee(carol))
    event.cancellation_deadline = timezone.now() - datetime.timedelta(hours=1)
    event.save()
    cancel_registration(alice, registration)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_a_stranger_cannot_cancel_someone_elses_registration(carol, dave, event, ticket):
    registration = register(carol, event, ticket, attendee(carol))
    with pytest.raises(PermissionDenied):
        cancel_registration(dave, registration)


def test_a_colleague_registers_another_colleague_of_the_same_organisation(
    bob, carol, event, ticket
):
    registration = register(carol, event, ticket, bob.person)
    assert registration.person == bob.person
    assert registration.registered_by == carol
    assert registration.organisation.slug == "nordlicht"


def test_nobody_registers_a_person_of_another_organisation(dave, carol, event, ticket):
    with pytest.raises(PermissionDenied):
        register(dave, event, ticket, carol.person)


def test_a_person_cannot_hold_two_places_at_one_event(carol, event, ticket):
    register(carol, event, ticket, attendee(carol))
    with pytest.raises(ValidationError, match="already registered"):
        register(carol, event, ticket, carol.person)


def test_registration_is_refused_before_the_window_opens(carol, event, ticket):
    event.registration_opens_at = timezone.now() + datetime.timedelta(days=2)
    event.save()
    with pytest.raises(ValidationError, match="opens"):
        register(carol, event, ticket, carol.person)


def test_registration_is_refused_after_the_window_closed(carol, event, ticket):
    event.registration_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    event.save()
    with pytest.raises(ValidationError, match="closed"):
        register(carol, event, ticket, carol.person)


def test_a_required_question_must_be_answered(carol, event, ticket):
    question = Question.objects.create(event=event, label="Ernährung", required=True)
    with pytest.raises(ValidationError) as error:
        register(carol, event, ticket, carol.person, answers={})
    assert f"q_{question.pk}" in error.value.message_dict


def test_a_choice_answer_must_be_one_of_the_options(carol, event, ticket):
    question = Question.objects.create(
        event=event, label="Workshop", kind=Question.Kind.CHOICE, choices=["A", "B"]
    )
    with pytest.raises(ValidationError):
        register(carol, event, ticket, carol.person, answers={str(question.pk): "C"})
    registration = register(carol, event, ticket, carol.person, answers={str(question.pk): "B"})
    assert registration.answers[str(question.pk)]["answer"] == "B"


# --- audiences -----------------------------------------------------------------------


def test_members_only_event_admits_people_of_member_organisations(carol, event, ticket):
    event.audience = Event.Audience.MEMBERS
    event.save()
    assert register(carol, event, ticket, carol.person).status == Registration.Status.CONFIRMED


def test_members_only_event_refuses_outsiders(dave, event, ticket):
    event.audience = Event.Audience.MEMBERS
    event.save()
    with pytest.raises(ValidationError, match="meant for"):
        register(dave, event, ticket, dave.person)


def test_group_event_admits_members_of_an_invitation_only_club(carol, event, ticket):
    club = GroupFactory(policy="invitation", kind="club")
    GroupMembershipFactory(group=club, person=carol.person)
    event.groups.add(club)
    event.audience = Event.Audience.GROUP
    event.save()
    assert register(carol, event, ticket, carol.person).status == Registration.Status.CONFIRMED


def test_group_event_refuses_non_members_of_an_invitation_only_club(dave, event, ticket):
    club = GroupFactory(policy="invitation", kind="club")
    event.groups.add(club)
    event.audience = Event.Audience.GROUP
    event.save()
    with pytest.raises(ValidationError, match="meant for"):
        register(dave, event, ticket, dave.person)


def test_invitation_event_admits_invited_guests(dave, event, ticket):
    event.audience = Event.Audience.INVITATION
    event.save()
    Invitation.objects.create(event=event, person=dave.person)
    assert register(dave, event, ticket, dave.person).status == Registration.Status.CONFIRMED


def test_invitation_event_refuses_everyone_else(carol, event, ticket):
    event.audience = Event.Audience.INVITATION
    event.save()
    with pytest.raises(ValidationError, match="meant for"):
        register(carol, event, ticket, carol.person)


# --- invoices ------------------------------------------------------------------------


@pytest.fixture
def invoicing_cluster(cluster):
    InvoiceSettingsFactory(cluster=cluster)
    cluster.street, cluster.postcode, cluster.city = "Lorentzendamm 24", "24103", "Kiel"
    cluster.save()
    return cluster


def test_a_priced_place_is_invoiced_to_the_organisation(invoicing_cluster, carol, event, priced):
    from knotenpunkt.invoicing.services import invoice_for

    registration = register(carol, event, priced, attendee(carol))
    invoice = invoice_for(registration)
    assert invoice.buyer_name == "Nordlicht Software GmbH"
    assert invoice.net_total == Decimal("80.00")


def test_the_confirmation_mail_carries_the_invoice_as_an_e_invoice_pdf(
    invoicing_cluster, carol, event, priced
):
    from facturx import get_xml_from_pdf

    from knotenpunkt.invoicing.services import invoice_for

    registration = register(carol, event, priced, attendee(carol))
    invoice = invoice_for(registration)
    mail = OutgoingMail.objects.get(kind="events_confirmed")
    pdfs = [a for a in mail.attachments.all() if a.filename.endswith(".pdf")]
    invoice_pdf = next(a for a in pdfs if invoice.number in a.filename)
    _name, xml = get_xml_from_pdf(bytes(invoice_pdf.content), check_xsd=False)
    assert invoice.number.encode() in xml


def test_cancelling_a_priced_place_issues_a_cancellation_invoice(
    invoicing_cluster, carol, event, priced
):
    from knotenpunkt.invoicing.models import Invoice

    registration = register(carol, event, priced, attendee(carol))
    cancel_registration(carol, registration)
    kinds = sorted(Invoice.objects.values_list("kind", "status"))
    assert kinds == [("cancellation", "issued"), ("invoice", "cancelled")]


def test_a_free_place_is_not_invoiced(invoicing_cluster, carol, event, ticket):
    from knotenpunkt.invoicing.models import Invoice

    register(carol, event, ticket, attendee(carol))
    assert not Invoice.objects.exists()


# --- check-in ------------------------------------------------------------------------


def test_a_ticket_is_valid_once_and_then_already_used(alice, event, ticket):
    registration = RegistrationFactory(ticket_type=ticket)
    first = check_in(alice, registration.ticket_code, event)
    second = check_in(alice, registration.ticket_code, event)
    assert first.outcome == CheckInResult.VALID
    assert second.outcome == CheckInResult.ALREADY_USED
    registration.refresh_from_db()
    assert registration.checked_in_at is not None


def test_the_check_in_link_of_the_qr_code_is_accepted_as_code(alice, event, ticket):
    registration = RegistrationFactory(ticket_type=ticket)
    link = f"http://testserver/events/{event.slug}/check-in/?code={registration.ticket_code}"
    assert check_in(alice, link, event).outcome == CheckInResult.VALID


def test_a_ticket_of_another_event_is_not_valid(alice, cluster, event, ticket):
    other = RegistrationFactory(
        ticket_type=TicketTypeFactory(event=EventFactory(clusters=[cluster]))
    )
    assert check_in(alice, other.ticket_code, event).outcome == CheckInResult.NOT_VALID


def test_a_cancelled_ticket_is_not_valid(alice, event, ticket):
    registration = RegistrationFactory(ticket_type=ticket, status="cancelled")
    assert check_in(alice, registration.ticket_code, event).outcome == CheckInResult.NOT_VALID


def test_only_organisers_check_tickets_in(carol, event, ticket):
    registration = RegistrationFactory(ticket_type=ticket)
    with pytest.raises(PermissionDenied):
        check_in(carol, registration.ticket_code, event)


def test_a_lead_of_an_organising_group_may_check_in(event, ticket):
    lead = UserFactory()
    person = PersonFactory(user=lead)
    PositionFactory(person=person)
    group = GroupFactory()
    GroupMembershipFactory(group=group, person=person, role="lead")
    event.groups.add(group)
    registration = RegistrationFactory(ticket_type=ticket)
    assert check_in(lead, registration.ticket_code, event).is_valid
