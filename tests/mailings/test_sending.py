"""Sending a mailing: consent at send time, personalisation, SMTP, retries, cancelling."""

import datetime
import email
import email.policy

import pytest
from django.core import mail as django_mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from knotenpunkt.directory.models import PersonEmail
from knotenpunkt.mailings.models import Mailing, Segment
from knotenpunkt.mailings.services import compose, sending, worker
from knotenpunkt.mailings.services.subscriptions import unsubscribe
from knotenpunkt.outbox.models import OutgoingMail
from tests.factories import OrganisationFactory, PositionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def unthrottled(settings):
    settings.MAILING_RATE_PER_SECOND = 0
    settings.MAILING_RETRY_SECONDS = 0


def send_now(mailing, user=None):
    sending.schedule_mailing(user, mailing)
    return worker.send_mailing(mailing.pk)


def parsed(envelope):
    return email.message_from_bytes(envelope.original_content, policy=email.policy.default)


def parts(message):
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    return text, html


# --- who gets it -----------------------------------------------------------------------------


def test_every_active_subscriber_gets_exactly_one_mail(mailing, subscribe):
    for i in range(3):
        subscribe(f"leser{i}@example.org")
    assert send_now(mailing) == "sent"
    assert sorted(m.to[0] for m in django_mail.outbox) == [
        "leser0@example.org",
        "leser1@example.org",
        "leser2@example.org",
    ]
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.SENT
    assert sending.progress(mailing).sent == 3


def test_pending_and_unsubscribed_people_get_nothing(mailing, subscribe, newsletter):
    subscribe("aktiv@example.org")
    pending = subscribe("offen@example.org")
    pending.subscriptions.update(status="pending")
    gone = subscribe("weg@example.org")
    unsubscribe(gone, newsletter)
    send_now(mailing)
    assert [m.to[0] for m in django_mail.outbox] == ["aktiv@example.org"]


def test_the_target_group_narrows_the_list(mailing, subscribe, cluster):
    cio = subscribe("cio@example.org")
    subscribe("andere@example.org")
    PositionFactory(person=cio, function="cio")
    mailing.segment = Segment.objects.create(
        cluster=cluster, name="CIOs", definition={"field": "function", "op": "in", "value": ["cio"]}
    )
    mailing.save()
    assert sending.recipients_count(mailing) == 1
    send_now(mailing)
    assert [m.to[0] for m in django_mail.outbox] == ["cio@example.org"]


def test_an_unsubscribe_stops_a_mailing_already_under_way(mailing, subscribe, newsletter):
    stays = subscribe("bleibt@example.org")
    leaves = subscribe("geht@example.org")
    sending.schedule_mailing(None, mailing)
    # Sending has started (the outbox is written) when the one-click unsubscribe arrives.
    worker._start(mailing.pk)
    assert mailing.recipients.count() == 2
    unsubscribe(leaves, newsletter, source="one-click")
    worker.send_mailing(mailing.pk)
    assert [m.to[0] for m in django_mail.outbox] == ["bleibt@example.org"]
    skipped = mailing.recipients.get(person=leaves)
    assert (skipped.status, skipped.skip_reason) == ("skipped", "unsubscribed")
    assert mailing.recipients.get(person=stays).status == "sent"


def test_a_bouncing_address_is_not_mailed(mailing, subscribe):
    subscribe("gut@example.org")
    bad = subscribe("kaputt@example.org")
    PersonEmail.objects.filter(person=bad).update(deliverability="bouncing")
    assert sending.recipients_count(mailing) == 1
    send_now(mailing)
    assert [m.to[0] for m in django_mail.outbox] == ["gut@example.org"]


def test_an_erased_person_is_never_mailed(mailing, subscribe):
    from knotenpunkt.privacy.services import erase_person

    subscribe("bleibt@example.org")
    erase_person(None, subscribe("loeschen@example.org"))
    send_now(mailing)
    assert [m.to[0] for m in django_mail.outbox] == ["bleibt@example.org"]


# --- what they get ---------------------------------------------------------------------------


def test_each_mail_is_personalised_and_has_one_click_unsubscribe(mailing, subscribe):
    person = subscribe(
        "weber@example.org", salutation="ms", title="Dr.", first_name="Inga", last_name="Weber"
    )
    PositionFactory(person=person, organisation=OrganisationFactory(name="Nordlicht GmbH"))
    send_now(mailing)
    (message,) = django_mail.outbox
    assert "Sehr geehrte Frau Dr. Weber," in message.body
    assert "Nordlicht GmbH" in message.body
    html = message.alternatives[0][0]
    assert "Sehr geehrte Frau Dr. Weber," in html and "Nordlicht GmbH" in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/mailings/unsubscribe/" in message.extra_headers["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe"].strip("<>") in message.body


def test_names_cannot_inject_markup_into_the_html(mailing, subscribe):
    subscribe("x@example.org", first_name="<b>Evil</b>", last_name="<script>x</script>")
    send_now(mailing)
    html = django_mail.outbox[0].alternatives[0][0]
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html


