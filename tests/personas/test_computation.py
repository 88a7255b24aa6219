import pytest

from knotenpunkt.personas.models import Computation, Persona, PersonaMembership
from knotenpunkt.personas.services import compute_personas, describe_persona
from knotenpunkt.privacy.models import Consent
from knotenpunkt.privacy.services import record_consent
from tests.factories import ClusterFactory
from tests.personas.conftest import make_people

pytestmark = pytest.mark.django_db


def _partition(cluster):
    groups = {}
    for persona_id, person_id in PersonaMembership.objects.filter(cluster=cluster).values_list(
        "persona_id", "person_id"
    ):
        groups.setdefault(persona_id, set()).add(person_id)
    return {frozenset(people) for people in groups.values()}


def test_similar_people_form_one_persona_each(cluster, population):
    compute_personas(cluster)
    partition = _partition(cluster)
    ai = {p.pk for p in population["ai"]}
    public = {p.pk for p in population["public"]}
    assert any(ai <= group for group in partition)
    assert any(public <= group for group in partition)
    assert not any(ai & group and public & group for group in partition)


def test_every_persona_has_at_least_five_people_and_small_groups_are_merged(cluster, population):
    computation = compute_personas(cluster)
    personas = Persona.objects.filter(cluster=cluster, is_active=True)
    assert personas.count() >= 2
    assert all(p.size >= 5 for p in personas)
    assert all(p.memberships.count() == p.size for p in personas)
    # The two people of the third kind are merged into a persona, not dropped.
    assert PersonaMembership.objects.filter(cluster=cluster).count() == 14
    assert computation.dropped == 0


def test_fewer_than_five_consenting_people_give_no_persona(cluster):
    make_people(cluster, "ai", 4)
    computation = compute_personas(cluster)
    assert not Persona.objects.filter(cluster=cluster).exists()
    assert not PersonaMembership.objects.exists()
    assert computation.dropped == 4


def test_people_without_the_profiling_consent_are_in_no_persona(cluster, population):
    outsiders = make_people(cluster, "ai", 3, consent=False)
    compute_personas(cluster)
    assert not PersonaMembership.objects.filter(person__in=outsiders).exists()


def test_the_same_data_gives_the_same_personas(cluster, population):
    compute_personas(cluster)
    first = _partition(cluster)
    centroids = dict(Persona.objects.values_list("slug", "centroid"))
    compute_personas(cluster)
    assert _partition(cluster) == first
    assert dict(Persona.objects.values_list("slug", "centroid")) == centroids


def test_names_description_and_goals_stay_when_the_personas_are_recomputed(
    cluster, population, alice
):
    compute_personas(cluster)
    ai_persona = Persona.objects.get(memberships__person=population["ai"][0])
    describe_persona(
        alice, ai_persona, name="KI-Start-ups", description="Junge Firmen", goals="Pilotkunden"
    )
    # More people of both kinds join; the AI founders' persona keeps its words.
    make_people(cluster, "ai", 3)
    make_people(cluster, "public", 2)
    compute_personas(cluster)
    again = Persona.objects.get(memberships__person=population["ai"][0])
    assert again.pk == ai_persona.pk
    assert (again.name, again.description, again.goals) == (
        "KI-Start-ups",
        "Junge Firmen",
        "Pilotkunden",
    )
    assert again.size >= 9


def test_a_persona_no_longer_found_keeps_its_words_but_has_no_members(cluster, population):
    compute_personas(cluster)
    public_persona = Persona.objects.get(memberships__person=population["public"][0])
    describe_persona(None, public_persona, name="Verwaltung", description="", goals="")
    for person in population["public"]:
        record_consent(person, Consent.Purpose.PROFILING, False, source="feed page")
    compute_personas(cluster)
    public_persona.refresh_from_db()
    assert not public_persona.is_active
    assert public_persona.name == "Verwaltung"
    assert not public_persona.memberships.exists()


def test_each_cluster_is_computed_from_its_own_people(cluster, population):
    other = ClusterFactory(slug="maritim")
    compute_personas(other)
    assert not Persona.objects.filter(cluster=other).exists()
    assert Computation.objects.get(cluster=other).population == 0


def test_the_command_computes_every_cluster(cluster, population):
    from django.core.management import call_command

    call_command("compute_personas", "--cluster", cluster.slug)
    assert Persona.objects.filter(cluster=cluster, is_active=True).count() >= 2
