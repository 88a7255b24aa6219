"""What commitments keep about a person: the login that signed (or withdrew) for an
organisation. The signature is the organisation's and stays; erasure (Art. 17) removes the
link to the person's login, the export (Art. 15) lists what they signed."""

from knotenpunkt.commitments.models import Signature
from knotenpunkt.core.registry import register_personal_data


def export_commitments(person) -> dict:
    if not person.user_id:
        return {"signed": []}
    return {
        "signed": [
            {
                "commitment": s.version.commitment.title,
                "version": s.version.number,
                "organisation": str(s.organisation),
                "signed_at": s.signed_at.isoformat(),
                "withdrawn_at": s.withdrawn_at.isoformat() if s.withdrawn_at else "",
            }
            for s in Signature.objects.filter(signed_by=person.user)
            .select_related("version__commitment", "organisation")
            .order_by("signed_at", "pk")
        ]
    }


def erase_commitments(person) -> None:
    if person.user_id:
        Signature.objects.filter(signed_by=person.user).update(signed_by=None)


register_personal_data(
    "commitments",
    export_commitments,
    erase_commitments,
    models=("commitments.Signature.signed_by",),
)
