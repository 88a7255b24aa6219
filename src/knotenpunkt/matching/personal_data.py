"""What the matchmaking keeps about a person: needs they wrote, contacts they made, alerts.

Export (Art. 15) lists them. Erasure (Art. 17) removes the person from needs and contacts
(the organisations' needs and contacts stay: they are the organisations' business and the
cluster's figures), with their names, addresses and numbers in the texts, and deletes the
alert setting.
"""

from django.db.models import Q

from knotenpunkt.core.audit import mentioning
from knotenpunkt.core.registry import identity_of, register_personal_data
from knotenpunkt.matching.models import AlertSetting, Contact, Need
from knotenpunkt.matching.services.needs import remove_person_from_needs


def export_matching(person) -> dict:
    identity = identity_of(person)
    return {
        "needs_written": [
            {
                "title": n.title,
                "text": n.text,
                "organisation": str(n.organisation),
                "created": n.created_at.isoformat(),
            }
            for n in Need.objects.filter(author=person)
            .select_related("organisation")
            .order_by("pk")
        ],
        "needs_naming_you": [
            {"title": n.title, "text": n.text, "organisation": str(n.organisation)}
            for n in Need.objects.filter(mentioning(identity.anywhere, "title", "text"))
            .filter(~Q(author=person) | Q(author__isnull=True))
            .select_related("organisation")
            .order_by("pk")
        ],
        "contacts": [
            {
                "need": c.need.title,
                "provider": str(c.provider),
                "message": c.message,
                "status": c.get_status_display(),
                "created": c.created_at.isoformat(),
            }
            for c in Contact.objects.filter(person=person)
            .select_related("need", "provider")
            .order_by("pk")
        ],
        "alerts": [
            {"need_alerts": a.need_alerts, "frequency": a.get_frequency_display()}
            for a in AlertSetting.objects.filter(person=person)
        ],
    }


def erase_matching(person) -> None:
    remove_person_from_needs(person, identity_of(person))
    AlertSetting.objects.filter(person=person).delete()


register_personal_data(
    "matching",
    export_matching,
    erase_matching,
    models=("matching.Need.author", "matching.Contact", "matching.AlertSetting"),
)
