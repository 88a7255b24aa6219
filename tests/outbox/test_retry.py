"""A failed delivery is tried again later, five times at most; a dead worker's mail is not lost."""

import datetime

import pytest
from django.core import mail as django_mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks import task_backends
from django_tasks.backends.dummy import DummyBackend

from knotenpunkt.outbox.models import OutgoingMail
from knotenpunkt.outbox.services import deliver, due_mails, queue_rendered_mail, retry_delay
from tests.outbox.test_delivery import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def unreachable_server():
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=free_port(),
        EMAIL_TIMEOUT=2,
    ):
        yield


@pytest.fixture
def mail():
    return queue_rendered_mail("test", "jana@example.org", "Betreff", "Text")


def make_due(mail):
    OutgoingMail.objects.filter(pk=mail.pk).update(retry_after=timezone.now())


def test_a_failed_try_waits_for_its_back_off_before_the_next(unreachable_server, mail):
    before = timezone.now()
    assert deliver(mail.pk) == OutgoingMail.Status.QUEUED
    mail.refresh_from_db()
    assert mail.attempts == 1 and "refused" in mail.last_error.lower()
    assert mail.retry_after >= before + datetime.timedelta(seconds=60)
    # Asked again at once (a sweeper run, a duplicate task): not tried again yet.
    assert deliver(mail.pk) == OutgoingMail.Status.QUEUED
    mail.refresh_from_db()
    assert mail.attempts == 1


def test_the_back_off_doubles_after_each_failure():
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 4)] == [60, 120, 240, 480]


def test_the_fifth_failure_is_final_and_keeps_the_reason(unreachable_server, mail):
    for _ in range(4):
        assert deliver(mail.pk) == OutgoingMail.Status.QUEUED
        make_due(mail)
    assert deliver(mail.pk) == OutgoingMail.Status.FAILED
    mail.refresh_from_db()
    assert mail.attempts == 5 and mail.retry_after is None and mail.last_error
    make_due(mail)
    assert deliver(mail.pk) == OutgoingMail.Status.FAILED
    assert not due_mails().exists()


def test_a_retry_is_enqueued_for_later_when_the_task_backend_can_defer(
    unreachable_server, mail, django_capture_on_commit_callbacks
):
    deferring = DummyBackend("default", {"QUEUES": ["default", "mail"]})
    immediate, task_backends["default"] = task_backends["default"], deferring
    try:
        with django_capture_on_commit_callbacks(execute=True):
            deliver(mail.pk)
    finally:
        task_backends["default"] = immediate
    mail.refresh_from_db()
    (retry,) = deferring.results
    assert retry.args == [mail.pk] and retry.task.run_after == mail.retry_after


def test_a_mail_whose_worker_died_is_due_again_once_the_lease_ran_out(mail):
    OutgoingMail.objects.filter(pk=mail.pk).update(
        status=OutgoingMail.Status.SENDING,
        attempts=1,
        leased_until=timezone.now() - datetime.timedelta(seconds=1),
    )
    assert deliver(mail.pk) == OutgoingMail.Status.SENT
    assert len(django_mail.outbox) == 1
    mail.refresh_from_db()
    assert mail.attempts == 2 and mail.leased_until is None


def test_a_mail_under_a_live_lease_is_left_to_its_worker(mail):
    OutgoingMail.objects.filter(pk=mail.pk).update(
        status=OutgoingMail.Status.SENDING,
        attempts=1,
        leased_until=timezone.now() + datetime.timedelta(seconds=60),
    )
    assert deliver(mail.pk) == OutgoingMail.Status.SENDING
    assert django_mail.outbox == []


def test_a_mail_that_outlived_five_leases_fails_instead_of_stopping_every_worker(mail):
    OutgoingMail.objects.filter(pk=mail.pk).update(
        status=OutgoingMail.Status.SENDING,
        attempts=5,
        leased_until=timezone.now() - datetime.timedelta(seconds=1),
    )
    assert deliver(mail.pk) == OutgoingMail.Status.FAILED
    mail.refresh_from_db()
    assert "lease expired" in mail.last_error or "Frist abgelaufen" in mail.last_error
    assert django_mail.outbox == []


def test_the_sweeper_delivers_due_mails_and_leaves_the_others(capsys):
    due = queue_rendered_mail("test", "due@example.org", "Betreff", "Text")
    waiting = queue_rendered_mail("test", "waiting@example.org", "Betreff", "Text")
    OutgoingMail.objects.filter(pk=waiting.pk).update(
        retry_after=timezone.now() + datetime.timedelta(minutes=5)
    )
    call_command("send_queued_mail")
    assert [m.to for m in django_mail.outbox] == [[due.to]]
    assert "1 sent" in capsys.readouterr().out
    waiting.refresh_from_db()
    assert waiting.status == OutgoingMail.Status.QUEUED


def test_a_failed_mail_shows_its_reason_in_the_outbox_list(client, unreachable_server, mail):
    from tests.factories import UserFactory

    admin = UserFactory(email="root@example.org", is_staff=True, is_superuser=True)
    deliver(mail.pk)
    client.force_login(admin)
    page = client.get(reverse("admin:outbox_outgoingmail_changelist")).text
    mail.refresh_from_db()
    assert mail.last_error[:40] in page


def test_a_task_for_a_mail_deleted_meanwhile_does_nothing(mail):
    OutgoingMail.objects.filter(pk=mail.pk).delete()
    assert deliver(mail.pk) is None
    assert django_mail.outbox == []
