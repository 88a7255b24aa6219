"""The demo's personas: three of the digital cluster, named and described, each of five or
more people, computed from the demo's people."""

import pytest

from knotenpunkt.demo.personas import KINDS, build_personas_demo
from knotenpunkt.demo.plan import DIGITAL
from knotenpunkt.personas.models import Persona


@pytest.fixture
def digital_personas(demo, db):
    return list(Persona.objects.filter(cluster__slug=DIGITAL["slug"], is_active=True))


def test_the_digital_cluster_has_three_named_personas_of_five_or_more(digital_personas):
    assert sorted(p.name for p in digital_personas) == sorted(kind[0] for kind in KINDS)
    for persona in digital_personas:
        assert persona.size >= 5
        assert persona.memberships.count() == persona.size
        assert persona.description and persona.goals
        assert persona.typical_topic_ids


def test_building_the_personas_again_adds_nothing(digital_personas):
    assert build_personas_demo() is False
