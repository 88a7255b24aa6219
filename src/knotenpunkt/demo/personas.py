"""Demo personas of the digital cluster: three segments computed from the demo's people,
named, described and given goals the way its cluster management would.

Runs last. People of three kinds of member organisations (established firms, young AI
and software firms, public bodies and intermediaries) get the profiling consent and an
interest profile, so that each persona has well over five people, whether or not another
part of the demo recorded feed usage; then the personas are computed with k = 3 and each
gets the words of the kind most of its people come from. Safe to run again: it does
nothing once the cluster has personas.
"""

from django.db import transaction
from django.db.models import Q
from scipy.optimize import linear_sum_assignment

from knotenpunkt.demo.plan import DIGITAL
from knotenpunkt.directory.models import Cluster, Membership, Organisation, Person, Position
from knotenpunkt.feed.services.interests import compute_profile
from knotenpunkt.personas.models import Persona, PersonaMembership
from knotenpunkt.personas.services import compute_personas, describe_persona
from knotenpunkt.privacy.models import Consent
from knotenpunkt.privacy.services import record_consent

PER_KIND = 18
Actor = Organisation.ActorType
Size = Organisation.SizeClass

# (name, description, goals, which organisations' people)
KINDS = [
    (
        "Mittelständische Digitalisierer",
        "IT-Leitungen und Geschäftsführungen etablierter kleiner und mittlerer Unternehmen, "
        "die Unternehmenssoftware, IT-Sicherheit und Industrie 4.0 im eigenen Haus voranbringen.",
        "Prozesse digitalisieren, ohne den laufenden Betrieb zu gefährden; verlässliche "
        "Partner und Fördermittel finden; Fachkräfte halten und weiterbilden.",
        Q(actor_type=Actor.BUSINESS, size_class__in=[Size.SMALL, Size.MEDIUM, Size.LARGE]),
    ),
    (
        "KI-Start-ups",
        "Gründerinnen und Gründer junger Software- und KI-Firmen mit wenigen Beschäftigten, "
        "die online wie vor Ort netzwerken und schnell Kunden und Kapital suchen.",
        "Pilotkunden im Mittelstand und in der Verwaltung gewinnen; Zugang zu Daten, "
        "Rechenkapazität und Investoren; Sichtbarkeit im Netzwerk.",
        Q(actor_type=Actor.BUSINESS, size_class=Size.MICRO),
    ),
    (
        "Öffentliche Verwaltung/Smart City",
        "Beschäftigte von Kommunen, Hochschulen, Kammern und Verbänden, die digitale "
        "Verwaltungsleistungen, Smart-Region-Projekte und Weiterbildung gestalten.",
        "Lösungen vergaberechtlich korrekt beschaffen; Erfahrungen mit anderen Kommunen "
        "austauschen; digitale Kompetenzen in der Region stärken.",
        Q(actor_type__in=[Actor.PUBLIC, Actor.RESEARCH, Actor.INTERMEDIARY]),
    ),
]


def _people_of_kinds(cluster) -> list[list[int]]:
    """Up to PER_KIND people per kind, at the cluster's member organisations, in id order."""
    members = Membership.objects.in_force().filter(cluster=cluster).values("organisation")
    taken: set[int] = set()
    kinds = []
    for _name, _description, _goals, organisations in KINDS:
        people = (
            Position.objects.current()
            .filter(
                organisation__in=Organisation.objects.filter(organisations, pk__in=members),
                person__erased_at__isnull=True,
            )
            .exclude(person__in=taken)
            .order_by("person_id")
            .values_list("person_id", flat=True)
            .distinct()
        )
        chosen = list(people[:PER_KIND])
        taken.update(chosen)
        kinds.append(chosen)
    return kinds


def _consent(person_ids: list[int]) -> None:
    decided = set(
        Consent.objects.filter(
            person_id__in=person_ids, purpose=Consent.Purpose.PROFILING
        ).values_list("person_id", flat=True)
    )
    for person in Person.objects.filter(pk__in=person_ids).order_by("pk"):
        if person.pk not in decided:
            record_consent(person, Consent.Purpose.PROFILING, True, source="demo import")
        compute_profile(person, with_usage=True)


def _name(cluster, kinds: list[list[int]]) -> None:
    """Give each computed persona the words of the kind most of its people belong to."""
    personas = list(Persona.objects.filter(cluster=cluster, is_active=True).order_by("pk"))
    if not personas:
        return
    members: dict[int, set[int]] = {p.pk: set() for p in personas}
    for persona_id, person_id in PersonaMembership.objects.filter(cluster=cluster).values_list(
        "persona_id", "person_id"
    ):
        members[persona_id].add(person_id)
    overlap = [[len(members[p.pk] & set(kind)) for kind in kinds] for p in personas]
    rows, columns = linear_sum_assignment(overlap, maximize=True)
    for row, column in zip(rows, columns, strict=True):
        name, description, goals, _organisations = KINDS[column]
        describe_persona(None, personas[row], name=name, description=description, goals=goals)


@transaction.atomic
def build_personas_demo() -> bool:
    cluster = Cluster.objects.filter(slug=DIGITAL["slug"]).first()
    if cluster is None or Persona.objects.filter(cluster=cluster).exists():
        return False
    kinds = _people_of_kinds(cluster)
    _consent([person_id for kind in kinds for person_id in kind])
    compute_personas(cluster, k=len(KINDS))
    _name(cluster, kinds)
    return True
