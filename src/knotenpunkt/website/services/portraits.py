"""Portraits and the portrayed person's consent (Consent.Purpose.PORTRAIT)."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Page

from knotenpunkt.core.audit import log_action
from knotenpunkt.core.models import AuditEntry
from knotenpunkt.directory.models import Position
from knotenpunkt.outbox.services import queue_mail
from knotenpunkt.privacy.models import Consent
from knotenpunkt.privacy.services import (
    current_consents,
    on_consent_withdrawn,
    record_consent,
    withdraw_consent,
)
from knotenpunkt.website.models import PortraitPage


def portrait_consent_given(person) -> bool:
    """The person's latest decision on being portrayed is a yes."""
    return current_consents(person)[Consent.Purpose.PORTRAIT]


@transaction.atomic
def take_portraits_offline(person, *, unlink: bool = False, actor=None) -> int:
    """Unpublish every live portrait of the person and cancel scheduled publications;
    `unlink` also removes the person from the portraits (erasure). Returns the count."""
    portraits = list(PortraitPage.objects.filter(person=person))
    unpublished = 0
    for portrait in portraits:
        portrait.revisions.filter(approved_go_live_at__isnull=False).update(
            approved_go_live_at=None
        )
        if portrait.live:
            portrait.unpublish(user=actor)
            unpublished += 1
    if unlink:
        PortraitPage.objects.filter(person=person).update(person=None)
    if portraits:
        log_action(actor, "website.portraits.unpublished", person, count=unpublished)
    return unpublished


def _on_portrait_consent_withdrawn(person, *, source="", ip=None) -> None:
    take_portraits_offline(person)


on_consent_withdrawn(Consent.Purpose.PORTRAIT, _on_portrait_consent_withdrawn)


def published_portraits_of_organisation(organisation):
    """Live public portraits of the organisation or of people who currently work there."""
    people = Position.objects.current().filter(organisation=organisation).values("person")
    return (
        PortraitPage.objects.live()
        .public()
        .filter(Q(organisation=organisation) | Q(person__in=people))
        .select_related("lead_image")
        .order_by("-first_published_at")
    )


def organisation_section(request, organisation) -> dict | None:
    """The organisation page's list of its portraits on the cluster websites."""
    portraits = list(published_portraits_of_organisation(organisation)[:10])
    if not portraits:
        return None
    return {"portraits": portraits}


# The portrayed person's consent, asked by mail: a signed link (nothing stored but the
# audit entry), valid for a month; the decision is the privacy app's consent record.
CONSENT_SALT = "knotenpunkt.website.portrait-consent"
CONSENT_LINK_VALID_DAYS = 30


class ConsentRequestRefused(Exception):
    pass


class ConsentLinkInvalid(Exception):
    pass


def consent_token(portrait, person) -> str:
    return signing.TimestampSigner(salt=CONSENT_SALT).sign_object(
        {"page": portrait.pk, "person": person.pk}
    )


def consent_url(portrait, person) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("website:portrait_consent", args=[consent_token(portrait, person)])
    return settings.SITE_URL + path


def portrait_for_consent(token: str) -> tuple[PortraitPage, object]:
    """The portrait and the portrayed person a consent link is for."""
    try:
        payload = signing.TimestampSigner(salt=CONSENT_SALT).unsign_object(
            token, max_age=CONSENT_LINK_VALID_DAYS * 86400
        )
    except signing.BadSignature as bad:
        raise ConsentLinkInvalid from bad
    portrait = PortraitPage.objects.filter(pk=payload["page"]).select_related("person").first()
    if portrait is None or portrait.person_id != payload["person"]:
        raise ConsentLinkInvalid
    if portrait.person.erased_at is not None:
        raise ConsentLinkInvalid
    return portrait, portrait.person


@dataclass(frozen=True)
class ConsentStatus:
    """What the editors see beside a portrait: has the portrayed person decided?"""

    state: str  # "none" (nobody portrayed), "given", "declined", "requested", "not_asked"
    requested_at: object = None
    address: str = ""


def consent_status(portrait) -> ConsentStatus:
    person = portrait.person if portrait.person_id else None
    if person is None:
        return ConsentStatus("none")
    decisions = Consent.objects.filter(person=person, purpose=Consent.Purpose.PORTRAIT)
    latest = decisions.order_by("-recorded_at", "-id").first()
    if latest is not None:
        return ConsentStatus("given" if latest.granted else "declined")
    requested = (
        AuditEntry.objects.filter(
            action="website.portrait.consent_requested",
            target_type=ContentType.objects.get_for_model(PortraitPage),
            target_id=str(portrait.pk),
        )
        .order_by("-timestamp")
        .first()
    )
    if requested is not None:
        return ConsentStatus("requested", requested.timestamp, person.primary_email)
    return ConsentStatus("not_asked", address=person.primary_email)


@transaction.atomic
def request_consent(actor, portrait, *, language: str | None = None) -> str:
    """Mail the portrayed person a link to consent to (or decline) the portrait; the
    address is the person's primary one. Returns the address. Who may ask: website.rules."""
    from knotenpunkt.website.rules import may_request_portrait_consent

    if not may_request_portrait_consent(actor, portrait):
        raise ConsentRequestRefused(_("You may not ask for consent to this portrait."))
    person = portrait.person
    address = person.primary_email if person is not None else ""
    if not address:
        raise ConsentRequestRefused(
            _("The portrayed person has no e-mail address in the directory.")
        )
    queue_mail(
        "website_portrait_consent",
        address,
        {
            "name": person.full_name,
            "title": portrait.title,
            "teaser": portrait.teaser,
            "cluster": _cluster_name(portrait),
            "consent_url": consent_url(portrait, person),
            "valid_days": CONSENT_LINK_VALID_DAYS,
        },
        language=language,
    )
    log_action(actor, "website.portrait.consent_requested", portrait, person=person.pk)
    return address


def _cluster_name(portrait) -> str:
    from knotenpunkt.website.models import ClusterSite

    for cluster_site in ClusterSite.objects.select_related("cluster", "site__root_page"):
        for home in Page.objects.filter(
            translation_key=cluster_site.site.root_page.translation_key
        ).only("path"):
            if portrait.path.startswith(home.path):
                return cluster_site.cluster.name
    return ""


@transaction.atomic
def decide_consent(token: str, granted: bool, *, ip=None) -> PortraitPage:
    """The portrayed person's answer on the link's page: consent is recorded (the editors
    may then publish), a refusal takes every portrait of them offline."""
    portrait, person = portrait_for_consent(token)
    if granted:
        record_consent(person, Consent.Purpose.PORTRAIT, True, source="portrait invitation", ip=ip)
    elif not withdraw_consent(
        None, person, Consent.Purpose.PORTRAIT, source="portrait invitation", ip=ip
    ):
        # Never given: the refusal is recorded all the same, so the editors see it.
        record_consent(person, Consent.Purpose.PORTRAIT, False, source="portrait invitation", ip=ip)
    log_action(
        None,
        "website.portrait.consent_given" if granted else "website.portrait.consent_declined",
        portrait,
        person=person.pk,
    )
    return portrait
