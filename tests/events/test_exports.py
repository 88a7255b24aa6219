"""After the event: attendee list (CSV), attendance figures, the feedback survey mail."""

import csv
import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.events.models import Event, Question, Registration, TicketType
from knotenpunkt.events.tasks.feedback import send_feedback_surveys
from knotenpunkt.outbox.models import OutgoingMail
from tests.factories import (
    OrganisationFactory,
    PersonEmailFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
Status = Registration.Status


def make_event(cluster, title="Zukunftsgipfel", days=-1, **fields):
    starts = timezone.now() + datetime.timedelta(days=days)
    fields.setdefault("is_published", True)
    event = Event.objects.create(
        title=title,
        slug=slugify(title),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        **fields,
    )
    event.clusters.add(cluster)
    TicketType.objects.create(event=event, name="Standard")
    return event


def attend(event, first="Jana", last="Jensen", *, status=Status.CONFIRMED, came=False, **fields):
    person = PersonFactory(first_name=first, last_name=last)
    PersonEmailFactory(person=person, address=f"{slugify(first)}@example.org")
    return Registration.objects.create(
        event=event,
        ticket_type=event.ticket_types.first(),
        person=person,
        status=status,
        checked_in_at=timezone.now() if came else None,
        **fields,
    )


def read_csv(response) -> list[list[str]]:
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


# Attendee list ---------------------------------------------------------------------------


def test_staff_download_the_attendee_list_with_answers(client_for, cluster, alice):
    event = make_event(cluster)
    question = Question.objects.create(event=event, label="Essenswunsch")
    firm = OrganisationFactory(name="Nordwind GmbH")
    attend(
        event,
        "Jana",
        "Jensen",
        came=True,
        organisation=firm,
        answers={str(question.pk): {"question": "Essenswunsch", "answer": "vegan"}},
    )

    response = client_for(alice).get(
        reverse("events:attendees_csv", args=[event.slug]), headers={"Accept-Language": "en"}
    )

    header, row = read_csv(response)
    assert header[:5] == ["Last name", "First name", "Organisation", "Ticket type", "Status"]
    assert header[-1] == "Essenswunsch"
    assert row[:3] == ["Jensen", "Jana", "Nordwind GmbH"]
    assert row[-1] == "vegan"
    assert row[6] != ""  # checked in


def test_attendee_list_includes_the_waiting_list_and_cancellations(client_for, cluster, alice):
    event = make_event(cluster)
    attend(event, "Jana", status=Status.CONFIRMED)
    attend(event, "Kai", status=Status.WAITING)
    attend(event, "Lea", status=Status.CANCELLED)

    rows = read_csv(client_for(alice).get(reverse("events:attendees_csv", args=[event.slug])))

    assert sorted(row[1] for row in rows[1:]) == ["Jana", "Kai", "Lea"]


def test_attendee_list_defuses_spreadsheet_formulas(client_for, cluster, alice):
    event = make_event(cluster)
    attend(event, "=HYPERLINK(1)", "Evil")

    rows = read_csv(client_for(alice).get(reverse("events:attendees_csv", args=[event.slug])))

    assert rows[1][1] == "'=HYPERLINK(1)"


@pytest.mark.parametrize("persona", ["bob", "carol", "dave"])
def test_attendee_list_is_denied_to_non_staff(client_for, cluster, persona, request):
    event = make_event(cluster)

    response = client_for(request.getfixturevalue(persona)).get(
        reverse("events:attendees_csv", args=[event.slug])
    )

    assert response.status_code == 403


def test_attendee_list_is_denied_to_staff_of_another_cluster(client_for, cluster, other_cluster):
    staff = UserFactory()
    other_cluster.staff.add(staff)
    event = make_event(cluster)

    response = client_for(staff).get(reverse("events:attendees_csv", args=[event.slug]))

    assert response.status_code == 403


def test_attendee_list_sends_anonymous_visitors_to_the_login(client, cluster):
    event = make_event(cluster)

    response = client.get(reverse("events:attendees_csv", args=[event.slug]))

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


# Attendance figures ----------------------------------------------------------------------


def test_attendance_page_shows_registered_checked_in_and_rate(client_for, cluster, alice):
    event = make_event(cluster)
    attend(event, "Jana", came=True)
    attend(event, "Kai", came=True)
    attend(event, "Lea", came=True)
    attend(event, "Mia")
    attend(event, "Nils", status=Status.WAITING)

    response = client_for(alice).get(reverse("events:attendance", args=[event.slug]))

    figures = response.context["attendance"]
    assert (figures.registered, figures.checked_in, figures.waiting) == (4, 3, 1)
    assert figures.rate_percent == 75
    assert "75 %" in response.text


@pytest.mark.parametrize("persona", ["bob", "carol", "dave"])
def test_attendance_page_is_denied_to_non_staff(client_for, cluster, persona, request):
    event = make_event(cluster)

    response = client_for(request.getfixturevalue(persona)).get(
        reverse("events:attendance", args=[event.slug])
    )

    assert response.status_code == 403


def test_attendance_overview_lists_only_own_clusters_events(
    client_for, cluster, other_cluster, alice
):
    make_event(cluster, "Unser Abend")
    make_event(other_cluster, "Fremder Abend")
    make_event(cluster, "Noch nicht", days=5)

    response = client_for(alice).get(reverse("events:attendance_overview"))

    assert [event.title for event, _figures in response.context["rows"]] == ["Unser Abend"]


@pytest.mark.parametrize("persona", ["bob", "carol", "dave"])
def test_attendance_overview_is_denied_to_non_staff(client_for, persona, request):
    response = client_for(request.getfixturevalue(persona)).get(
        reverse("events:attendance_overview")
    )

    assert response.status_code == 403


def test_attendance_overview_query_count_does_not_grow_with_the_events(
    client_for, cluster, alice, django_assert_max_num_queries
):
    for i in range(15):
        event = make_event(cluster, f"Abend {i}", days=-i - 1)
        attend(event, f"Gast{i}", came=True)
    client = client_for(alice)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("events:attendance_overview"))

    assert len(response.context["rows"]) == 15
    assert response.context["total"].checked_in == 15


