"""Held deliveries: mails queued inside `holding_deliveries` (the demo build) stay in the
outbox, readable in the back office, and leave only when a platform admin releases them."""

import pytest
from django.core import mail as django_mail
from django.urls import reverse
from django_tasks import task_backends
from django_tasks.backends.dummy import DummyBackend

from knotenpunkt.matching.tasks.indexing import reindex_organisation_task
from knotenpunkt.outbox.models import OutgoingMail
from knotenpunkt.outbox.services import (
    holding_deliveries,
    queue_mail,
    release_held_mail,
    send_due_mail,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HELD = OutgoingMail.Status.HELD


def confirmation(to="jana@example.org"):
    return queue_mail("confirm_email", to, {"confirm_path": "/c/abc/"})


@pytest.fixture
def recording_backend():
    """Tasks are recorded instead of run, to see which ones were enqueued."""
    recording = DummyBackend("default", {"QUEUES": ["default", "mail"]})
    immediate, task_backends["default"] = task_backends["default"], recording
    yield recording
    task_backends["default"] = immediate


def test_mails_queued_while_deliveries_are_held_stay_in_the_outbox_unsent(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True), holding_deliveries() as held:
        first, second = confirmation("a@example.org"), confirmation("b@example.org")
    assert held.count == 2
    assert django_mail.outbox == []
    for mail in (first, second):
        mail.refresh_from_db()
        assert mail.status == HELD and mail.attempts == 0 and mail.body_text


def test_only_deliveries_are_held_other_background_tasks_are_enqueued(
    recording_backend, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), holding_deliveries():
        confirmation()
        reindex_organisation_task.enqueue(1)
    assert [r.task.name for r in recording_backend.results] == ["reindex_organisation_task"]


def test_mail_queued_after_the_hold_is_delivered_again(django_capture_on_commit_callbacks):
    with holding_deliveries():
        pass
    with django_capture_on_commit_callbacks(execute=True):
        mail = confirmation()
    mail.refresh_from_db()
    assert mail.status == OutgoingMail.Status.SENT
    assert [m.to for m in django_mail.outbox] == [["jana@example.org"]]


def test_the_sweeper_leaves_held_mail_alone():
    with holding_deliveries():
        mail = confirmation()
    assert send_due_mail() == {}
    mail.refresh_from_db()
    assert mail.status == HELD and django_mail.outbox == []


def test_released_held_mail_is_delivered(django_capture_on_commit_callbacks):
    with holding_deliveries():
        held = confirmation()
    waiting = confirmation("waiting@example.org")  # queued, its delivery not run here
    with django_capture_on_commit_callbacks(execute=True):
        released = release_held_mail(OutgoingMail.objects.all())
    assert released == 1
    held.refresh_from_db()
    waiting.refresh_from_db()
    assert held.status == OutgoingMail.Status.SENT
    assert waiting.status == OutgoingMail.Status.QUEUED
    assert [m.to for m in django_mail.outbox] == [["jana@example.org"]]


@pytest.fixture
def platform_admin_client(client):
    client.force_login(UserFactory(email="root@example.org", is_staff=True, is_superuser=True))
    return client


def test_the_back_office_lists_held_mails_under_their_status(platform_admin_client):
    with holding_deliveries():
        confirmation("held@example.org")
    url = reverse("admin:outbox_outgoingmail_changelist")
    page = platform_admin_client.get(url, {"status__exact": "held"})
    assert page.status_code == 200
    assert "held@example.org" in page.text
    assert "?status__exact=held" in platform_admin_client.get(url).text  # the filter's link


def test_a_platform_admin_sends_held_mails_from_the_back_office(
    platform_admin_client, django_capture_on_commit_callbacks
):
    with holding_deliveries():
        mail = confirmation("held@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = platform_admin_client.post(
            reverse("admin:outbox_outgoingmail_changelist"),
            {"action": "send_held_mails", "_selected_action": [mail.pk]},
            follow=True,
        )
    assert response.status_code == 200
    mail.refresh_from_db()
    assert mail.status == OutgoingMail.Status.SENT
    assert [m.to for m in django_mail.outbox] == [["held@example.org"]]
