"""What the directory stores about a person, for export (Art. 15) and erasure (Art. 17)."""

from knotenpunkt.core.registry import register_personal_data


def export_person(person) -> dict:
    return {
        "salutation": person.get_salutation_display(),
        "title": person.title,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "shown_publicly": person.is_public,
        "interests": [t.label_de for t in person.topics.all()],
        "emails": [
            {"address": e.address, "kind": e.kind, "primary": e.is_primary}
            for e in person.emails.all()
        ],
        "phones": [{"number": str(p.number), "kind": p.kind} for p in person.phones.all()],
        "functions": [
            {
                "organisation": p.organisation.name,
                "function": p.get_function_display(),
                "job_title": p.job_title,
                "organisation_admin": p.is_admin,
                "since": p.start_date.isoformat() if p.start_date else None,
                "until": p.end_date.isoformat() if p.end_date else None,
            }
            for p in person.positions.select_related("organisation")
        ],
        "created_at": person.created_at.isoformat(),
        "updated_at": person.updated_at.isoformat(),
    }


def erase_person(person) -> None:
    """Remove everything that identifies the person; the functions stay as anonymous rows
    so that counts (e.g. people per organisation and function) remain correct."""
    person.emails.all().delete()
    person.phones.all().delete()
    person.topics.clear()
    person.positions.update(job_title="", is_admin=False)
    person.salutation = person.Salutation.NONE
    person.title = ""
    person.first_name = "–"
    person.last_name = f"anonymised #{person.pk}"
    person.is_public = False
    person.save(update_fields=["salutation", "title", "first_name", "last_name", "is_public"])


register_personal_data("directory", export_person, erase_person)
