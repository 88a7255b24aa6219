"""What the personas store about a person: which persona they are in, per cluster."""

from knotenpunkt.core.registry import register_personal_data
from knotenpunkt.personas.services.computation import remove_person
from knotenpunkt.personas.services.membership import personas_of


def export_person(person) -> list[dict]:
    return [
        {
            "cluster": m.cluster.name,
            "persona": m.persona.name,
            "description": m.persona.description,
            "goals": m.persona.goals,
            "since": m.assigned_at.isoformat(),
        }
        for m in personas_of(person)
    ]


def erase_person(person) -> None:
    remove_person(person)


register_personal_data(
    "personas", export_person, erase_person, models=("personas.PersonaMembership",)
)
