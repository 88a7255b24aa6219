"""Mailing messages on the wire: CRLF-only, RFC 2047 headers for any subject, sender,
recipient and list name, an ASCII List-Id, and a Feedback-ID (issue 14's defects).

Each message goes through the real send path (worker, skeleton, SMTP transport) into the
local sink; `tests.mail_checks.check_message` reads the bytes the sink received.
"""

import re

import pytest
from django.core import mail as django_mail

from knotenpunkt.mailings.models import Mailing, MailingList
from knotenpunkt.mailings.services import sending, worker
from knotenpunkt.mailings.services.wire import list_identifier
from tests.mail_checks import BARE_CR_OR_LF, check_message, decoded, display_names

pytestmark = pytest.mark.django_db

LONG_SUBJECT = (
    "Newsletter für Mitglieder 🚀 — Ausgabe Dezember: Künstliche Intelligenz, "
    "Förderprogramme und Veranstaltungen im Überblick"
)


@pytest.fixture(autouse=True)
def unthrottled(settings):
    settings.MAILING_RATE_PER_SECOND = 0
    settings.MAILING_RETRY_SECONDS = 0


def send_now(mailing):
    sending.schedule_mailing(None, mailing)
    return worker.send_mailing(mailing.pk)


def raw_messages(sink) -> list[bytes]:
    return [envelope.original_content for envelope in sink.envelopes]


def test_a_long_non_ascii_subject_is_folded_with_crlf_only(mailing, subscribe, smtp_sink):
    mailing.subject = LONG_SUBJECT
    mailing.save()
    subscribe("leser@example.org")
    assert send_now(mailing) == "sent"
    (raw,) = raw_messages(smtp_sink)
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert not BARE_CR_OR_LF.search(head)
    subject_lines = re.search(rb"^Subject:.*?(?=\r\n\S)", head, re.M | re.S).group()
    assert subject_lines.count(b"\r\n ") >= 1  # folded, with CRLF
    check_message(raw, expected={"Subject": LONG_SUBJECT})


def test_a_list_named_with_an_umlaut_is_sent_with_an_ascii_list_id(
    mailing, subscribe, smtp_sink, cluster
):
    # The defect: "Newsletter für Mitglieder" raised UnicodeEncodeError in List-Id and
    # the mailing stayed "sending" with every recipient pending.
    mailing.mailing_list.name = "Newsletter für Mitglieder"
    mailing.mailing_list.save()
    for n in range(3):
        subscribe(f"leser{n}@example.org")
    assert send_now(mailing) == "sent"
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.SENT
    assert sending.progress(mailing).sent == 3
    for raw in raw_messages(smtp_sink):
        message = check_message(raw)
        list_id = str(message["List-Id"])
        raw_list_id = re.search(rb"^List-Id:(.*?)\r\n(?!\s)", raw, re.M | re.S).group(1)
        identifier = re.search(rb"<([^>]*)>", raw_list_id).group(1).decode("ascii")
        assert identifier == "newsletter.diwish.knotenpunkt.local"
        assert re.fullmatch(r"[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+", identifier)
        assert list_id.startswith("Newsletter für Mitglieder")


def test_names_with_umlauts_and_emoji_survive_in_from_to_and_list_id(
    mailing, subscribe, smtp_sink, cluster
):
    cluster.name = "Förderverein Künstliche Intelligenz, Schleswig-Holstein 🚀 e.V."
    cluster.save()
    mailing.mailing_list.name = LONG_SUBJECT
    mailing.mailing_list.save()
    mailing.subject = LONG_SUBJECT
    mailing.save()
    subscribe("zoe@example.org", first_name="Zoë 🚀", last_name="Ångström-Müller, geb. Weiß")
    send_now(mailing)
    (raw,) = raw_messages(smtp_sink)
    message = check_message(
        raw,
        expected={
            "Subject": LONG_SUBJECT,
            "List-Id": f"{LONG_SUBJECT} <newsletter.diwish.knotenpunkt.local>",
        },
    )
    assert display_names(message, "From") == [cluster.name]
    assert display_names(message, "To") == ["Zoë 🚀 Ångström-Müller, geb. Weiß"]
    assert message["To"].addresses[0].addr_spec == "zoe@example.org"


def test_every_mailing_message_carries_a_feedback_id(mailing, subscribe, smtp_sink, cluster):
    subscribe("leser@example.org")
    send_now(mailing)
    (raw,) = raw_messages(smtp_sink)
    message = check_message(raw)
    assert message["Feedback-ID"] == f"{mailing.pk}:diwish:newsletter:knotenpunkt"


def test_provider_backends_get_the_list_id_and_feedback_id_too(mailing, subscribe):
    # Without SMTP (django-anymail, the console) the mail library encodes the headers.
    mailing.mailing_list.name = "Newsletter für Mitglieder"
    mailing.mailing_list.save()
    subscribe("leser@example.org")
    assert send_now(mailing) == "sent"
    (message,) = django_mail.outbox
    assert message.extra_headers["Feedback-ID"] == f"{mailing.pk}:diwish:newsletter:knotenpunkt"
    list_id = message.extra_headers["List-Id"]
    assert list_id.isascii() and "\n" not in list_id
    assert decoded(list_id) == "Newsletter für Mitglieder <newsletter.diwish.knotenpunkt.local>"


def test_a_short_address_with_other_characters_gives_way_to_the_lists_id(cluster):
    mailing_list = MailingList.objects.create(cluster=cluster, name="Fördern", slug="fördern")
    identifier = list_identifier(mailing_list.slug, mailing_list.pk, "diwish", "bücher.example")
    assert identifier == f"list-{mailing_list.pk}.diwish.xn--bcher-kva.example"


def test_the_strict_check_refuses_the_old_fold_with_a_bare_lf():
    from email.header import Header

    # What wire.encode_header produced before: Header.encode() folds with "\n".
    old_fold = Header(LONG_SUBJECT, "utf-8").encode()
    raw = f"From: a@example.org\r\nSubject: {old_fold}\r\n\r\nText\r\n".encode("ascii")
    with pytest.raises(AssertionError, match="bare CR or LF"):
        check_message(raw)
