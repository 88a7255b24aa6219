"""Bounces: DSN mails from the bounce mailbox, provider webhooks, suppressing addresses."""

import base64
import datetime
import hashlib
import hmac
import io
import json
import mailbox
import socket

import pytest
from django.core import mail as django_mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.directory.models import PersonEmail
from knotenpunkt.mailings.models import Bounce, MailingRecipient, Subscription
from knotenpunkt.mailings.services import bounces, sending, worker
from knotenpunkt.privacy.models import Consent
from knotenpunkt.privacy.services import erase_person, export_person_data
from tests.factories import PersonEmailFactory, PersonFactory
from tests.mailings.bounce_mails import (
    EXIM_USER_UNKNOWN,
    OUT_OF_OFFICE,
    POSTFIX_MAILBOX_FULL_DELAYED,
    POSTFIX_USER_UNKNOWN,
    bounce,
)
from tests.mailings.imap_server import ImapServer, Mailbox

pytestmark = pytest.mark.django_db

WEBHOOK_SECRET = "postmark:webhook-geheimnis"
MAILGUN_SIGNING_KEY = "key-mailgun-signing-test"


@pytest.fixture
def sent_to(mailing):
    """A recipient of `mailing` whose mail went out; returns it and its Message-ID."""

    def make(person, address):
        recipient = MailingRecipient.objects.create(
            mailing=mailing,
            person=person,
            email=address,
            status=MailingRecipient.Status.SENT,
            sent_at=timezone.now(),
        )
        return recipient, bounces.make_message_id(mailing.pk, recipient.pk, "knotenpunkt.example")

    return make


def deliverability(address: str) -> str:
    return PersonEmail.objects.get(address__iexact=address).deliverability


# --- Message-IDs of our mails ----------------------------------------------------------------


def test_a_message_id_names_its_mailing_and_recipient():
    message_id = bounces.make_message_id(12, 345, "knotenpunkt.example")

    assert message_id.startswith("<knp.12.345.")
    assert message_id.endswith("@knotenpunkt.example>")
    assert bounces.parse_message_id(message_id) == (12, 345)


def test_a_message_id_with_a_changed_recipient_is_not_accepted():
    forged = bounces.make_message_id(12, 345, "knotenpunkt.example").replace(".345.", ".346.")

    assert bounces.parse_message_id(forged) is None


@pytest.mark.parametrize(
    "message_id",
    ["", None, "<20261124.4F1A22C0123@mail.example>", "<knp.1.2.zz@knotenpunkt.example>"],
)
def test_foreign_message_ids_name_no_recipient(message_id):
    assert bounces.parse_message_id(message_id) is None


def test_a_message_id_made_before_a_key_rotation_still_names_its_recipient(settings):
    message_id = bounces.make_message_id(7, 8, "knotenpunkt.example")
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-after-rotation-" + "x" * 30

    assert bounces.parse_message_id(message_id) == (7, 8)


# --- recording a bounce ----------------------------------------------------------------------


def test_a_permanent_bounce_marks_every_copy_of_the_address_bouncing_whatever_its_case():
    PersonEmailFactory(address="Jens.Jansen@nordlicht.example")
    PersonEmailFactory(address="jens.jansen@nordlicht.example")
    other = PersonEmailFactory(address="info@nordlicht.example")

    bounces.record_bounce("JENS.jansen@nordlicht.example", True, source="test")

    assert set(PersonEmail.objects.values_list("address", "deliverability")) == {
        ("Jens.Jansen@nordlicht.example", "bouncing"),
        ("jens.jansen@nordlicht.example", "bouncing"),
        ("info@nordlicht.example", "valid"),
    }
    assert PersonEmail.objects.exclude(pk=other.pk).filter(bounced_at__isnull=True).count() == 0


