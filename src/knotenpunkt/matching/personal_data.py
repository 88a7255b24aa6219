"""What the matchmaking keeps about a person: needs they wrote, contacts they made, alerts.

Export (Art. 15) lists them. Erasure (Art. 17) removes the person from needs and contacts
(the organisations' needs and contacts stay: they are the organisations' business and the
cluster's figures) and deletes the alert setting.
"""

from knotenpunkt.core.registry import register_personal_data
from knotenpunkt.matching.models import AlertSetting, Contact, Need


def export_matching(person) -> dict:
    return {
        "needs_written": [
            {
                "title": n.title,
                "organisation": str(n.organisation),
                "created": n.created_at.isoformat(),
            }
            for n in Need.objects.filter(author=person)
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
    Need.objects.filter(author=person).update(author=None)
    Contact.objects.filter(person=person).update(person=None, message="")
    AlertSetting.objects.filter(person=person).delete()


register_personal_data("matching", export_matching, erase_matching)
