"""What the community view keeps about a person, for export (Art. 15) and erasure (Art. 17):
the staff's decisions on suggested pairs naming them (and, for a staff login, the
decisions they took). Enriched profiles themselves are
computed on each view and stored nowhere (the audit log records who looked)."""

from django.db.models import Q

from knotenpunkt.community.models import PairDecision
from knotenpunkt.core.registry import register_personal_data


def export_person(person) -> dict:
    decisions = (
        PairDecision.objects.filter(Q(person_a=person) | Q(person_b=person))
        .select_related("cluster", "person_a", "person_b")
        .order_by("decided_at", "pk")
    )
    return {
        "suggested_contacts": [
            {
                "cluster": str(d.cluster),
                "other_person": (
                    d.person_b if d.person_a_id == person.pk else d.person_a
                ).full_name,
                "decision": d.get_decision_display(),
                "why": d.explanation,
                "at": d.decided_at.isoformat(),
            }
            for d in decisions
        ]
    }


def erase_person(person) -> None:
    PairDecision.objects.filter(Q(person_a=person) | Q(person_b=person)).delete()
    if person.user_id:
        PairDecision.objects.filter(decided_by_id=person.user_id).update(decided_by=None)


register_personal_data(
    "community",
    export_person,
    erase_person,
    models=(
        "community.PairDecision.person_a",
        "community.PairDecision.person_b",
        "community.PairDecision.decided_by",
    ),
)
