"""What the merge keeps about a person: the snapshots that make a merge undoable.

Export (Art. 15) lists the merges of the person's records. Erasure (Art. 17) empties their
snapshots, since those hold the merged-away record's data; such a merge can then no
longer be undone, which its page says.
"""

from django.db.models import Q

from knotenpunkt.core.registry import register_personal_data
from knotenpunkt.quality.models import MergeKind, MergeRecord


def _merges_of(person):
    return MergeRecord.objects.filter(
        Q(survivor_id=person.pk) | Q(loser_id=person.pk), kind=MergeKind.PERSON
    )


def export_merges(person) -> list[dict]:
    return [
        {
            "merged_at": record.merged_at.isoformat(),
            "surviving_record": record.survivor_id,
            "merged_away_record": record.loser_id,
            "merged_away": record.loser_repr,
            "undone_at": record.undone_at.isoformat() if record.undone_at else None,
        }
        for record in _merges_of(person)
    ]


def erase_merges(person) -> None:
    _merges_of(person).update(snapshot={}, survivor_repr="—", loser_repr="—")


register_personal_data(
    "quality.merges", export_merges, erase_merges, models=("quality.MergeRecord",)
)