# Feedback survey -------------------------------------------------------------------------


def feedback_event(cluster, **fields):
    fields.setdefault("feedback_url", "https://umfrage.example/gipfel")
    return make_event(cluster, days=-1, **fields)


def test_feedback_link_goes_to_checked_in_attendees(cluster):
    event = feedback_event(cluster)
    attend(event, "Jana", came=True)
    attend(event, "Kai", came=False)
    attend(event, "Lea", status=Status.CANCELLED)

    send_feedback_surveys.enqueue()

    mails = list(OutgoingMail.objects.filter(kind="event_feedback"))
    assert [m.to for m in mails] == ["jana@example.org"]
    assert "https://umfrage.example/gipfel" in mails[0].body_text
    assert event.title in mails[0].subject


def test_feedback_link_is_sent_only_once(cluster):
    event = feedback_event(cluster)
    attend(event, "Jana", came=True)

    send_feedback_surveys.enqueue()
    send_feedback_surveys.enqueue()

    assert OutgoingMail.objects.filter(kind="event_feedback").count() == 1
    assert AuditEntry.objects.filter(action="events.feedback.sent").count() == 1


def test_feedback_link_waits_until_the_event_has_ended(cluster):
    event = feedback_event(cluster)
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=1),
        ends_at=timezone.now() + datetime.timedelta(hours=1),
    )
    attend(event, "Jana", came=True)

    send_feedback_surveys.enqueue()

    assert not OutgoingMail.objects.filter(kind="event_feedback").exists()


def test_no_feedback_mail_without_a_survey_link(cluster):
    event = feedback_event(cluster, feedback_url="")
    attend(event, "Jana", came=True)

    send_feedback_surveys.enqueue()

    assert not OutgoingMail.objects.filter(kind="event_feedback").exists()


def test_feedback_mail_is_written_in_the_events_language(cluster):
    event = feedback_event(cluster, language="en")
    attend(event, "Jana", came=True)

    send_feedback_surveys.enqueue()

    assert "Hello Jana" in OutgoingMail.objects.get(kind="event_feedback").body_text


def test_feedback_goes_to_attendees_checked_in_after_an_empty_first_run(cluster):
    event = feedback_event(cluster)
    registration = attend(event, "Jana", came=False)
    send_feedback_surveys.enqueue()
    Registration.objects.filter(pk=registration.pk).update(checked_in_at=timezone.now())

    send_feedback_surveys.enqueue()

    assert OutgoingMail.objects.filter(kind="event_feedback").count() == 1


def test_feedback_command_queues_the_due_surveys(cluster):
    event = feedback_event(cluster)
    attend(event, "Jana", came=True)

    call_command("send_feedback_surveys", stdout=io.StringIO())

    assert OutgoingMail.objects.filter(kind="event_feedback").count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_sends_the_feedback_link_by_itself_an_hour_after_the_event(cluster):
    from django.conf import settings
    from django.test import override_settings

    from knotenpunkt.events.tasks.feedback import schedule_feedback_survey

    event = feedback_event(cluster)
    attend(event, "Jana", came=True)
    tasks = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.TASK_QUEUES}
    }
    with override_settings(TASKS=tasks):
        schedule_feedback_survey(event)
        call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", verbosity=0)
    assert [m.to for m in OutgoingMail.objects.filter(kind="event_feedback")] == [
        "jana@example.org"
    ]
