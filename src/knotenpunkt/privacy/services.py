"""DSGVO operations: consent records, data export (Art. 15) and erasure (Art. 17)."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.audit import log_action, register_action
from knotenpunkt.core.registry import erasure_order, personal_data_providers
from knotenpunkt.privacy.models import Consent
from knotenpunkt.privacy.texts import CONSENT_TEXTS

register_action("privacy.consent.recorded", _("Consent recorded"))
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