@pytest.mark.parametrize(
    ("fields", "formal", "expected"),
    [
        ({"salutation": "ms", "title": "", "last_name": "Weber"}, True, "Sehr geehrte Frau Weber,"),
        (
            {"salutation": "mr", "title": "", "last_name": "Jensen"},
            True,
            "Sehr geehrter Herr Jensen,",
        ),
        (
            {"salutation": "ms", "title": "Prof. Dr.", "last_name": "Weber"},
            True,
            "Sehr geehrte Frau Prof. Dr. Weber,",
        ),
        (
            {"salutation": "mr", "title": "Dr.", "last_name": "Jensen"},
            True,
            "Sehr geehrter Herr Dr. Jensen,",
        ),
        (
            {"salutation": "none", "title": "", "first_name": "Kim", "last_name": "Lorenz"},
            True,
            "Guten Tag Kim Lorenz,",
        ),
        ({"salutation": "ms", "first_name": "Inga", "last_name": "Weber"}, False, "Liebe Inga,"),
        ({"salutation": "mr", "first_name": "Ole", "last_name": "Jensen"}, False, "Lieber Ole,"),
        ({"salutation": "none", "first_name": "Kim", "last_name": "Lorenz"}, False, "Hallo Kim,"),
        (
            {"salutation": "mr", "first_name": "", "last_name": ""},
            True,
            "Sehr geehrte Damen und Herren,",
        ),
    ],
)
def test_german_salutations_follow_the_forms_of_german_letters(fields, formal, expected):
    from knotenpunkt.directory.models import Person

    person = Person(**{"first_name": "X", "title": "", **fields})
    with translation.override("de"):
        assert compose.salutation(person, formal) == expected


def test_smtp_messages_decode_to_exactly_the_personalised_mailing(mailing, subscribe, smtp_sink):
    person = subscribe("mueller@example.org", first_name="Jörg", last_name="Müller")
    send_now(mailing)
    (envelope,) = smtp_sink.envelopes
    message = parsed(envelope)
    assert envelope.rcpt_tos == ["mueller@example.org"]
    assert message["To"] == "Jörg Müller <mueller@example.org>"
    assert message["Subject"] == "Neues aus dem Cluster"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text, html = parts(message)
    with translation.override("de"):
        values = compose.personal_values(person, True, "", mailing.mailing_list)
    expected_html, expected_text = compose.render_mailing(mailing).personalise(values)
    assert text.replace("\r\n", "\n") == expected_text
    assert html.replace("\r\n", "\n") == expected_html.replace("\r\n", "\n")
    # Nothing but ASCII on the wire; body lines within quoted-printable's 76 characters
    # (RFC 2045), header lines within RFC 5322's 998 (a long unsubscribe URL cannot fold).
    raw = envelope.original_content
    assert raw.isascii()
    head, body = raw.split(b"\r\n\r\n", 1)
    assert max(len(line) for line in body.split(b"\r\n")) <= 76
    assert max(len(line) for line in head.split(b"\r\n")) <= 998


def test_the_html_is_inlined_and_carries_the_cluster_branding(mailing, subscribe, cluster):
    cluster.brand_colour = "#aa3300"
    cluster.save()
    subscribe("x@example.org")
    html, _text = compose.preview(mailing)
    assert 'style="' in html and "#aa3300" in html
    assert "<h2" in html and "Förderung" in html


# --- SMTP: refusals, retries, bounces --------------------------------------------------------


class RefusingSink:
    """Refuses some recipients: permanently (550) or once with 'try again later' (451)."""

    def __init__(self, permanent=(), once=()):
        self.permanent, self.once = set(permanent), set(once)
        self.refused_once = set()
        self.delivered = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.permanent:
            return "550 5.1.1 User unknown"
        if address in self.once and address not in self.refused_once:
            self.refused_once.add(address)
            return "451 4.7.1 Greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.delivered.extend(envelope.rcpt_tos)
        return "250 OK"


@pytest.fixture
def refusing_sink(settings):
    from aiosmtpd.controller import Controller

    from tests.mailings.conftest import free_port

    handler = RefusingSink(permanent={"unbekannt@example.org"}, once={"grau@example.org"})
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield handler
    controller.stop()


def test_greylisted_addresses_are_retried_and_unknown_ones_marked_bouncing(
    mailing, subscribe, refusing_sink
):
    subscribe("ok@example.org")
    subscribe("grau@example.org")
    unknown = subscribe("unbekannt@example.org")
    assert send_now(mailing) == "sent"
    assert sorted(refusing_sink.delivered) == ["grau@example.org", "ok@example.org"]
    failed = mailing.recipients.get(person=unknown)
    assert failed.status == "failed" and "550" in failed.last_error
    assert unknown.emails.get().deliverability == PersonEmail.Deliverability.BOUNCING
    state = sending.progress(mailing)
    assert (state.sent, state.failed, state.pending) == (2, 1, 0)


