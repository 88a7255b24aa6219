"""Portraits and the portrayed person's consent (Consent.Purpose.PORTRAIT)."""

from django.db import transaction
from django.db.models import Q

from knotenpunkt.core.audit import log_action
from knotenpunkt.directory.models import Position
from knotenpunkt.privacy.models import Consent
from knotenpunkt.privacy.services import current_consents, on_consent_withdrawn
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
