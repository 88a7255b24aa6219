"""The weekly digest: double opt-in by e-mail, subscribing while logged in, the mail with
only the matching new offers, and unsubscribing (one click, or by withdrawing the
consent)."""

import datetime
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.directory.models import Topic
from knotenpunkt.jobs.models import JobDigestSubscription, JobPosting
from knotenpunkt.jobs.services.digest import send_weekly_digest
from knotenpunkt.outbox.models import OutgoingMail
from knotenpunkt.privacy.models import Consent
from knotenpunkt.privacy.services import current_consents
from tests.jobs.conftest import make_posting

Status = JobDigestSubscription.Status


def digests():
    return OutgoingMail.objects.filter(kind="jobs_digest")


def link_in(mail, name: str) -> str:
    return re.search(rf"/jobs/digest/{name}/[^/\s]+/", mail.body_text).group(0)


def sign_up(client, email="jana@example.org", **extra):
    return client.post(reverse("jobs:digest"), {"email": email, "consent": "on", **extra})


def confirm(client, email="jana@example.org"):
    mail = OutgoingMail.objects.filter(kind="jobs_digest_confirm", to=email).latest("pk")
    return client.post(link_in(mail, "confirm"))


def test_a_visitor_subscribes_by_e_mail_and_confirms(client, db):
    response = sign_up(client)
    assert response.status_code == 200
    subscription = JobDigestSubscription.objects.get()
    assert subscription.status == Status.PENDING
    mail = OutgoingMail.objects.get(kind="jobs_digest_confirm")
    assert mail.to == "jana@example.org"
    # Opening the link (a mail server's scanner, say) changes nothing; the button does.
    assert client.get(link_in(mail, "confirm")).status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == Status.PENDING
    assert confirm(client).status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == Status.ACTIVE
    consents = Consent.objects.filter(purpose=Consent.Purpose.JOBS_DIGEST).order_by("pk")
    assert [(c.granted, c.source) for c in consents] == [
        (True, "jobs digest form"),
        (True, "double opt-in confirmation"),
    ]


def test_no_consent_no_subscription(client, db):
    response = client.post(reverse("jobs:digest"), {"email": "jana@example.org"})
    assert response.status_code == 400
    assert "consent" in response.context["form"].errors
    assert not JobDigestSubscription.objects.exists()


def test_a_forged_confirmation_link_does_not_work(client, db):
    assert client.post("/jobs/digest/confirm/forged:token/").status_code == 400


def test_the_public_form_does_not_change_an_active_subscriptions_filters(client, db):
    sign_up(client, kinds=["thesis"])
    confirm(client)
    sign_up(client, kinds=["job"])
    subscription = JobDigestSubscription.objects.get()
    assert subscription.kinds == ["thesis"]
    assert OutgoingMail.objects.filter(kind="jobs_digest_confirm").count() == 1


def test_a_logged_in_person_subscribes_on_the_board_without_a_mail_round_trip(client_for, carol):
    response = client_for(carol).post(
        reverse("jobs:digest"), {"kinds": ["internship", "thesis"], "consent": "on"}
    )
    assert response.status_code == 302
    subscription = JobDigestSubscription.objects.get()
    assert subscription.status == Status.ACTIVE
    assert subscription.email == carol.email
    assert subscription.kinds == ["internship", "thesis"]
    assert current_consents(carol.person)[Consent.Purpose.JOBS_DIGEST]
    assert not OutgoingMail.objects.filter(kind="jobs_digest_confirm").exists()


@pytest.fixture
def week(bob, member_org):
    """Offers of this week and one of last month."""
    software = Topic.objects.get(slug="software-entwicklung")
    security = Topic.objects.get(slug="it-sicherheit")
    offers = {
        "job": make_posting(bob, member_org, title="Backend-Entwickler:in", topics=[software]),
        "thesis": make_posting(
            bob,
            member_org,
            title="Masterarbeit Angriffserkennung",
            kind="thesis",
            topics=[security],
        ),
        "old": make_posting(bob, member_org, title="Alte Stelle", topics=[software]),
    }
    JobPosting.objects.filter(pk=offers["old"].pk).update(
        published_at=timezone.now() - datetime.timedelta(days=30)
    )
    return offers


def subscribe(person, email, *, kinds=(), topics=()):
    subscription = JobDigestSubscription.objects.create(
        person=person,
        email=email,
        kinds=list(kinds),
        status=Status.ACTIVE,
        requested_at=timezone.now(),
        confirmed_at=timezone.now(),
    )
    subscription.topics.set(topics)
    return subscription


def test_the_digest_holds_only_the_weeks_offers_that_fit(week, carol, dave):
    subscribe(carol.person, carol.email, kinds=["thesis"])
    subscribe(dave.person, dave.email, topics=[Topic.objects.get(slug="software-entwicklung")])
    call_command("jobs_digest", stdout=StringIO())

    carols = digests().get(to=carol.email)
    assert "Masterarbeit Angriffserkennung" in carols.body_text
    assert "Backend-Entwickler:in" not in carols.body_text
    daves = digests().get(to=dave.email)
    assert "Backend-Entwickler:in" in daves.body_text
    assert "Masterarbeit" not in daves.body_text
    assert "Alte Stelle" not in daves.body_text + carols.body_text


def test_a_subscriber_without_a_fitting_offer_gets_no_mail(week, carol):
    subscribe(carol.person, carol.email, kinds=["training"])
    assert send_weekly_digest() == 0
    assert not digests().exists()


def test_a_second_run_in_the_same_week_sends_nothing_twice(week, carol):
    subscribe(carol.person, carol.email)
    assert send_weekly_digest() == 1
    assert send_weekly_digest() == 0
    assert send_weekly_digest(timezone.now() + datetime.timedelta(days=7)) == 0  # nothing new
    assert digests().count() == 1


def test_the_digest_offers_one_click_unsubscribe_that_works(client, week, carol):
    subscribe(carol.person, carol.email)
    send_weekly_digest()
    mail = digests().get()
    url = mail.headers["List-Unsubscribe"].strip("<>")
    assert mail.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in mail.body_text
    path = url.split("://", 1)[1].split("/", 1)[1]
    assert client.get("/" + path).status_code == 200  # a link scanner changes nothing
    assert JobDigestSubscription.objects.get().status == Status.ACTIVE
    client.post("/" + path, {"List-Unsubscribe": "One-Click"})
    assert JobDigestSubscription.objects.get().status == Status.UNSUBSCRIBED
    assert not current_consents(carol.person)[Consent.Purpose.JOBS_DIGEST]


def test_withdrawing_the_consent_on_the_privacy_page_stops_the_digest(client_for, week, carol):
    client = client_for(carol)
    client.post(reverse("jobs:digest"), {"consent": "on"})
    response = client.post(reverse("privacy:withdraw"), {"purpose": "jobs_digest"})
    assert response.status_code == 302
    assert JobDigestSubscription.objects.get().status == Status.UNSUBSCRIBED
    assert send_weekly_digest() == 0
    withdrawals = Consent.objects.filter(purpose=Consent.Purpose.JOBS_DIGEST, granted=False)
    assert withdrawals.count() == 1


def test_a_logged_in_subscriber_ends_the_digest_on_its_page(client_for, carol):
    client = client_for(carol)
    client.post(reverse("jobs:digest"), {"consent": "on"})
    client.post(reverse("jobs:digest"), {"unsubscribe": "1"})
    assert JobDigestSubscription.objects.get().status == Status.UNSUBSCRIBED
