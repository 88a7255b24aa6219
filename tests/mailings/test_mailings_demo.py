"""The demo's mailing lists, subscriptions and mailings: believable, consent-proof, idempotent.

Built once for the module inside a transaction that is rolled back afterwards, like the
other demo tests.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.demo.mailings import build_mailings_demo
from knotenpunkt.directory.models import Cluster, Membership, Position
from knotenpunkt.mailings import tokens
from knotenpunkt.mailings.models import (
    Mailing,
    MailingBlock,
    MailingList,
    MailingRecipient,
    Subscription,
)
from knotenpunkt.privacy.models import Consent


@pytest.fixture(scope="module")
def demo(demo, django_db_blocker):
    with django_db_blocker.unblock():
        build_mailings_demo()  # once more: it must add nothing


@pytest.fixture
def digital(demo, db):
    return Cluster.objects.get(slug="diwish")


def people_at_members(cluster) -> set[int]:
    members = (
        Membership.objects.active_on(timezone.localdate())
        .exclude(status=Membership.Status.ENDED)
        .filter(cluster=cluster)
        .values("organisation")
    )
    return set(
        Position.objects.current()
        .filter(organisation__in=members)
        .values_list("person_id", flat=True)
    )


def test_the_digital_cluster_gets_newsletter_special_and_invitation_lists(digital):
    lists = {ml.name: ml for ml in MailingList.objects.filter(cluster=digital)}

    assert lists["Newsletter"].kind == MailingList.Kind.NEWSLETTER
    assert lists["Sondernewsletter KI"].kind == MailingList.Kind.SPECIAL
    assert lists["Sondernewsletter KI"].topic.slug == "kuenstliche-intelligenz"
    assert lists["Einladungen"].kind == MailingList.Kind.INVITATIONS


def test_about_sixty_percent_of_the_members_people_read_the_newsletter(digital):
    people = people_at_members(digital)
    active = set(
        Subscription.objects.filter(
            mailing_list__cluster=digital,
            mailing_list__slug="newsletter",
            status=Subscription.Status.ACTIVE,
        ).values_list("person_id", flat=True)
    )

    assert active <= people
    assert 0.5 <= len(active) / len(people) <= 0.7


def test_some_subscriptions_wait_for_confirmation_and_some_have_ended(digital):
    statuses = set(
        Subscription.objects.filter(mailing_list__cluster=digital).values_list("status", flat=True)
    )

    assert statuses == {
        Subscription.Status.ACTIVE,
        Subscription.Status.PENDING,
        Subscription.Status.UNSUBSCRIBED,
    }


def test_every_subscription_has_the_consent_records_of_its_steps(digital):
    records = {}
    consents = Consent.objects.filter(source__contains=": diwish/").order_by("recorded_at", "pk")
    for person_id, purpose, granted, source in consents.values_list(
        "person_id", "purpose", "granted", "source"
    ):
        records.setdefault((person_id, source.rsplit("/", 1)[1]), []).append((purpose, granted))
    subscriptions = Subscription.objects.filter(mailing_list__cluster=digital).select_related(
        "mailing_list"
    )

    for subscription in subscriptions:
        steps = records[(subscription.person_id, subscription.mailing_list.slug)]
        purpose = (
            Consent.Purpose.EVENT_INVITATIONS
            if subscription.mailing_list.kind == MailingList.Kind.INVITATIONS
            else Consent.Purpose.NEWSLETTER
        )
        expected = {
            Subscription.Status.PENDING: [(purpose, True)],
            Subscription.Status.ACTIVE: [(purpose, True), (purpose, True)],
            Subscription.Status.UNSUBSCRIBED: [(purpose, True), (purpose, True), (purpose, False)],
        }[subscription.status]
        assert steps == expected, subscription


def test_consent_records_are_dated_like_the_subscription(digital):
    subscription = (
        Subscription.objects.filter(
            mailing_list__cluster=digital, status=Subscription.Status.UNSUBSCRIBED
        )
        .select_related("mailing_list")
        .first()
    )
    records = Consent.objects.filter(
        person=subscription.person,
        source__endswith=f"diwish/{subscription.mailing_list.slug}",
    ).order_by("recorded_at", "pk")

    assert [r.recorded_at for r in records] == [
        subscription.requested_at,
        subscription.confirmed_at,
        subscription.unsubscribed_at,
    ]
    assert subscription.requested_at < timezone.now() - datetime.timedelta(days=1)


def test_two_newsletters_were_sent_into_the_public_archive(digital):
    sent = Mailing.objects.filter(cluster=digital, status=Mailing.Status.SENT)

    assert sent.count() == 2
    for mailing in sent:
        assert mailing.archive == Mailing.Archive.PUBLIC
        assert mailing.finished_at < timezone.now()
        kinds = set(mailing.blocks.values_list("kind", flat=True))
        assert kinds == {
            MailingBlock.Kind.TEXT,
            MailingBlock.Kind.EVENT,
            MailingBlock.Kind.PORTRAIT,
        }


def test_every_recipient_of_a_sent_newsletter_had_an_active_subscription_then(digital):
    for mailing in Mailing.objects.filter(cluster=digital, status=Mailing.Status.SENT):
        subscriptions = {
            s.person_id: s for s in Subscription.objects.filter(mailing_list=mailing.mailing_list)
        }
        recipients = list(mailing.recipients.all())

        assert len(recipients) > 100
        for recipient in recipients:
            subscription = subscriptions[recipient.person_id]
            assert recipient.status == MailingRecipient.Status.SENT
            assert subscription.confirmed_at <= mailing.started_at <= recipient.sent_at
            assert (
                subscription.unsubscribed_at is None
                or subscription.unsubscribed_at > mailing.started_at
            )


def test_every_subscriber_active_at_the_time_received_the_newsletter(digital):
    mailing = Mailing.objects.filter(cluster=digital, status=Mailing.Status.SENT).first()
    active_then = set(
        Subscription.objects.filter(
            mailing_list=mailing.mailing_list, confirmed_at__lte=mailing.started_at
        )
        .exclude(unsubscribed_at__lte=mailing.started_at)
        .values_list("person_id", flat=True)
    )

    assert set(mailing.recipients.values_list("person_id", flat=True)) == active_then


def test_an_invitation_to_an_event_next_week_is_scheduled_for_members(digital):
    invitation = Mailing.objects.get(cluster=digital, status=Mailing.Status.SCHEDULED)
    event = invitation.blocks.get(kind=MailingBlock.Kind.EVENT).event

    assert invitation.template == Mailing.Template.INVITATION
    assert invitation.mailing_list.kind == MailingList.Kind.INVITATIONS
    assert invitation.archive == Mailing.Archive.MEMBERS
    assert timezone.now() < invitation.scheduled_for < event.starts_at
    assert event.starts_at < timezone.now() + datetime.timedelta(days=15)
    assert not invitation.recipients.exists()


def test_the_next_newsletter_is_a_draft(digital):
    draft = Mailing.objects.get(cluster=digital, status=Mailing.Status.DRAFT)

    assert draft.mailing_list.slug == "newsletter"
    assert draft.blocks.exists()


def test_running_the_mailings_demo_again_adds_nothing(digital):
    counts = (
        MailingList.objects.count(),
        Subscription.objects.count(),
        Mailing.objects.count(),
        MailingRecipient.objects.count(),
        Consent.objects.count(),
    )

    assert build_mailings_demo() is False
    assert (
        MailingList.objects.count(),
        Subscription.objects.count(),
        Mailing.objects.count(),
        MailingRecipient.objects.count(),
        Consent.objects.count(),
    ) == counts


def test_the_demo_archive_shows_both_newsletters_without_anyones_links(client, digital):
    sent = list(Mailing.objects.filter(cluster=digital, status=Mailing.Status.SENT))

    listing = client.get(reverse("mailings:archive", args=[digital.slug])).text
    html = client.get(reverse("mailings:archive_mailing_html", args=[digital.slug, sent[0].pk]))

    assert all(mailing.subject in listing for mailing in sent)
    assert html.status_code == 200
    for recipient in sent[0].recipients.select_related("person")[:50]:
        token = tokens.make_unsubscribe_token(recipient.person, sent[0].mailing_list)
        assert token not in html.text
