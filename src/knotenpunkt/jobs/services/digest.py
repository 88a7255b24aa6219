"""The weekly digest of new postings: subscribing (double opt-in, as the mailings do it),
unsubscribing and sending.

The mailings' machinery is reused where it fits: the person behind an address is found
(or created) as for a newsletter sign-up, a confirmation link that has gone stale or was
forged is a `LinkInvalid`, and each digest carries the RFC 8058 one-click unsubscribe
headers the mailings send. Every step records a consent (privacy, purpose "job digest"),
so the history stays provable; withdrawing that consent on the privacy page ends the
subscription.

A logged-in person whose login address is confirmed subscribes on the board without a
mail round trip: that address has already been proven theirs.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.core.audit import log_action
from knotenpunkt.directory.models import Person
from knotenpunkt.directory.services.taxonomy import topic_and_narrower
from knotenpunkt.jobs import tokens
from knotenpunkt.jobs.models import JobDigestSubscription, JobPosting
from knotenpunkt.jobs.services.board import listed_postings
from knotenpunkt.mailings.services.subscriptions import (
    LinkInvalid,
    find_or_create_person,
    one_click_headers,
)
from knotenpunkt.outbox.services import queue_mail
from knotenpunkt.privacy.models import Consent
from knotenpunkt.privacy.services import record_consent

__all__ = [
    "LinkInvalid",
    "confirm_subscription",
    "request_subscription",
    "send_weekly_digest",
    "subscribe_account",
    "subscription_for_confirmation",
    "unsubscribe",
]

Status = JobDigestSubscription.Status
PURPOSE = Consent.Purpose.JOBS_DIGEST
DIGEST_PERIOD = datetime.timedelta(days=7)
# A run a few hours early (a timer that drifted) must not skip a week.
DIGEST_SLACK = datetime.timedelta(hours=12)
SOURCE_MAX_LENGTH = 100


def subscription_of(person: Person | None) -> JobDigestSubscription | None:
    if person is None:
        return None
    return JobDigestSubscription.objects.filter(person=person).prefetch_related("topics").first()


def _apply(subscription: JobDigestSubscription, kinds, language: str | None) -> None:
    subscription.kinds = sorted({str(k) for k in kinds if k in JobPosting.Kind.values})
    subscription.language = (language or settings.LANGUAGE_CODE)[:10]


@transaction.atomic
def subscribe_account(user, *, kinds=(), topics=(), ip=None, language=None):
    """The logged-in person's subscription with these filters: active at once when their
    login address is confirmed (else a confirmation mail goes to it first). Returns the
    subscription; calling it again changes the filters."""
    person = Person.objects.get(user=user)
    if user.email_confirmed_at is None:
        return request_subscription(
            email=user.email,
            person=person,
            kinds=kinds,
            topics=topics,
            source="jobs board",
            ip=ip,
            language=language,
        )
    now = timezone.now()
    subscription, created = JobDigestSubscription.objects.select_for_update().get_or_create(
        person=person, defaults={"email": user.email, "requested_at": now, "source": "jobs board"}
    )
    _apply(subscription, kinds, language)
    if subscription.status == Status.ACTIVE:
        subscription.save()
        subscription.topics.set(topics)
        log_action(user, "jobs.digest.changed", subscription)
        return subscription
    subscription.email = user.email
    subscription.status = Status.ACTIVE
    subscription.requested_at = subscription.confirmed_at = now
    subscription.unsubscribed_at = None
    subscription.source = "jobs board"
    subscription.save()
    subscription.topics.set(topics)
    record_consent(person, PURPOSE, True, source="jobs board", ip=ip)
    log_action(user, "jobs.digest.confirmed", subscription)
    return subscription


@transaction.atomic
def request_subscription(
    *,
    email: str,
    kinds=(),
    topics=(),
    source: str,
    person: Person | None = None,
    ip=None,
    language=None,
) -> JobDigestSubscription:
    """Start the double opt-in: a PENDING subscription and a confirmation mail to `email`.

    An active subscription stays as it is and gets no mail (its filters neither: the
    public form must not let a stranger change them); the page says the same either way.
    """
    email = email.strip().lower()
    if person is None:
        person = find_or_create_person(email)
    now = timezone.now()
    subscription, created = JobDigestSubscription.objects.select_for_update().get_or_create(
        person=person, defaults={"email": email, "requested_at": now, "source": source[:100]}
    )
    if subscription.status == Status.ACTIVE:
        return subscription
    _apply(subscription, kinds, language)
    subscription.email = email
    subscription.status = Status.PENDING
    subscription.requested_at = now
    subscription.confirmed_at = subscription.unsubscribed_at = None
    subscription.source = source[:SOURCE_MAX_LENGTH]
    subscription.save()
    subscription.topics.set(topics)
    record_consent(person, PURPOSE, True, source=source, ip=ip)
    log_action(None, "jobs.digest.requested", subscription, source=source)
    queue_mail(
        "jobs_digest_confirm",
        email,
        {
            "name": person.full_name,
            "confirm_path": reverse(
                "jobs:digest_confirm",
                kwargs={"token": tokens.make_confirmation_token(subscription)},
            ),
            "valid_days": tokens.CONFIRM_VALID_DAYS,
        },
        language=subscription.language,
    )
    return subscription


def subscription_for_confirmation(token: str) -> JobDigestSubscription:
    """The subscription a confirmation link was made for, or LinkInvalid."""
    try:
        payload = tokens.read_confirmation_token(token)
    except signing.SignatureExpired as exc:
        raise LinkInvalid("expired") from exc
    except signing.BadSignature as exc:
        raise LinkInvalid("invalid") from exc
    subscription = (
        JobDigestSubscription.objects.select_related("person")
        .filter(pk=payload["s"], person__erased_at__isnull=True)
        .first()
    )
    if subscription is None or subscription.requested_at.isoformat() != payload["r"]:
        raise LinkInvalid("invalid")
    return subscription


@transaction.atomic
def confirm_subscription(token: str, *, ip=None) -> JobDigestSubscription:
    """The second step of the double opt-in. Twice is harmless; a link whose subscription
    was ended since never revives it."""
    subscription = subscription_for_confirmation(token)
    subscription = JobDigestSubscription.objects.select_for_update().get(pk=subscription.pk)
    if subscription.status == Status.ACTIVE:
        return subscription
    if subscription.status != Status.PENDING:
        raise LinkInvalid("invalid")
    subscription.status = Status.ACTIVE
    subscription.confirmed_at = timezone.now()
    subscription.save(update_fields=["status", "confirmed_at"])
    record_consent(subscription.person, PURPOSE, True, source="double opt-in confirmation", ip=ip)
    log_action(None, "jobs.digest.confirmed", subscription)
    return subscription


@transaction.atomic
def unsubscribe(person: Person, *, source: str, ip=None, actor=None) -> bool:
    """End the person's subscription (a pending request too); False if there was none.
    The sender asks for the status right before each digest, so none goes out after."""
    subscription = (
        JobDigestSubscription.objects.select_for_update()
        .filter(person=person, status__in=[Status.ACTIVE, Status.PENDING])
        .first()
    )
    if subscription is None:
        return False
    subscription.status = Status.UNSUBSCRIBED
    subscription.unsubscribed_at = timezone.now()
    subscription.save(update_fields=["status", "unsubscribed_at"])
    record_consent(person, PURPOSE, False, source=source, ip=ip)
    log_action(actor, "jobs.digest.ended", subscription, source=source)
    return True


def unsubscribe_url(person: Person) -> str:
    token = tokens.make_unsubscribe_token(person)
    return settings.SITE_URL + reverse("jobs:digest_unsubscribe", kwargs={"token": token})


# --- sending --------------------------------------------------------------------------------


def _wanted_topics(subscription: JobDigestSubscription) -> set[int]:
    wanted = set()
    for topic in subscription.topics.all():
        wanted.update(topic_and_narrower(topic))
    return wanted


def matching_postings(subscription: JobDigestSubscription, postings) -> list[JobPosting]:
    """The postings of the list that fit the subscription's kinds and topics (none
    chosen: all of them)."""
    topics = _wanted_topics(subscription)
    return [
        posting
        for posting in postings
        if (not subscription.kinds or posting.kind in subscription.kinds)
        and (not topics or any(t.pk in topics for t in posting.topics.all()))
    ]


def send_weekly_digest(now: datetime.datetime | None = None) -> int:
    """Mail each active subscriber the listed postings published in the past week that
    fit their filters (no mail when none fits). A subscriber mailed within the period
    gets none, so a second run in the same week sends nothing twice."""
    now = now or timezone.now()
    new = list(
        listed_postings(timezone.localdate(now))
        .filter(published_at__gte=now - DIGEST_PERIOD, published_at__lte=now)
        .select_related("organisation", "region")
        .prefetch_related("topics")
        .order_by("-published_at", "-pk")
    )
    if not new:
        return 0
    due = Q(last_sent_at__isnull=True) | Q(last_sent_at__lt=now - DIGEST_PERIOD + DIGEST_SLACK)
    subscriptions = (
        JobDigestSubscription.objects.filter(due, status=Status.ACTIVE)
        .filter(person__erased_at__isnull=True)
        .select_related("person")
        .prefetch_related("topics")
        .order_by("pk")
    )
    sent = 0
    for subscription in subscriptions:
        postings = matching_postings(subscription, new)
        if not postings:
            continue
        with transaction.atomic():
            # Asked again under the lock: an unsubscribe a moment ago wins.
            locked = (
                JobDigestSubscription.objects.select_for_update()
                .filter(due, pk=subscription.pk, status=Status.ACTIVE)
                .first()
            )
            if locked is None:
                continue
            url = unsubscribe_url(subscription.person)
            queue_mail(
                "jobs_digest",
                locked.email,
                {
                    "name": subscription.person.full_name,
                    "postings": postings,
                    "board_path": reverse("jobs:board"),
                    "unsubscribe_url": url,
                },
                language=locked.language,
                headers=one_click_headers(url),
            )
            locked.last_sent_at = now
            locked.save(update_fields=["last_sent_at"])
            log_action(None, "jobs.digest.sent", locked, postings=[p.pk for p in postings])
        sent += 1
    return sent
