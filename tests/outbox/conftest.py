"""The mailing tests' SMTP sink and mailing fixtures, for the outbox's checks of every
kind of message on the wire (test_message_conformance.py, test_dkim.py)."""

from tests.mailings.conftest import mailing, newsletter, smtp_sink, subscribe  # noqa: F401