def test_a_permanent_bounce_is_kept_with_its_reason():
    PersonEmailFactory(address="jens.jansen@nordlicht.example")

    bounces.record_bounce(
        "Jens.Jansen@nordlicht.example",
        True,
        diagnostic="550 5.1.1 User unknown",
        source="mailbox: pipe",
    )

    bounce_row = Bounce.objects.get()
    assert bounce_row.address == "jens.jansen@nordlicht.example"
    assert bounce_row.permanent and bounce_row.suppressed
    assert bounce_row.diagnostic == "550 5.1.1 User unknown"
    assert bounce_row.source == "mailbox: pipe"


def test_suppressing_an_address_is_written_to_the_persons_audit_log():
    email = PersonEmailFactory(address="jens.jansen@nordlicht.example")

    bounces.record_bounce("jens.jansen@nordlicht.example", True, source="mailbox: imap")

    entry = AuditEntry.objects.get(action="mailings.address.bouncing")
    assert entry.target_id == str(email.person_id)
    assert entry.data["source"] == "mailbox: imap"


def test_a_temporary_failure_leaves_the_address_as_it_is():
    PersonEmailFactory(address="maria.mueller@example.com")

    bounces.record_bounce("maria.mueller@example.com", False, source="test")

    assert deliverability("maria.mueller@example.com") == "valid"
    assert Bounce.objects.get().suppressed is False


def test_the_third_temporary_failure_within_30_days_counts_as_permanent():
    PersonEmailFactory(address="maria.mueller@example.com")
    start = datetime.datetime(2026, 11, 1, 9, 0, tzinfo=datetime.UTC)
    for day in (0, 10, 20):
        with freeze_time(start + datetime.timedelta(days=day)):
            bounces.record_bounce("maria.mueller@example.com", False, source="test")
        if day < 20:
            assert deliverability("maria.mueller@example.com") == "valid"

    assert deliverability("maria.mueller@example.com") == "bouncing"
    assert list(Bounce.objects.order_by("occurred_at").values_list("suppressed", flat=True)) == [
        False,
        False,
        True,
    ]


def test_temporary_failures_older_than_30_days_are_not_counted():
    PersonEmailFactory(address="maria.mueller@example.com")
    start = datetime.datetime(2026, 10, 1, 9, 0, tzinfo=datetime.UTC)
    for day in (0, 25, 40):
        with freeze_time(start + datetime.timedelta(days=day)):
            bounces.record_bounce("maria.mueller@example.com", False, source="test")

    assert deliverability("maria.mueller@example.com") == "valid"


def test_an_address_staff_marked_valid_again_needs_three_new_temporary_failures():
    email = PersonEmailFactory(address="maria.mueller@example.com")
    for _ in range(3):
        bounces.record_bounce("maria.mueller@example.com", False, source="test")
    PersonEmail.objects.filter(pk=email.pk).update(deliverability="valid")

    bounces.record_bounce("maria.mueller@example.com", False, source="test")

    assert deliverability("maria.mueller@example.com") == "valid"


def test_the_same_report_read_twice_counts_once():
    PersonEmailFactory(address="maria.mueller@example.com")
    for _ in range(3):
        bounces.record_bounce(
            "maria.mueller@example.com", False, source="test", report_id="<dsn-1@mx.example>"
        )

    assert Bounce.objects.count() == 1
    assert deliverability("maria.mueller@example.com") == "valid"


def test_a_bounce_for_an_address_nobody_has_is_not_kept():
    assert bounces.record_bounce("stranger@example.net", True, source="test") is None
    assert not Bounce.objects.exists()


def test_a_bounce_with_our_message_id_marks_the_recipient_and_keeps_it_sent(subscribe, sent_to):
    person = subscribe("jens.jansen@nordlicht.example")
    recipient, message_id = sent_to(person, "jens.jansen@nordlicht.example")

    bounce_row = bounces.record_bounce(
        "jens.jansen@nordlicht.example", True, message_id=message_id, source="test"
    )

    recipient.refresh_from_db()
    assert bounce_row.recipient == recipient
    assert recipient.bounced_at is not None
    assert recipient.status == MailingRecipient.Status.SENT


# --- bounce mails ----------------------------------------------------------------------------


