"""What interactions keep about a person, for export (Art. 15) and erasure (Art. 17).

A person appears as someone the cluster management met (the interaction's people, and by
name in its summary, notes or follow-up tasks) and, with a staff login, as someone who took
part, recorded an interaction or was given a follow-up.

The export lists the interactions about the person with everything recorded about them,
notes marked "only me" included: the right of access (Art. 15) covers a staff member's
working notes about a person as much as shared ones, and the export is the person's, even
when staff download it on their behalf. (Anywhere else such notes stay their author's.)
Erasure keeps the interactions (they are the organisation's history and the cluster's
figures) and removes the person from them: from the people met, and their names,
addresses and numbers from the texts; a staff login is taken off the interactions and
follow-ups.
"""

from django.db import transaction
from django.db.models import Q

from knotenpunkt.core.audit import mentioning, pseudonymised
from knotenpunkt.core.registry import identity_of, register_personal_data
from knotenpunkt.interactions.models import FollowUp, Interaction

TEXTS = ("summary", "notes")


def _about(person, identity):
    """Interactions that met the person or name them; a plain filter on ids, so that it
    can be locked (PostgreSQL locks no DISTINCT query)."""
    about = Interaction.objects.filter(Q(people=person) | mentioning(identity.anywhere, *TEXTS))
    return Interaction.objects.filter(pk__in=about.values("pk"))


def export_interactions(person) -> dict:
    identity = identity_of(person)
    data = {
        "interactions_about_you": [
            {
                "date": i.date.isoformat(),
                "kind": i.get_kind_display(),
                "cluster": str(i.cluster),
                "organisation": str(i.organisation),
                "summary": i.summary,
                "notes": i.notes,
                "topics": [t.label for t in i.topics.all()],
                "introduced_to": str(i.introduced_to) if i.introduced_to else "",
            }
            for i in _about(person, identity)
            .select_related("cluster", "organisation", "introduced_to")
            .prefetch_related("topics")
            .order_by("date", "pk")
        ],
    }
    if person.user_id:
        user = person.user
        data["interactions_you_took_part_in"] = [
            {
                "date": i.date.isoformat(),
                "kind": i.get_kind_display(),
                "organisation": str(i.organisation),
            }
            for i in Interaction.objects.filter(Q(staff=user) | Q(created_by=user))
            .distinct()
            .select_related("organisation")
            .order_by("date", "pk")
        ]
        data["follow_ups_assigned_to_you"] = [
            {
                "task": f.title,
                "due_on": f.due_on.isoformat(),
                "done": f.done_at.isoformat() if f.done_at else "",
            }
            for f in FollowUp.objects.filter(assignee=user).order_by("due_on", "pk")
        ]
    return data


@transaction.atomic
def erase_interactions(person) -> None:
    identity = identity_of(person)
    met = set(Interaction.objects.filter(people=person).values_list("pk", flat=True))
    own_terms = identity.anywhere + identity.name_parts
    for interaction in _about(person, identity).select_for_update().order_by("pk"):
        terms = own_terms if interaction.pk in met else identity.anywhere
        interaction.summary = pseudonymised(interaction.summary, terms, identity.pseudonym)[:300]
        interaction.notes = pseudonymised(interaction.notes, terms, identity.pseudonym)
        interaction.save(update_fields=["summary", "notes", "updated_at"])
        interaction.people.remove(person)
    for follow_up in FollowUp.objects.filter(
        Q(interaction_id__in=met) | mentioning(identity.anywhere, "title")
    ).select_for_update():
        terms = own_terms if follow_up.interaction_id in met else identity.anywhere
        follow_up.title = pseudonymised(follow_up.title, terms, identity.pseudonym)[:200]
        follow_up.save(update_fields=["title"])
    if person.user_id:
        user = person.user
        Interaction.staff.through.objects.filter(user=user).delete()
        Interaction.objects.filter(created_by=user).update(created_by=None)
        FollowUp.objects.filter(assignee=user).update(assignee=None)


register_personal_data(
    "interactions",
    export_interactions,
    erase_interactions,
    models=(
        "interactions.Interaction.people",
        "interactions.Interaction.staff",
        "interactions.Interaction.created_by",
        "interactions.FollowUp.assignee",
    ),
)
