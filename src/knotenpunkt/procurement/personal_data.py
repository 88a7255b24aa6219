"""What the one-stop shop keeps about a person: the buyer reviews they wrote.

Everything else (offerings, requests, quotes, orders) belongs to organisations; the
people who acted are in the audit log, which the privacy app covers. Erasure keeps a
review (it is the administration's experience) but removes its author.
"""

from knotenpunkt.core.registry import register_personal_data
from knotenpunkt.procurement.models import OfferingReview


def export_procurement(person) -> dict:
    return {
        "offering_reviews": [
            {
                "offering": str(r.offering),
                "administration": str(r.buyer),
                "rating": r.rating,
                "text": r.text,
                "written": r.created_at.isoformat(),
            }
            for r in OfferingReview.objects.filter(author=person)
            .select_related("offering", "buyer")
            .order_by("pk")
        ]
    }


def erase_procurement(person) -> None:
    OfferingReview.objects.filter(author=person).update(author=None)


register_personal_data(
    "procurement",
    export_procurement,
    erase_procurement,
    models=("procurement.OfferingReview",),
)
