"""What the mailing tests share: a list with subscribers, a mailing, a local SMTP sink."""

import socket

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone, translation

from knotenpunkt.mailings.models import Mailing, MailingBlock, MailingList, Subscription
from tests.factories import PersonEmailFactory, PersonFactory


@pytest.fixture(autouse=True)
def english_ui(settings):
    """These tests read the English source strings; the German catalogue is checked apart."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


class RecordingSink:
    """An SMTP server that keeps what it receives (envelope and raw message)."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 OK"

    @property
    def recipients(self) -> list[str]:
        return [address for envelope in self.envelopes for address in envelope.rcpt_tos]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_sink(settings):
    """A running local SMTP sink, and the settings pointing the platform at it."""
    handler = RecordingSink()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield handler
    controller.stop()


@pytest.fixture
def newsletter(cluster):
    return MailingList.objects.create(
        cluster=cluster, name="DiWiSH-Newsletter", slug="newsletter", kind="newsletter"
    )


@pytest.fixture
def subscribe(newsletter):
    """Make a person with an address and an active subscription (to `newsletter` by default)."""

    def make(address, mailing_list=None, **person_fields):
        person = PersonFactory(**person_fields)
        PersonEmailFactory(person=person, address=address, is_primary=True)
        Subscription.objects.create(
            person=person,
            mailing_list=mailing_list or newsletter,
            status=Subscription.Status.ACTIVE,
            confirmed_at=timezone.now(),
        )
        return person

    return make


@pytest.fixture
def mailing(cluster, newsletter):
    mailing = Mailing.objects.create(
        cluster=cluster,
        mailing_list=newsletter,
        subject="Neues aus dem Cluster",
        language="de",
    )
    MailingBlock.objects.create(
        mailing=mailing,
        position=0,
        kind=MailingBlock.Kind.TEXT,
        heading="Förderung",
        text="Liebe Grüße an die {organisation}. Mehr [hier](https://example.org/foerderung).",
    )
    return mailing
