"""What the events app keeps about a person: registrations and invitations.

Export (Art. 15) lists them with the answers given; erasure (Art. 17) empties the answers
but keeps the registrations as anonymous rows, so attendance figures stay correct.
"""

from knotenpunkt.core.registry import register_merge_relation, register_personal_data


def export_event_data(person) -> dict:
    return {
        "registrations": [
            {
                "event": r.event.title,
                "starts_at": r.event.starts_at.isoformat(),
                "ticket_type": r.ticket_type.name,
                "status": r.get_status_display(),
                "organisation": r.organisation.name if r.organisation else None,
                "answers": r.answers,
                "price_net": str(r.price_net),
                "registered_at": r.created_at.isoformat(),
                "cancelled_at": r.cancelled_at.isoformat() if r.cancelled_at else None,
                "checked_in_at": r.checked_in_at.isoformat() if r.checked_in_at else None,
            }
            for r in person.event_registrations.select_related(
                "event", "ticket_type", "organisation"
            )
        ],
        "invitations": [
            {"event": i.event.title, "invited_at": i.created_at.isoformat()}
            for i in person.event_invitations.select_related("event")
        ],
    }


def erase_event_data(person) -> None:
    person.event_registrations.update(answers={})
    person.event_invitations.all().delete()


register_personal_data(
    "events",
    export_event_data,
    erase_event_data,
    models=("events.Registration", "events.Invitation"),
)
register_merge_relation("person", "events.Registration", "person", unique_with=("event",))
register_merge_relation("person", "events.Invitation", "person", unique_with=("event",))
register_merge_relation("organisation", "events.Registration", "organisation")
