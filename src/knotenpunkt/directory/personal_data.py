"""What the directory stores about a person, for export (Art. 15) and erasure (Art. 17)."""

from knotenpunkt.core.registry import Identity, register_identity, register_personal_data


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
        "cluster_management_of": [str(c) for c in _staffed_clusters(person)],
        "created_at": person.created_at.isoformat(),
        "updated_at": person.updated_at.isoformat(),
    }


def _staffed_clusters(person):
    if person.user is None:
        return []
    return person.user.staffed_clusters.order_by("pk")


def erase_person(person) -> None:
    """Remove everything that identifies the person; the functions stay as anonymous rows
    so that counts (e.g. people per organisation and function) remain correct."""
    if person.user is not None:
        person.user.staffed_clusters.clear()
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


def identity_of_person(person) -> Identity:
    """How the person appears in free text (audit details, mail bodies, need texts)."""
    first, last = person.first_name.strip(), person.last_name.strip()
    names = {person.full_name, f"{first} {last}", f"{last}, {first}"}
    emails = {e.address for e in person.emails.all()}
    if person.user is not None and person.user.email:
        emails.add(person.user.email)
    phones = set()
    for phone in person.phones.all():
        number = phone.number
        phones |= {number.as_e164, number.as_international, number.as_national}
        phones.add(number.as_national.replace(" ", ""))
    return Identity(
        pseudonym=f"anonymised #{person.pk}",
        names=tuple(sorted((n.strip() for n in names if n.strip(" ,")), key=len, reverse=True)),
        # A one-letter name would match inside every word.
        name_parts=tuple(p for p in (last, first) if len(p) >= 2),
        emails=tuple(sorted(emails)),
        phones=tuple(sorted((p for p in phones if p), key=len, reverse=True)),
    )


register_identity(identity_of_person)
# Runs last: the other apps find the person's rows by the addresses erased here.
register_personal_data(
    "directory",
    export_person,
    erase_person,
    models=(
        "directory.Person",
        "directory.PersonEmail",
        "directory.PersonPhone",
        "directory.Position",
        "directory.Cluster.staff",
    ),
    erase_last=True,
)
