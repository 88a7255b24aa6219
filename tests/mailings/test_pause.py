"""A mailing that meets an error no retry cures pauses with the reason, and staff resume it.

Before issue 14 such a mailing stayed "sending" with its recipients pending, and
`resume-mailings` restarted it into the same error every minute.
"""

import pytest
from aiosmtpd.controller import Controller
from django.urls import reverse

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.mailings.models import Mailing
from knotenpunkt.mailings.services import sending, worker
from tests.mailings.conftest import RecordingSink, free_port

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def unthrottled(settings):
    settings.MAILING_RATE_PER_SECOND = 0
    settings.MAILING_RETRY_SECONDS = 0


class SenderRefusingSink(RecordingSink):
    """Refuses the sender address permanently until told otherwise."""

    def __init__(self):
        super().__init__()
        self.refuse_sender = True

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.refuse_sender:
            return "550 5.7.1 Sender address rejected: not owned by this account"
        envelope.mail_from = address
        return "250 OK"


@pytest.fixture
def refusing_sink(settings):
    handler = SenderRefusingSink()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield handler
    controller.stop()


def send_now(mailing):
    sending.schedule_mailing(None, mailing)
    return worker.send_mailing(mailing.pk)


def test_a_refused_sender_pauses_the_mailing_with_everyone_still_waiting(
    mailing, subscribe, refusing_sink
):
    for n in range(3):
        subscribe(f"leser{n}@example.org")
    assert send_now(mailing) == "paused"
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.PAUSED
    assert "550 5.7.1 Sender address rejected" in mailing.pause_reason
    assert mailing.paused_at is not None and mailing.lease_owner == ""
    # Nobody is marked failed for the server's refusal of the sender.
    assert set(mailing.recipients.values_list("status", "attempts")) == {("pending", 0)}
    assert AuditEntry.objects.filter(action="mailings.mailing.paused").exists()
    # `resume-mailings` leaves it alone: staff decide when the cause is fixed.
    assert sending.resume_stalled() == []


def test_staff_see_the_reason_and_resume_with_the_waiting_recipients(
    mailing, subscribe, refusing_sink, client_for, alice, django_capture_on_commit_callbacks
):
    for n in range(3):
        subscribe(f"leser{n}@example.org")
    send_now(mailing)
    page = client_for(alice).get(reverse("mailings:mailing_detail", args=[mailing.pk]))
    content = page.content.decode()
    assert "Sending is paused" in content and "Sender address rejected" in content
    assert reverse("mailings:mailing_resume", args=[mailing.pk]) in content

    refusing_sink.refuse_sender = False  # the operator fixed the relay's settings
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(alice).post(
            reverse("mailings:mailing_resume", args=[mailing.pk]), follow=True
        )
    assert "nobody gets it twice" in response.content.decode()
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.SENT and mailing.pause_reason == ""
    assert sorted(refusing_sink.recipients) == [f"leser{n}@example.org" for n in range(3)]
    assert AuditEntry.objects.filter(action="mailings.mailing.resumed", actor=alice).exists()


def test_an_unexpected_error_pauses_instead_of_leaving_the_mailing_sending(
    mailing, subscribe, smtp_sink, settings, client_for, alice, django_capture_on_commit_callbacks
):
    # A broken DKIM key: every message would fail the same way.
    settings.DKIM_SELECTOR, settings.DKIM_PRIVATE_KEY_FILE = "k2026", "/nonexistent/dkim.key"
    settings.DKIM_PRIVATE_KEY = ""
    subscribe("leser@example.org")
    assert send_now(mailing) == "paused"
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.PAUSED
    assert "ImproperlyConfigured" in mailing.pause_reason
    assert "dkim.key" in mailing.pause_reason
    assert smtp_sink.envelopes == []

    settings.DKIM_SELECTOR = settings.DKIM_PRIVATE_KEY_FILE = ""
    with django_capture_on_commit_callbacks(execute=True):
        client_for(alice).post(reverse("mailings:mailing_resume", args=[mailing.pk]))
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.SENT
    assert smtp_sink.recipients == ["leser@example.org"]


def test_only_a_paused_mailing_can_be_resumed(mailing, client_for, alice):
    response = client_for(alice).post(
        reverse("mailings:mailing_resume", args=[mailing.pk]), follow=True
    )
    assert "Only a paused mailing can be resumed." in response.content.decode()
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.DRAFT


def test_resuming_needs_a_post(mailing, client_for, alice):
    response = client_for(alice).get(reverse("mailings:mailing_resume", args=[mailing.pk]))
    assert response.status_code == 405


def test_a_paused_mailing_can_be_cancelled(mailing, subscribe, refusing_sink):
    subscribe("leser@example.org")
    send_now(mailing)
    sending.cancel_mailing(None, mailing)
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.CANCELLED
    assert set(mailing.recipients.values_list("skip_reason", flat=True)) == {"cancelled"}
