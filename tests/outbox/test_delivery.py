"""Mail leaves over real SMTP into a local sink (aiosmtpd), exactly once."""

import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Sink
from django.test import override_settings

from knotenpunkt.outbox.models import OutgoingMail
from knotenpunkt.outbox.services import deliver, queue_mail


class RecordingSink(Sink):
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_sink():
    handler = RecordingSink()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, handler
    controller.stop()


@pytest.mark.django_db
def test_confirmation_mail_goes_out_over_smtp_once(smtp_sink, django_capture_on_commit_callbacks):
    controller, handler = smtp_sink
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=controller.port,
        EMAIL_USE_TLS=False,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
    ):
        with django_capture_on_commit_callbacks(execute=True):
            mail = queue_mail(
                "confirm_email",
                "jana@example.org",
                {"name": "Jana", "confirm_path": "/x/", "valid_days": 3},
            )
        # A second delivery attempt (a retried task) must not send it again.
        assert deliver(mail.pk) == OutgoingMail.Status.SENT
    assert len(handler.messages) == 1
    envelope = handler.messages[0]
    assert envelope.rcpt_tos == ["jana@example.org"]
    body = envelope.content.decode()
    assert "text/plain" in body and "text/html" in body
    mail.refresh_from_db()
    assert mail.status == "sent" and mail.sent_at is not None


@pytest.mark.django_db
def test_unreachable_smtp_server_keeps_mail_queued_with_the_error():
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=free_port(),
        EMAIL_TIMEOUT=2,
    ):
        mail = queue_mail(
            "confirm_email",
            "jana@example.org",
            {"name": "Jana", "confirm_path": "/x/", "valid_days": 3},
        )
        assert deliver(mail.pk) == OutgoingMail.Status.QUEUED
    mail.refresh_from_db()
    assert mail.attempts == 1 and mail.last_error
