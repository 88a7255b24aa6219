"""Subscriptions: double opt-in, preferences and unsubscribing.

Consent always wins: only ACTIVE subscriptions may be mailed, and every change of a
subscription writes a consent record (privacy.Consent) with the wording and its version,
so the history stays provable after the subscription row has changed again.
"""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.audit import log_action, register_action
from knotenpunkt.directory.models import Cluster, Membership, Person
from knotenpunkt.directory.services.people import create_person, people_known_by_email
from knotenpunkt.mailings import tokens
from knotenpunkt.mailings.models import MailingList, Subscription
from knotenpunkt.outbox.services import queue_mail
from knotenpunkt.privacy.models import Consent
from knotenpunkt.privacy.services import record_consent

register_action("mailings.subscription.requested", _("Subscription requested"))
register_action("mailings.subscription.confirmed", _("Subscription confirmed"))
register_action("mailings.subscription.ended", _("Unsubscribed"))

SOURCE_MAX_LENGTH = 100


class LinkInvalid(Exception):
    """A mailing link that is forged, damaged, stale or no longer applicable.

    `reason` is "expired" or "invalid", for the page that explains it.
    """

    def __init__(self, reason: str = "invalid"):
        super().__init__(reason)
        self.reason = reason


def consent_purpose(mailing_list: MailingList) -> str:
    """The consent purpose (and so the wording) a list's subscription stands on."""
    if mailing_list.kind == MailingList.Kind.INVITATIONS:
        return Consent.Purpose.EVENT_INVITATIONS
    return Consent.Purpose.NEWSLETTER


def _source(source: str, mailing_list: MailingList) -> str:
    # The consent record is per purpose, not per list: the source names the list too,
    # so the proof says which subscription the decision was about.
    return f"{source}: {mailing_list.cluster.slug}/{mailing_list.slug}"[:SOURCE_MAX_LENGTH]


def _record(subscription: Subscription, granted: bool, source: str, ip=None) -> Consent:
    return record_consent(
        subscription.person,
        consent_purpose(subscription.mailing_list),
        granted,
        source=_source(source, subscription.mailing_list),
        ip=ip,
    )


def find_or_create_person(email: str, first_name: str = "", last_name: str = "") -> Person:
    """The person who owns `email`, or a new one (the name may be left out): a public form
    must not create a second record for someone the directory already knows. An existing
    person's name is kept; an anonymous form may not change it."""
    email = email.strip().lower()
    person = people_known_by_email(email).first()
    if person is not None:
        return person
    return create_person(
        None, emails=[email], first_name=first_name.strip(), last_name=last_name.strip()
    )


@transaction.atomic
def request_subscription(
    mailing_list: MailingList,
    *,
    source: str,
    person: Person | None = None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    ip=None,
    language: str | None = None,
    actor=None,
    via: str = "",
) -> Subscription:
    """Start the double opt-in for one list: a PENDING subscription and a confirmation mail.

    Either `person` or `email` (with the name, if given) identifies the subscriber. The mail goes to
    the given address, or the person's primary one. An active subscription stays as it is
    and gets no mail; the same page is shown either way, so the public form does not tell
    strangers who is subscribed. `actor` and `via` (an API token's name) go to the audit log.
    """
    if person is None:
        person = find_or_create_person(email, first_name, last_name)
    address = email.strip().lower() or person.primary_email
    subscription, created = Subscription.objects.select_for_update().get_or_create(
        person=person, mailing_list=mailing_list, defaults={"source": source[:100]}
    )
    if subscription.status == Subscription.Status.ACTIVE:
        return subscription
    if subscription.status == Subscription.Status.UNSUBSCRIBED:
        subscription.status = Subscription.Status.PENDING
        subscription.requested_at = timezone.now()
        subscription.confirmed_at = None
        subscription.unsubscribed_at = None
        subscription.source = source[:100]
        subscription.save()
    _record(subscription, True, source, ip=ip)
    log_action(
        actor,
        "mailings.subscription.requested",
        subscription,
        source=source,
        **({"via": via} if via else {}),
    )
    if address:
        _send_confirmation(subscription, address, language=language)
    return subscription


def _send_confirmation(subscription: Subscription, address: str, language=None) -> None:
    token = tokens.make_confirmation_token(subscription)
    queue_mail(
        "subscription_confirm",
        address,
        {
            "name": subscription.person.full_name,
            "list_name": subscription.mailing_list.name,
            "cluster_name": str(subscription.mailing_list.cluster),
            "confirm_path": reverse("mailings:confirm", kwargs={"token": token}),
            "valid_days": tokens.CONFIRM_VALID_DAYS,
        },
        language=language,
    )


def subscription_for_confirmation(token: str) -> Subscription:
    """The PENDING subscription a confirmation link was made for, or LinkInvalid."""
    try:
        payload = tokens.read_confirmation_token(token)
    except signing.SignatureExpired as exc:
        raise LinkInvalid("expired") from exc
    except signing.BadSignature as exc:
        raise LinkInvalid("invalid") from exc
    subscription = (
        Subscription.objects.select_related("person", "mailing_list__cluster")
        .filter(pk=payload["s"], person__erased_at__isnull=True)
        .first()
    )
    if subscription is None or subscription.requested_at.isoformat() != payload["r"]:
        raise LinkInvalid("invalid")
    return subscription


