"""DKIM: every message handed to SMTP is signed when a key is configured, and verifies.

A key pair is made with dkimpy's own helper (dknewkey, which calls openssl); verification
uses `dkim.verify` with a resolver that answers the selector's TXT record, as a
receiving server's DNS would.
"""

import shutil
from pathlib import Path

import dkim
import pytest
from django.core.mail import EmailMultiAlternatives
from django.test import TestCase
from dkim import dknewkey

from knotenpunkt.outbox.dkim_signing import configured_signer
from knotenpunkt.outbox.models import OutgoingMail
from knotenpunkt.outbox.services import queue_mail
from knotenpunkt.outbox.transport import message_bytes
from tests.mail_checks import check_message

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("openssl"), reason="dknewkey needs the openssl tool"),
]


@pytest.fixture(scope="module")
def key_pair(tmp_path_factory) -> tuple[Path, bytes]:
    """(private key file, the TXT record to publish at <selector>._domainkey.<domain>)."""
    folder = tmp_path_factory.mktemp("dkim")
    private, record = folder / "k2026.key", folder / "k2026.dns"
    dknewkey.OPENSSL_BINARY = shutil.which("openssl")
    dknewkey.GenRSAKeys(str(private), verbose=False)
    dknewkey.ExtractRSADnsPublicKey(str(private), str(record), verbose=False)
    return private, record.read_bytes()


@pytest.fixture
def dkim_on(settings, key_pair):
    private, _record = key_pair
    settings.DEFAULT_FROM_EMAIL = "Knotenpunkt <noreply@cluster.example>"
    settings.DKIM_SELECTOR = "k2026"
    settings.DKIM_PRIVATE_KEY_FILE = str(private)
    settings.DKIM_PRIVATE_KEY = ""
    settings.DKIM_DOMAIN = ""


@pytest.fixture
def dns(key_pair):
    """A resolver answering only k2026._domainkey.cluster.example."""
    _private, record = key_pair

    def txt(name, timeout=5):
        return record if name == b"k2026._domainkey.cluster.example." else None

    return txt


def outbox_message() -> bytes:
    message = EmailMultiAlternatives(
        "Ihre Anmeldung: Künstliche Intelligenz 🚀",
        "Guten Tag Frau Müller,\n\nbis bald.\n",
        "Knotenpunkt <noreply@cluster.example>",
        ["mueller@example.org"],
    )
    message.attach_alternative("<p>Guten Tag Frau Müller</p>", "text/html")
    return message_bytes(message)


def test_a_signed_message_verifies_and_a_changed_subject_does_not(dkim_on, dns):
    signed = configured_signer().sign(outbox_message())
    assert signed.startswith(b"DKIM-Signature: ")
    assert dkim.verify(signed, dnsfunc=dns)
    check_message(signed)
    tampered = signed.replace(b"Subject: ", b"Subject: [Spam] ", 1)
    assert not dkim.verify(tampered, dnsfunc=dns)


def test_the_signature_is_relaxed_and_names_the_domain_and_selector(dkim_on):
    signature = configured_signer().signature(outbox_message()).replace(b"\r\n ", b" ")
    assert b"c=relaxed/relaxed" in signature
    assert b"d=cluster.example" in signature and b"s=k2026" in signature
    signed_headers = signature.split(b"h=")[1].split(b";")[0].replace(b" ", b"").split(b":")
    assert {b"from", b"to", b"subject", b"date", b"message-id"} <= set(signed_headers)


def test_the_key_may_come_from_the_environment_itself(settings, dkim_on, key_pair, dns):
    settings.DKIM_PRIVATE_KEY_FILE = ""
    settings.DKIM_PRIVATE_KEY = key_pair[0].read_text()
    assert dkim.verify(configured_signer().sign(outbox_message()), dnsfunc=dns)


def test_without_a_selector_and_key_nothing_is_signed(settings, smtp_sink):
    settings.DKIM_SELECTOR = settings.DKIM_PRIVATE_KEY_FILE = settings.DKIM_PRIVATE_KEY = ""
    assert configured_signer() is None
    with TestCase.captureOnCommitCallbacks(execute=True):
        queue_mail("password_reset", "a@example.org", {"reset_path": "/x/"})
    assert b"DKIM-Signature" not in smtp_sink.envelopes[0].original_content


def test_outbox_mails_leave_signed_over_smtp(dkim_on, dns, smtp_sink):
    with TestCase.captureOnCommitCallbacks(execute=True):
        queue_mail("password_reset", "a@example.org", {"reset_path": "/x/"})
    raw = smtp_sink.envelopes[0].original_content
    assert dkim.verify(raw, dnsfunc=dns)
    check_message(raw)


def test_mailings_sign_the_one_click_unsubscribe_headers(
    dkim_on,
    dns,
    settings,
    mailing,
    subscribe,
    smtp_sink,
):
    from knotenpunkt.mailings.services import sending, worker

    settings.MAILING_RATE_PER_SECOND = 0
    subscribe("leser@example.org")
    sending.schedule_mailing(None, mailing)
    assert worker.send_mailing(mailing.pk) == "sent"
    raw = smtp_sink.envelopes[0].original_content
    assert dkim.verify(raw, dnsfunc=dns)
    check_message(raw)
    head = raw.split(b"\r\n\r\n", 1)[0].replace(b"\r\n ", b" ").replace(b"\r\n\t", b" ")
    signed = head.split(b" h=")[1].split(b";")[0].replace(b" ", b"").split(b":")
    for name in (b"list-unsubscribe", b"list-unsubscribe-post", b"list-id", b"feedback-id"):
        assert name in signed
    # A relay that swapped the unsubscribe link would break the signature.
    swapped = raw.replace(b"/unsubscribe/", b"/unsubscribe/x", 1)
    assert swapped != raw and not dkim.verify(swapped, dnsfunc=dns)


def test_a_half_configuration_keeps_the_mail_queued_with_the_reason(settings, smtp_sink):
    settings.DKIM_SELECTOR, settings.DKIM_PRIVATE_KEY_FILE = "k2026", ""
    settings.DKIM_PRIVATE_KEY = ""
    with TestCase.captureOnCommitCallbacks(execute=True):
        mail = queue_mail("password_reset", "a@example.org", {"reset_path": "/x/"})
    mail.refresh_from_db()
    assert mail.status == OutgoingMail.Status.QUEUED
    assert "DKIM needs both" in mail.last_error
    assert smtp_sink.envelopes == []


def test_an_unreadable_key_file_is_named_in_the_error(settings, tmp_path):
    settings.DKIM_SELECTOR = "k2026"
    settings.DKIM_PRIVATE_KEY = ""
    settings.DKIM_PRIVATE_KEY_FILE = str(tmp_path / "missing.key")
    (tmp_path / "broken.key").write_text("not a key")
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="missing.key"):
        configured_signer()
    settings.DKIM_PRIVATE_KEY_FILE = str(tmp_path / "broken.key")
    with pytest.raises(ImproperlyConfigured, match="no RSA private key"):
        configured_signer()
