"""Every kind of mail the outbox sends passes a strict RFC 5322 check on the wire.

The mails are produced by the real services (sign-up, password reset, registration with
ticket, calendar file and invoice, subscription confirmation, a mailing's test copy) and
delivered by the outbox over SMTP into a local sink; `tests.mail_checks.check_message`
reads the bytes the sink received. Names, subjects and the sender carry umlauts and emoji.
"""

from decimal import Decimal

import pytest
from django.core.mail import EmailMultiAlternatives
from django.test import TestCase

from knotenpunkt.outbox.models import OutgoingMail
from knotenpunkt.outbox.transport import message_bytes
from tests.factories import (
    EventFactory,
    InvoiceSettingsFactory,
    PersonEmailFactory,
    TicketTypeFactory,
    UserFactory,
)
from tests.mail_checks import check_message, display_names

pytestmark = pytest.mark.django_db

LONG_TITLE = (
    "Newsletter für Mitglieder 🚀 — Ausgabe Dezember: Künstliche Intelligenz, "
    "Förderprogramme und Veranstaltungen im Überblick"
)
SENDER_NAME = "Knotenpunkt Förderverein für Künstliche Intelligenz und Digitalisierung 🚀"


@pytest.fixture(autouse=True)
def sender(settings):
    settings.DEFAULT_FROM_EMAIL = f'"{SENDER_NAME}" <noreply@knotenpunkt.example>'


def committed(function, *args, **kwargs):
    """Run a service as a request does: the outbox delivers after the commit."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return function(*args, **kwargs)


def received(sink) -> dict[str, bytes]:
    """The raw messages the sink got, by recipient."""
    return {envelope.rcpt_tos[0]: envelope.original_content for envelope in sink.envelopes}


def test_djangos_own_rendering_breaks_rfc_2047_which_the_outbox_avoids():
    # The defect: Django encodes a long non-ASCII subject into encoded words of 76 and
    # more characters (RFC 2047 allows 75), on lines longer than 78.
    message = EmailMultiAlternatives(LONG_TITLE, "Text", to=["a@example.org"])
    with pytest.raises(AssertionError, match="longer than"):
        check_message(message.message().as_bytes(linesep="\r\n"))
    parsed = check_message(
        message_bytes(message), expected={"Subject": LONG_TITLE, "To": "a@example.org"}
    )
    assert display_names(parsed, "From") == [SENDER_NAME]


def test_the_sign_up_confirmation_passes_the_strict_check(smtp_sink):
    from knotenpunkt.accounts.services import send_confirmation

    user = UserFactory(email="joerg@example.org", first_name="Jörg 🚀", last_name="Müller")
    committed(send_confirmation, user)
    message = check_message(received(smtp_sink)["joerg@example.org"])
    assert display_names(message, "From") == [SENDER_NAME]
    assert OutgoingMail.objects.get().status == OutgoingMail.Status.SENT


def test_the_password_reset_mail_passes_the_strict_check(smtp_sink):
    from knotenpunkt.accounts.forms import OutboxPasswordResetForm

    UserFactory(email="vergessen@example.org")
    form = OutboxPasswordResetForm(data={"email": "vergessen@example.org"})
    assert form.is_valid()
    committed(form.save, domain_override="knotenpunkt.example")
    check_message(received(smtp_sink)["vergessen@example.org"])


def test_the_registration_mail_with_ticket_calendar_and_invoice_passes(
    smtp_sink,
    cluster,
    carol,
):
    from knotenpunkt.events.services import registration

    InvoiceSettingsFactory(cluster=cluster)
    cluster.street, cluster.postcode, cluster.city = "Lorentzendamm 24", "24103", "Kiel"
    cluster.save()
    event = EventFactory(clusters=[cluster], title=LONG_TITLE)
    ticket = TicketTypeFactory(
        event=event,
        name="Konferenzticket",
        price_member=Decimal("80.00"),
        price_non_member=Decimal("150.00"),
        vat_rate=Decimal("19.00"),
    )
    PersonEmailFactory(person=carol.person, address=carol.email)
    committed(registration.register, carol, event, ticket, carol.person)

    mail = OutgoingMail.objects.get(to=carol.email, kind="events_confirmed")
    assert mail.status == OutgoingMail.Status.SENT, mail.last_error
    message = check_message(received(smtp_sink)[carol.email])
    files = {part.get_filename(): part.get_content_type() for part in message.iter_attachments()}
    assert "text/calendar" in files.values()
    assert list(files.values()).count("application/pdf") >= 1


def test_the_subscription_confirmation_passes_the_strict_check(smtp_sink, cluster):
    from knotenpunkt.mailings.models import MailingList
    from knotenpunkt.mailings.services.subscriptions import request_subscription

    newsletter = MailingList.objects.create(
        cluster=cluster, name=LONG_TITLE, slug="mitglieder", kind="newsletter"
    )
    committed(
        request_subscription,
        newsletter,
        source="form",
        email="leserin@example.org",
        first_name="Zoë",
        last_name="Ångström-Müller",
    )
    message = check_message(received(smtp_sink)["leserin@example.org"])
    assert LONG_TITLE in str(message["Subject"])


def test_a_mailings_test_copy_passes_the_strict_check(smtp_sink, cluster, alice):
    from knotenpunkt.mailings.models import Mailing, MailingBlock, MailingList
    from knotenpunkt.mailings.services.sending import send_test

    newsletter = MailingList.objects.create(cluster=cluster, name=LONG_TITLE, slug="mitglieder")
    mailing = Mailing.objects.create(
        cluster=cluster, mailing_list=newsletter, subject=LONG_TITLE, language="de"
    )
    MailingBlock.objects.create(mailing=mailing, heading="Grüße 🚀", text="Hallo {vorname}!")
    committed(send_test, alice, mailing, ["pruefer@example.org"])
    message = check_message(
        received(smtp_sink)["pruefer@example.org"], expected={"Subject": f"[Test] {LONG_TITLE}"}
    )
    assert "Grüße 🚀" in message.get_body(preferencelist=("html",)).get_content()