def test_an_unreachable_server_interrupts_the_mailing_for_a_later_retry_without_losing_anyone(
    mailing, subscribe, settings, monkeypatch
):
    from tests.mailings.conftest import free_port

    monkeypatch.setattr(worker.time, "sleep", lambda seconds: None)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 2
    for i in range(3):
        subscribe(f"leser{i}@example.org")
    assert send_now(mailing) == "interrupted"
    mailing.refresh_from_db()
    # A lost connection is worth retrying: still "sending", free for `resume-mailings`.
    assert mailing.status == Mailing.Status.SENDING
    assert mailing.lease_owner == ""
    assert not mailing.recipients.filter(status="sent").exists()
    assert "Connection refused" in mailing.recipients.first().last_error


# --- scheduling, cancelling, the lease --------------------------------------------------------


def test_a_mailing_scheduled_for_later_is_not_sent_early(mailing, subscribe):
    subscribe("x@example.org")
    later = timezone.now() + datetime.timedelta(hours=2)
    sending.schedule_mailing(None, mailing, later)
    assert worker.send_mailing(mailing.pk) == "not due"
    assert sending.resume_stalled() == []
    assert django_mail.outbox == []


def test_resume_stalled_sends_a_due_mailing(mailing, subscribe, django_capture_on_commit_callbacks):
    subscribe("x@example.org")
    sending.schedule_mailing(None, mailing, timezone.now() + datetime.timedelta(minutes=5))
    Mailing.objects.filter(pk=mailing.pk).update(scheduled_for=timezone.now())
    assert sending.resume_stalled() == [mailing]
    assert [m.to[0] for m in django_mail.outbox] == ["x@example.org"]


def test_a_second_worker_leaves_a_mailing_alone_while_the_first_holds_it(mailing, subscribe):
    subscribe("x@example.org")
    sending.schedule_mailing(None, mailing)
    assert worker._take_lease(mailing.pk, "worker-a")
    assert worker.send_mailing(mailing.pk) == "busy"
    assert django_mail.outbox == []


def test_a_cancelled_mailing_sends_nothing_more(mailing, subscribe):
    subscribe("a@example.org")
    subscribe("b@example.org")
    sending.schedule_mailing(None, mailing)
    worker._start(mailing.pk)
    sending.cancel_mailing(None, mailing)
    assert worker.send_mailing(mailing.pk) == "busy"
    assert django_mail.outbox == []
    assert set(mailing.recipients.values_list("skip_reason", flat=True)) == {"cancelled"}


def test_a_sent_mailing_cannot_be_scheduled_again(mailing, subscribe):
    subscribe("x@example.org")
    send_now(mailing)
    with pytest.raises(ValidationError, match="already been sent"):
        sending.schedule_mailing(None, mailing)


def test_a_mailing_without_content_cannot_be_sent(mailing):
    mailing.blocks.all().delete()
    with pytest.raises(ValidationError, match="content block"):
        sending.schedule_mailing(None, mailing)


def test_a_sending_time_in_the_past_is_refused(mailing):
    with pytest.raises(ValidationError, match="past"):
        sending.schedule_mailing(None, mailing, timezone.now() - datetime.timedelta(days=1))
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.DRAFT


def test_a_test_send_goes_through_the_outbox_marked_as_test(mailing, subscribe, alice):
    count = sending.send_test(alice, mailing, ["pruefer@example.org", "chefin@example.org"])
    assert count == 2
    mails = OutgoingMail.objects.filter(kind="mailing_test").order_by("to")
    assert [m.to for m in mails] == ["chefin@example.org", "pruefer@example.org"]
    assert mails[0].subject == "[Test] Neues aus dem Cluster"
    assert not mailing.recipients.exists()
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.DRAFT


def test_a_test_send_to_too_many_addresses_is_refused(mailing, alice):
    with pytest.raises(ValidationError, match="at most 10"):
        sending.send_test(alice, mailing, [f"p{i}@example.org" for i in range(11)])


# --- engagement counting --------------------------------------------------------------------


def test_without_counting_the_mail_has_no_counting_links(mailing, subscribe):
    html, _ = compose.render_mailing(mailing).personalise(compose.sample_values(mailing))
    assert "/t/" not in html and "https://example.org/foerderung" in html


def test_with_counting_links_go_through_the_counter_and_a_pixel_counts_opens(mailing):
    mailing.track_engagement = True
    mailing.save()
    html, _ = compose.render_mailing(mailing).personalise(compose.sample_values(mailing))
    assert "https://example.org/foerderung" not in html
    assert mailing.links.get().url == "https://example.org/foerderung"
    assert 'width="1" height="1"' in html


def test_the_count_shown_before_sending_is_who_gets_the_mail(mailing, subscribe):
    subscribe("primaer@example.org")
    unflagged = subscribe("ohne-markierung@example.org")
    unflagged.emails.update(is_primary=False)  # an address never marked primary
    bouncing = subscribe("kaputt@example.org")
    bouncing.emails.update(deliverability="bouncing")
    assert sending.recipients_count(mailing) == 2
    send_now(mailing)
    assert sorted(m.to[0] for m in django_mail.outbox) == [
        "ohne-markierung@example.org",
        "primaer@example.org",
    ]