def test_a_postfix_user_unknown_dsn_suppresses_the_address(subscribe, sent_to):
    person = subscribe("jens.jansen@nordlicht.example")
    recipient, message_id = sent_to(person, "jens.jansen@nordlicht.example")

    recorded = bounces.process_bounce_message(bounce(POSTFIX_USER_UNKNOWN, message_id))

    assert [(b.address, b.permanent, b.recipient_id) for b in recorded] == [
        ("jens.jansen@nordlicht.example", True, recipient.pk)
    ]
    assert recorded[0].diagnostic.startswith("5.1.1 smtp; 550 5.1.1")
    assert "User unknown in virtual mailbox table" in recorded[0].diagnostic
    assert deliverability("jens.jansen@nordlicht.example") == "bouncing"
    recipient.refresh_from_db()
    assert recipient.bounced_at is not None


def test_an_exim_bounce_suppresses_the_address_and_finds_the_quoted_original(subscribe, sent_to):
    person = subscribe("lena.lorenz@example.net")
    recipient, message_id = sent_to(person, "lena.lorenz@example.net")

    recorded = bounces.process_bounce_message(bounce(EXIM_USER_UNKNOWN, message_id))

    assert [(b.address, b.permanent, b.recipient_id) for b in recorded] == [
        ("lena.lorenz@example.net", True, recipient.pk)
    ]
    assert recorded[0].diagnostic.startswith("550 5.1.1 <lena.lorenz@example.net>")
    assert deliverability("lena.lorenz@example.net") == "bouncing"


def test_a_mailbox_full_warning_is_recorded_as_temporary_and_suppresses_nothing(subscribe, sent_to):
    person = subscribe("maria.mueller@example.com")
    recipient, message_id = sent_to(person, "maria.mueller@example.com")

    recorded = bounces.process_bounce_message(bounce(POSTFIX_MAILBOX_FULL_DELAYED, message_id))

    assert [(b.address, b.permanent, b.suppressed) for b in recorded] == [
        ("maria.mueller@example.com", False, False)
    ]
    assert recorded[0].diagnostic.startswith("4.2.2 smtp; 452 4.2.2")
    assert deliverability("maria.mueller@example.com") == "valid"
    recipient.refresh_from_db()
    assert recipient.bounced_at is None


def test_an_out_of_office_reply_is_ignored_and_changes_nothing(subscribe, sent_to):
    person = subscribe("maria.mueller@example.com")
    recipient, message_id = sent_to(person, "maria.mueller@example.com")

    assert bounces.process_bounce_message(bounce(OUT_OF_OFFICE, message_id)) == []

    assert not Bounce.objects.exists()
    assert deliverability("maria.mueller@example.com") == "valid"
    recipient.refresh_from_db()
    assert recipient.bounced_at is None


def test_a_bounced_subscriber_is_left_out_of_the_next_mailing(mailing, subscribe, newsletter):
    from knotenpunkt.mailings.models import Mailing, MailingBlock

    subscribe("jens.jansen@nordlicht.example")
    subscribe("lena.lorenz@example.net")
    sending.schedule_mailing(None, mailing)
    worker.send_mailing(mailing.pk)
    sent = {m.to[0]: m.extra_headers["Message-ID"] for m in django_mail.outbox}

    bounces.process_bounce_message(
        bounce(POSTFIX_USER_UNKNOWN, sent["jens.jansen@nordlicht.example"])
    )

    assert sending.progress(mailing).bounced == 1
    next_mailing = Mailing.objects.create(
        cluster=mailing.cluster, mailing_list=newsletter, subject="Dezember"
    )
    MailingBlock.objects.create(mailing=next_mailing, text="Frohes Fest")
    assert sending.recipients_count(next_mailing) == 1
    django_mail.outbox.clear()
    sending.schedule_mailing(None, next_mailing)
    worker.send_mailing(next_mailing.pk)
    assert [m.to[0] for m in django_mail.outbox] == ["lena.lorenz@example.net"]


# --- process-bounces -------------------------------------------------------------------------


