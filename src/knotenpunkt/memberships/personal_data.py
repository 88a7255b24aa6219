"""What membership fees store about a person, for export (Art. 15) and erasure (Art. 17).

Fees, invoices, debits and reminders concern organisations. A person appears as the one
who applied for their organisation (the login), who accepted its statutes, and as the
signatory of a SEPA mandate (by name). The mandate is the legal basis of every debit made
under it: the creditor must keep it while it is in force and prove it for the refund
period after the last debit, so erasure (Art. 17(3)(b) and (e) DSGVO) keeps the name on a
mandate still in force and removes it from mandates that ended.
"""

from django.db.models import Q

from knotenpunkt.core.registry import register_personal_data
from knotenpunkt.memberships.models import DocumentAcceptance, Mandate, MembershipApplication

ERASED = "–"


def _mandates_signed_by(person):
    name = person.full_name.strip()
    if not name:
        return Mandate.objects.none()
    return Mandate.objects.filter(
        signed_by__iexact=name, organisation__positions__person=person
    ).distinct()


def export_person(person) -> dict:
    applications = (
        MembershipApplication.objects.filter(applicant=person.user)
        if person.user_id
        else MembershipApplication.objects.none()
    )
    acceptances = (
        DocumentAcceptance.objects.filter(accepted_by=person.user).select_related("document")
        if person.user_id
        else DocumentAcceptance.objects.none()
    )
    return {
        "applications": [
            {
                "organisation": str(a.organisation),
                "cluster": str(a.cluster),
                "kind": a.kind,
                "start_date": a.start_date.isoformat(),
                "motivation": a.motivation,
                "status": a.status,
                "submitted_at": a.submitted_at.isoformat(),
            }
            for a in applications.select_related("organisation", "cluster")
        ],
        "accepted_documents": [
            {"document": str(a.document), "accepted_at": a.accepted_at.isoformat()}
            for a in acceptances
        ],
        "mandates_signed": [
            {
                "reference": m.reference,
                "organisation": str(m.organisation),
                "signed_on": m.signed_on.isoformat(),
                "status": m.status,
            }
            for m in _mandates_signed_by(person).select_related("organisation")
        ],
    }


def erase_person(person) -> None:
    if person.user_id:
        MembershipApplication.objects.filter(applicant=person.user).update(applicant=None)
        DocumentAcceptance.objects.filter(accepted_by=person.user).update(accepted_by=None)
    ended = ~Q(status=Mandate.Status.ACTIVE)
    Mandate.objects.filter(pk__in=_mandates_signed_by(person).values("pk")).filter(ended).update(
        signed_by=ERASED
    )


register_personal_data(
    "memberships",
    export_person,
    erase_person,
    models=(
        "memberships.MembershipApplication.applicant",
        "memberships.DocumentAcceptance.accepted_by",
        "memberships.Mandate",
    ),
)
