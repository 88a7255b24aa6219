"""DSGVO operations: consent records, data export (Art. 15) and erasure (Art. 17)."""

from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.audit import log_action, register_action
from knotenpunkt.core.registry import erasure_order, personal_data_providers
from knotenpunkt.directory.models import Person
from knotenpunkt.directory.services.people import hide_from_public_pages
from knotenpunkt.privacy.models import Consent
from knotenpunkt.privacy.texts import CONSENT_TEXTS

register_action("privacy.consent.recorded", _("Consent recorded"))
register_action("privacy.consent.withdrawn", _("Consent withdrawn on the privacy page"))
register_action("privacy.data.exported", _("Personal data exported"))
register_action("privacy.person.erased", _("Person erased (anonymised)"))


def record_consent(person, purpose: str, granted: bool, *, source: str, ip=None) -> Consent:
    """Store one consent decision with the exact wording and version that was shown.

    The IP address is kept only when the installation opted in (minimal data).
    """
    version, wording = CONSENT_TEXTS[purpose]
    with translation.override(settings.LANGUAGE_CODE):
        wording_text = str(wording)
    return Consent.objects.create(
        person=person,
        purpose=purpose,
        granted=granted,
        source=source,
        text_version=version,
        wording=wording_text,
        ip_address=ip if getattr(settings, "STORE_CONSENT_IP", False) else None,
    )


# What a person may withdraw on the privacy page. Acknowledging the privacy policy is what
# the account rests on: it ends with the account (erasure), not on its own.
WITHDRAWABLE = (
    Consent.Purpose.DIRECTORY_LISTING,
    Consent.Purpose.NEWSLETTER,
    Consent.Purpose.EVENT_INVITATIONS,
    # Being portrayed on a cluster website (the website app takes the portraits offline).
    Consent.Purpose.PORTRAIT,
    Consent.Purpose.JOBS_DIGEST,
    Consent.Purpose.PROFILING,
)
_ON_WITHDRAWAL: dict[str, list[Callable]] = {}


def on_consent_withdrawn(purpose: str, end: Callable) -> None:
    """Register what ends with a consent: `end(person, source=..., ip=...)` stops what the
    consent allowed (the mailings app: the subscriptions of that purpose). It may record
    the withdrawal itself, in its own terms; otherwise withdraw_consent records it."""
    _ON_WITHDRAWAL.setdefault(purpose, []).append(end)


def end_what_consent_allowed(person, purpose: str, *, source: str, ip=None) -> None:
    """Run what ends with the consent (the registered hooks); for pages that record the
    withdrawal themselves (the feed's own switch), so that every app hears of it."""
    for end in _ON_WITHDRAWAL.get(purpose, []):
        end(person, source=source, ip=ip)


@transaction.atomic
def withdraw_consent(actor, person, purpose: str, *, source="privacy page", ip=None) -> bool:
    """Withdraw a given consent and end what it allowed, at once; False if it was not given.

    The person's row is locked, so a double click withdraws once."""
    if purpose not in WITHDRAWABLE:
        raise ValueError(f"{purpose!r} cannot be withdrawn on its own")
    person = Person.objects.select_for_update().get(pk=person.pk)
    if not current_consents(person)[purpose]:
        return False
    if purpose == Consent.Purpose.DIRECTORY_LISTING:
        hide_from_public_pages(actor, person)
    end_what_consent_allowed(person, purpose, source=source, ip=ip)
    if current_consents(person)[purpose]:
        record_consent(person, purpose, False, source=source, ip=ip)
    log_action(actor, "privacy.consent.withdrawn", person, purpose=purpose)
    return True


def consent_overview(person) -> list[dict]:
    """Per purpose, the person's latest decision (the record) and whether the privacy page
    offers to withdraw it; purposes never decided are left out."""
    latest = {}
    for consent in person.consents.order_by("recorded_at", "id"):
        latest[consent.purpose] = consent
    return [
        {
            "purpose": purpose,
            "label": label,
            "consent": latest[purpose],
            "withdrawable": latest[purpose].granted and purpose in WITHDRAWABLE,
        }
        for purpose, label in Consent.Purpose.choices
        if purpose in latest
    ]


def current_consents(person) -> dict[str, bool]:
    """Each purpose's latest decision; a purpose never decided counts as not granted."""
    state = dict.fromkeys(Consent.Purpose.values, False)
    for consent in person.consents.order_by("recorded_at", "id"):
        state[consent.purpose] = consent.granted
    return state


def export_person_data(actor, person) -> dict:
    """Everything stored about a person, from every app that registered personal data."""
    data = {
        "exported_at": timezone.now().isoformat(),
        "person_id": person.pk,
    }
    for provider in personal_data_providers():
        data[provider.key] = provider.export(person)
    log_action(actor, "privacy.data.exported", person)
    return data


@transaction.atomic
def erase_person(actor, person) -> None:
    """Anonymise a person for good. Aggregates (counts, revenue) stay correct because rows
    are anonymised, not deleted; the login, if any, is deactivated and scrubbed (by the
    accounts' provider) and unlinked."""
    for provider in erasure_order():
        if provider.erase is not None:
            provider.erase(person)
    person.user = None
    person.erased_at = timezone.now()
    person.save(update_fields=["user", "erased_at"])
    log_action(actor, "privacy.person.erased", person)