def run(*args, **options) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("process_bounces", *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_one_bounce_piped_in_by_the_mail_server_is_processed():
    PersonEmailFactory(address="jens.jansen@nordlicht.example")

    out, _err = run("-", stdin=io.BytesIO(bounce(POSTFIX_USER_UNKNOWN)))

    assert "1 processed: 1 bounces recorded, 0 ignored" in out
    assert deliverability("jens.jansen@nordlicht.example") == "bouncing"
    assert Bounce.objects.get().source == "mailbox: pipe"


def test_a_piped_mail_that_cannot_be_read_makes_the_mail_server_keep_it():
    with pytest.raises(CommandError) as error:
        run("-", stdin=io.BytesIO(b"\x00\x01 garbage without any header\r\n"))

    assert error.value.returncode == 75


def test_the_command_needs_exactly_one_source(tmp_path):
    with pytest.raises(CommandError, match="exactly one"):
        run()
    with pytest.raises(CommandError, match="exactly one"):
        run("--mbox", str(tmp_path / "a"), "--imap")


def test_a_missing_mailbox_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No mailbox at"):
        run("--mbox", str(tmp_path / "missing.mbox"))


def write_mbox(path, *mails: bytes) -> None:
    box = mailbox.mbox(str(path))
    for raw in mails:
        box.add(raw)
    box.flush()
    box.close()


def test_an_mbox_is_read_and_emptied_of_what_was_processed(tmp_path):
    PersonEmailFactory(address="jens.jansen@nordlicht.example")
    PersonEmailFactory(address="maria.mueller@example.com")
    path = tmp_path / "bounces.mbox"
    garbage = b"\x00\x01 garbage without any header\r\n"
    write_mbox(path, bounce(POSTFIX_USER_UNKNOWN), bounce(OUT_OF_OFFICE), garbage)

    out, err = run("--mbox", str(path))

    assert "2 processed: 1 bounces recorded, 1 ignored" in out
    assert "1 could not be read" in out
    assert "could not be read" in err
    left = mailbox.mbox(str(path))
    assert [m.get_payload() for m in left] == [garbage.decode()]
    assert deliverability("jens.jansen@nordlicht.example") == "bouncing"


def test_a_maildir_is_left_alone_with_keep_and_read_once_all_the_same(tmp_path):
    PersonEmailFactory(address="maria.mueller@example.com")
    box = mailbox.Maildir(str(tmp_path / "Maildir"), create=True)
    box.add(bounce(POSTFIX_MAILBOX_FULL_DELAYED))
    box.close()

    run("--maildir", str(tmp_path / "Maildir"), "--keep")
    run("--maildir", str(tmp_path / "Maildir"), "--keep")

    assert len(mailbox.Maildir(str(tmp_path / "Maildir"), create=False)) == 1
    assert Bounce.objects.count() == 1


def test_the_imap_mailbox_is_read_and_processed_mails_are_expunged(settings):
    PersonEmailFactory(address="lena.lorenz@example.net")
    garbage = b"\x00\x01 garbage without any header\r\n"
    box = Mailbox([bounce(EXIM_USER_UNKNOWN), bounce(OUT_OF_OFFICE), garbage])
    with ImapServer(box) as server:
        settings.BOUNCE_MAILBOX_URL = f"imap://bounces:geheim@127.0.0.1:{server.port}/INBOX"
        out, _err = run("--imap")

    assert "2 processed: 1 bounces recorded, 1 ignored" in out
    assert list(box.messages.values()) == [garbage]
    assert "EXPUNGE" in box.commands
    assert deliverability("lena.lorenz@example.net") == "bouncing"


def test_a_wrong_imap_password_is_a_clear_error(settings):
    with ImapServer(Mailbox([])) as server:
        settings.BOUNCE_MAILBOX_URL = f"imap://bounces:falsch@127.0.0.1:{server.port}/INBOX"
        with pytest.raises(CommandError, match="refused the login of bounces") as error:
            run("--imap")

    assert "falsch" not in str(error.value)


def test_an_unreachable_imap_server_is_a_clear_error(settings):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nobody listens there
    settings.BOUNCE_MAILBOX_URL = f"imaps://bounces:geheim@127.0.0.1:{port}/INBOX"

    with pytest.raises(CommandError, match=f"Cannot reach the IMAP server 127.0.0.1:{port}"):
        run("--imap")


@pytest.mark.parametrize(
    "url", ["", "pop3://bounces:geheim@mail.example", "imaps://mail.example/INBOX"]
)
def test_a_missing_or_malformed_mailbox_url_is_a_clear_error(settings, url):
    settings.BOUNCE_MAILBOX_URL = url

    with pytest.raises(CommandError, match="BOUNCE_MAILBOX_URL"):
        run("--imap")


# --- provider webhooks (django-anymail) ------------------------------------------------------

webhook_urls = pytest.mark.urls("tests.mailings.webhook_urls")


@pytest.fixture
def anymail_settings(settings):
    settings.ANYMAIL = {
        "WEBHOOK_SECRET": WEBHOOK_SECRET,
        "MAILGUN_WEBHOOK_SIGNING_KEY": MAILGUN_SIGNING_KEY,
    }


def postmark(client, payload, secret=WEBHOOK_SECRET):
    credentials = base64.b64encode(secret.encode()).decode()
    return client.post(
        reverse("anymail:postmark_tracking_webhook"),
        data=json.dumps(payload),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Basic {credentials}",
    )


def postmark_bounce(email, bounce_type="HardBounce", **fields):
    """Postmark's bounce webhook, as in its documentation."""
    return {
        "RecordType": "Bounce",
        "MessageStream": "outbound",
        "ID": 4323372036854775807,
        "Type": bounce_type,
        "TypeCode": 1 if bounce_type == "HardBounce" else 2,
        "Name": "Hard bounce" if bounce_type == "HardBounce" else "Message delayed",
        "Tag": "newsletter",
        "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
        "Metadata": {},
        "ServerID": 23,
        "Description": "The server was unable to deliver your message (ex: unknown user, "
        "mailbox not found).",
        "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
        "Email": email,
        "From": "noreply@knotenpunkt.example",
        "BouncedAt": "2026-11-24T16:33:54.9070259Z",
        "DumpAvailable": True,
        "Inactive": True,
        "CanActivate": True,
        "Subject": "Neues aus dem Cluster",
        **fields,
    }


@webhook_urls
def test_a_postmark_hard_bounce_suppresses_the_address(
    client, anymail_settings, subscribe, sent_to
):
    person = subscribe("jens.jansen@nordlicht.example")
    recipient, message_id = sent_to(person, "jens.jansen@nordlicht.example")
    payload = postmark_bounce(
        "jens.jansen@nordlicht.example", Metadata={"knp_message_id": message_id}
    )

    response = postmark(client, payload)

    assert response.status_code == 200
    assert deliverability("jens.jansen@nordlicht.example") == "bouncing"
    bounce_row = Bounce.objects.get()
    assert (bounce_row.source, bounce_row.permanent, bounce_row.recipient) == (
        "webhook: Postmark",
        True,
        recipient,
    )
    assert "5.1.1" in bounce_row.diagnostic


@webhook_urls
def test_a_webhook_without_the_secret_is_refused_and_changes_nothing(client, anymail_settings):
    PersonEmailFactory(address="jens.jansen@nordlicht.example")

    response = postmark(
        client, postmark_bounce("jens.jansen@nordlicht.example"), secret="postmark:wrong"
    )

    assert response.status_code == 400
    assert deliverability("jens.jansen@nordlicht.example") == "valid"
    assert not Bounce.objects.exists()


@webhook_urls
def test_a_webhook_is_refused_while_no_secret_is_configured(client, settings, caplog):
    """The README's default is an empty secret; a forged complaint must not unsubscribe
    anybody then."""
    settings.ANYMAIL = {"WEBHOOK_SECRET": ""}
    PersonEmailFactory(address="jens.jansen@nordlicht.example")

    bounce = postmark(client, postmark_bounce("jens.jansen@nordlicht.example"), secret="x:y")
    complaint = postmark(
        client,
        {"RecordType": "SpamComplaint", "Email": "jens.jansen@nordlicht.example", "ID": 1},
        secret="x:y",
    )

    assert bounce.status_code == complaint.status_code == 403
    assert deliverability("jens.jansen@nordlicht.example") == "valid"
    assert not Bounce.objects.exists()
    assert "ANYMAIL_WEBHOOK_SECRET is not set" in caplog.text


def test_the_project_mounts_the_guarded_webhooks(client, settings, db):
    settings.ANYMAIL = {}
    response = client.post(
        "/mailings/webhooks/postmark/tracking/", data="{}", content_type="application/json"
    )
    assert response.status_code == 403


@webhook_urls
def test_a_retried_postmark_webhook_counts_once(client, anymail_settings):
    PersonEmailFactory(address="maria.mueller@example.com")
    payload = postmark_bounce("maria.mueller@example.com", "Transient")

    for _ in range(3):
        assert postmark(client, payload).status_code == 200

    assert Bounce.objects.count() == 1
    assert deliverability("maria.mueller@example.com") == "valid"


@webhook_urls
def test_a_postmark_transient_bounce_is_recorded_as_temporary(client, anymail_settings):
    PersonEmailFactory(address="maria.mueller@example.com")

    postmark(client, postmark_bounce("maria.mueller@example.com", "Transient"))

    bounce_row = Bounce.objects.get()
    assert (bounce_row.permanent, bounce_row.suppressed) == (False, False)
    assert deliverability("maria.mueller@example.com") == "valid"


@webhook_urls
def test_a_postmark_soft_bounce_counts_as_temporary(client, anymail_settings):
    PersonEmailFactory(address="maria.mueller@example.com")

    postmark(client, postmark_bounce("maria.mueller@example.com", "SoftBounce"))

    assert Bounce.objects.get().permanent is False
    assert deliverability("maria.mueller@example.com") == "valid"


@webhook_urls
def test_a_spam_complaint_ends_every_subscription_of_the_address(
    client, anymail_settings, subscribe, newsletter, cluster
):
    from knotenpunkt.mailings.models import MailingList

    person = subscribe("jens.jansen@nordlicht.example")
    invitations = MailingList.objects.create(
        cluster=cluster, name="Einladungen", slug="einladungen", kind="invitations"
    )
    Subscription.objects.create(person=person, mailing_list=invitations, status="active")
    payload = postmark_bounce(
        "jens.jansen@nordlicht.example", "SpamComplaint", RecordType="SpamComplaint"
    )

    assert postmark(client, payload).status_code == 200

    assert set(person.subscriptions.values_list("status", flat=True)) == {"unsubscribed"}
    assert Consent.objects.filter(person=person, granted=False).count() == 2
    assert "provider: complaint" in Consent.objects.filter(person=person).first().source
    assert deliverability("jens.jansen@nordlicht.example") == "valid"


def mailgun_payload(event_data: dict) -> dict:
    timestamp, token = "1795512345", "a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0"
    signature = hmac.new(
        MAILGUN_SIGNING_KEY.encode(), f"{timestamp}{token}".encode(), hashlib.sha256
    ).hexdigest()
    return {
        "signature": {"timestamp": timestamp, "token": token, "signature": signature},
        "event-data": event_data,
    }


@webhook_urls
def test_a_mailgun_permanent_failure_finds_the_recipient_by_message_id(
    client, anymail_settings, subscribe, sent_to
):
    person = subscribe("lena.lorenz@example.net")
    recipient, message_id = sent_to(person, "lena.lorenz@example.net")
    # Mailgun's "failed" event, as in its documentation (message-id without brackets).
    payload = mailgun_payload(
        {
            "event": "failed",
            "severity": "permanent",
            "reason": "bounce",
            "id": "G9Bn5sl1TC6nu79C8C0bwg",
            "timestamp": 1795512345.375624,
            "recipient": "lena.lorenz@example.net",
            "log-level": "error",
            "delivery-status": {
                "code": 550,
                "attempt-no": 1,
                "message": "5.1.1 The email account that you tried to reach does not exist.",
                "description": "",
            },
            "message": {
                "headers": {
                    "to": "lena.lorenz@example.net",
                    "message-id": message_id.strip("<>"),
                    "from": "noreply@knotenpunkt.example",
                    "subject": "Neues aus dem Cluster",
                },
                "attachments": [],
                "size": 111,
            },
            "user-variables": {},
            "tags": [],
        }
    )

    response = client.post(
        reverse("anymail:mailgun_tracking_webhook"),
        data=json.dumps(payload),
        content_type="application/json",
        HTTP_AUTHORIZATION="Basic " + base64.b64encode(WEBHOOK_SECRET.encode()).decode(),
    )

    assert response.status_code == 200
    recipient.refresh_from_db()
    assert recipient.bounced_at is not None
    assert Bounce.objects.get().source == "webhook: Mailgun"
    assert deliverability("lena.lorenz@example.net") == "bouncing"


# --- staff and personal data -----------------------------------------------------------------


@pytest.fixture
def platform_admin(db):
    from tests.factories import UserFactory

    return UserFactory(email="root@example.org", is_staff=True, is_superuser=True)


def test_platform_admins_see_why_an_address_was_suppressed_in_the_admin(client_for, platform_admin):
    PersonEmailFactory(address="jens.jansen@nordlicht.example")
    bounces.record_bounce(
        "jens.jansen@nordlicht.example", True, diagnostic="550 5.1.1 User unknown", source="t"
    )

    response = client_for(platform_admin).get(reverse("admin:mailings_bounce_changelist"))

    assert response.status_code == 200
    assert "jens.jansen@nordlicht.example" in response.text
    assert "550 5.1.1 User unknown" in response.text


def test_cluster_staff_do_not_see_bounces_in_the_admin(client_for, alice):
    """Most bounces belong to no cluster, and each names an address: platform admins only."""
    from django.contrib.auth.models import Permission

    bounces.record_bounce("jens.jansen@nordlicht.example", True, source="t")
    alice.user_permissions.add(Permission.objects.get(codename="view_bounce"))

    response = client_for(alice).get(reverse("admin:mailings_bounce_changelist"))

    assert response.status_code == 403


def test_a_bounce_opens_read_only_with_its_mailing_in_the_admin(
    client_for, platform_admin, subscribe, sent_to
):
    person = subscribe("jens.jansen@nordlicht.example")
    _recipient, message_id = sent_to(person, "jens.jansen@nordlicht.example")
    bounce_row = bounces.record_bounce(
        "jens.jansen@nordlicht.example", True, message_id=message_id, source="t"
    )
    response = client_for(platform_admin).get(
        reverse("admin:mailings_bounce_change", args=[bounce_row.pk])
    )

    assert response.status_code == 200
    assert "Neues aus dem Cluster" in response.text
    assert 'name="address"' not in response.text


def test_the_bounce_admin_needs_few_queries_for_many_bounces(
    client_for, platform_admin, subscribe, sent_to, django_assert_max_num_queries
):
    for i in range(20):
        person = subscribe(f"leser{i}@example.org")
        _recipient, message_id = sent_to(person, f"leser{i}@example.org")
        bounces.record_bounce(f"leser{i}@example.org", True, message_id=message_id, source="t")
    client = client_for(platform_admin)

    with django_assert_max_num_queries(15):
        response = client.get(reverse("admin:mailings_bounce_changelist"))

    assert response.text.count("Neues aus dem Cluster") >= 20


def test_members_cannot_open_the_bounce_admin(client_for, carol):
    response = client_for(carol).get(reverse("admin:mailings_bounce_changelist"))

    assert response.status_code == 302


def test_a_persons_bounces_are_in_their_data_export_and_gone_after_erasure(alice):
    person = PersonFactory()
    PersonEmailFactory(person=person, address="jens.jansen@nordlicht.example")
    bounces.record_bounce("jens.jansen@nordlicht.example", True, source="mailbox: imap")

    exported = export_person_data(alice, person)["bounces"]
    erase_person(alice, person)

    assert [b["address"] for b in exported] == ["jens.jansen@nordlicht.example"]
    assert not Bounce.objects.exists()
