"""Generalisation fixes of the engine, on small hand-built cases.

- a single everyday word in a need cannot find a concept on its own;
- a need's taxonomy topics count as concept evidence;
- general vocabulary of farm records, home care and everyday data protection.
"""

import pytest

from knotenpunkt.directory.models import Topic
from knotenpunkt.matching.engine.analysis import analyse
from knotenpunkt.matching.engine.concepts import build_lexicon
from knotenpunkt.matching.engine.query import build_query
from knotenpunkt.matching.models import CompetenceProfile, Need
from knotenpunkt.matching.services.indexing import reindex_organisation
from knotenpunkt.matching.services.ranking import rank_providers
from tests.factories import ClusterFactory, OrganisationFactory

POS = {
    "slug": "pos",
    "parent": None,
    "kind": "technology",
    "label_de": "Kassensystem",
    "label_en": "Point of sale",
    "synonyms": ["Kasse", "Laden"],
}


def lexicon():
    return build_lexicon([POS], curated=False)


def test_one_everyday_word_in_a_need_does_not_find_a_concept():
    query = build_query("Neue Tür", "Die Kasse steht neben der Tür.", lexicon(), key="n")
    assert "t:pos" not in query.concepts


def test_two_everyday_words_of_the_same_concept_find_it_together():
    query = build_query("Laden", "Die Kasse im Laden ist alt.", lexicon(), key="n")
    assert "t:pos" in query.concepts


def test_a_specific_word_finds_its_concept_on_its_own():
    query = build_query("Neues Kassensystem", "Wir brauchen es bald.", lexicon(), key="n")
    assert "t:pos" in query.concepts


def test_a_profile_is_read_without_the_strict_rule():
    found = lexicon().detect(analyse("Wir richten Ihre Kasse ein."))
    assert "t:pos" in found


def test_a_need_topic_is_concept_evidence_in_the_query():
    query = build_query(
        "Hilfe gesucht", "Wer kann uns helfen?", lexicon(), key="n", topics=("pos",)
    )
    assert query.concepts["t:pos"] >= 2.0


@pytest.mark.django_db
def test_need_topic_finds_the_provider_with_that_topic_when_words_do_not():
    topic = Topic.objects.filter(slug="landwirtschaft").first() or Topic.objects.create(
        slug="landwirtschaft", label_de="Landwirtschaft", label_en="Agriculture", kind="industry"
    )
    for name, description in [
        ("Papierlos GmbH", "Dokumente scannen und Ablage digital, weg vom Papier."),
        ("Feldblick", "Software für Betriebe draußen."),
        ("Webkontor", "Homepages für Vereine und Praxen."),
    ]:
        organisation = OrganisationFactory(name=name, description=description)
        profile = CompetenceProfile.objects.create(organisation=organisation)
        if name == "Feldblick":
            profile.topics.add(topic)
        reindex_organisation(organisation.pk)
    author = OrganisationFactory(name="Autor", description="")
    need = Need.objects.create(
        cluster=ClusterFactory(),
        organisation=author,
        title="Aufzeichnungen im Schrank",
        text="Vor jeder Prüfung suchen wir abends alles zusammen.",
    )
    assert "Feldblick" not in [m.organisation.name for m in rank_providers(need)]
    need.topics.add(topic)
    assert rank_providers(need)[0].organisation.name == "Feldblick"


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("Wir müssen die Düngung dokumentieren und Gülle nachweisen.", "t:smart-farming"),
        (
            "Unsere Pflegekräfte fahren Hausbesuche, die Pflegedienstleitung plant.",
            "t:digitale-pflege",
        ),
        ("Darf der Chef Kundendaten per WhatsApp teilen?", "t:datenschutz-dsgvo"),
    ],
)
@pytest.mark.django_db
def test_curated_vocabulary_for_farms_home_care_and_everyday_data_protection(text, concept):
    from knotenpunkt.matching.services.indexing import current_lexicon

    query = build_query("Frage", text, current_lexicon(), key="n")
    assert concept in query.concepts