@transaction.atomic
def confirm_subscription(token: str, *, ip=None) -> Subscription:
    """The second step of the double opt-in. Opening the link twice is harmless; a link
    whose subscription was ended since never revives it (the withdrawal wins)."""
    subscription = subscription_for_confirmation(token)
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if subscription.status == Subscription.Status.ACTIVE:
        return subscription
    if subscription.status != Subscription.Status.PENDING:
        raise LinkInvalid("invalid")
    subscription.status = Subscription.Status.ACTIVE
    subscription.confirmed_at = timezone.now()
    subscription.save(update_fields=["status", "confirmed_at"])
    _record(subscription, True, "double opt-in confirmation", ip=ip)
    log_action(None, "mailings.subscription.confirmed", subscription)
    return subscription


@transaction.atomic
def unsubscribe(
    person: Person,
    mailing_list: MailingList | None = None,
    *,
    source="unsubscribe",
    ip=None,
    actor=None,
    via: str = "",
) -> list[Subscription]:
    """End one list's subscription, or all of them (`mailing_list=None`), at once.

    Pending requests end too: someone who says "stop" should not be subscribed later by
    an old confirmation mail. The senders check the status right before each delivery,
    so mailings already queued are not sent to the person either.
    """
    subscriptions = Subscription.objects.select_for_update().filter(
        person=person,
        status__in=[Subscription.Status.ACTIVE, Subscription.Status.PENDING],
    )
    if mailing_list is not None:
        subscriptions = subscriptions.filter(mailing_list=mailing_list)
    ended = list(subscriptions.select_related("mailing_list__cluster", "person"))
    now = timezone.now()
    for subscription in ended:
        subscription.status = Subscription.Status.UNSUBSCRIBED
        subscription.unsubscribed_at = now
        subscription.save(update_fields=["status", "unsubscribed_at"])
        _record(subscription, False, source, ip=ip)
        log_action(
            actor,
            "mailings.subscription.ended",
            subscription,
            source=source,
            **({"via": via} if via else {}),
        )
    return ended


@transaction.atomic
def update_preferences(
    person: Person, lists, *, source="preference centre", ip=None, language=None
) -> tuple[list[Subscription], list[Subscription]]:
    """Make the person's subscriptions among the offered lists match `lists`.

    Lists newly ticked start a double opt-in like any other new subscription (the
    preference link may have been forwarded); lists unticked end at once.
    Returns (requested, ended).
    """
    wanted = {ml.pk for ml in lists}
    # Only the lists on offer are in the form; a subscription to a list that was switched
    # off meanwhile is not ended by a form that never showed it.
    current = {
        s.mailing_list_id
        for s in person.subscriptions.filter(
            status__in=[Subscription.Status.ACTIVE, Subscription.Status.PENDING],
            mailing_list__in=offered_lists(person),
        )
    }
    requested = [
        request_subscription(ml, person=person, source=source, ip=ip, language=language)
        for ml in lists
        if ml.pk not in current
    ]
    ended = []
    for ml in MailingList.objects.filter(pk__in=current - wanted):
        ended += unsubscribe(person, ml, source=source, ip=ip)
    return requested, ended


def subscribable_lists():
    """The lists anyone may subscribe to (the sign-up form offers them all)."""
    return (
        MailingList.objects.filter(is_active=True)
        .select_related("cluster")
        .order_by("cluster__name", "name")
    )


def offered_lists(person: Person):
    """The active lists a person may choose from: those of the clusters their
    organisations belong to, and those of the clusters they already subscribe in."""
    today = timezone.localdate()
    organisation_ids = person.positions.current().values("organisation")
    member_clusters = (
        Membership.objects.in_force(today)
        .filter(organisation__in=organisation_ids)
        .values("cluster")
    )
    subscribed_clusters = person.subscriptions.values("mailing_list__cluster")
    clusters = Cluster.objects.filter(Q(pk__in=member_clusters) | Q(pk__in=subscribed_clusters))
    return (
        MailingList.objects.filter(is_active=True, cluster__in=clusters)
        .select_related("cluster")
        .order_by("cluster__name", "name")
    )


def is_subscribed(person: Person, mailing_list: MailingList) -> bool:
    """Whether the person may be mailed on this list now; senders ask right before sending."""
    return Subscription.objects.filter(
        person=person, mailing_list=mailing_list, status=Subscription.Status.ACTIVE
    ).exists()


def active_subscriptions(mailing_list: MailingList):
    """The only subscriptions a mailing may go to."""
    return mailing_list.subscriptions.filter(
        status=Subscription.Status.ACTIVE, person__erased_at__isnull=True
    ).select_related("person")


def preferences_url(person: Person) -> str:
    token = tokens.make_preferences_token(person)
    return settings.SITE_URL + reverse("mailings:preferences", kwargs={"token": token})


def unsubscribe_url(person: Person, mailing_list: MailingList | None = None) -> str:
    token = tokens.make_unsubscribe_token(person, mailing_list)
    return settings.SITE_URL + reverse("mailings:unsubscribe", kwargs={"token": token})


def one_click_headers(url: str) -> dict[str, str]:
    """The RFC 8058 one-click headers for one mail, given its unsubscribe URL
    (`unsubscribe_url(person, mailing_list)`). Mail clients POST
    "List-Unsubscribe=One-Click" to the URL without further questions."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
