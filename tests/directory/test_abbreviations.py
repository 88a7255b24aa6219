"""Which abbreviations of the taxonomy the search treats as one with their long forms."""

import pytest

from knotenpunkt.directory.services.abbreviations import expand_query, spells
from knotenpunkt.directory.services.search import rings_in_use


@pytest.mark.parametrize(
    ("abbreviation", "long_form"),
    [
        ("KI", "Künstliche Intelligenz"),
        ("ML", "Maschinelles Lernen"),
        ("IAM", "Identity & access management"),
        ("POS", "Point of Sale"),
        ("GenAI", "generative AI"),
        ("DSGVO", "Datenschutzgrundverordnung"),
        ("OZG", "Onlinezugangsgesetz"),
        ("ePA", "Elektronische Patientenakte"),
        ("XR", "Extended Reality"),
    ],
)
def test_an_abbreviation_spells_its_long_form(abbreviation, long_form):
    assert spells(abbreviation, long_form)


@pytest.mark.parametrize(
    ("abbreviation", "word"),
    [
        ("UI", "Usability"),
        ("PR", "Pressearbeit"),
        ("MES", "Maschinenauslastung"),
        ("SIEM", "Sicherheitsmonitoring"),
        ("MDR", "Medizinprodukt"),
        ("POS", "POS systems"),
    ],
)
def test_letters_that_merely_occur_in_a_word_spell_nothing(abbreviation, word):
    assert not spells(abbreviation, word)


def ring(query):
    """The ring the whole query is a member of, or an empty set."""
    parts = expand_query(query, rings_in_use())
    if len(parts) == 1 and parts[0].alternatives:
        return set(parts[0].alternatives)
    return set()


@pytest.mark.django_db
def test_the_seeded_taxonomy_joins_abbreviations_with_german_and_english_long_forms():
    assert ring("KI") == {"KI", "AI", "Künstliche Intelligenz", "Artificial intelligence"}
    assert ring("künstliche Intelligenz") == ring("KI")
    assert ring("DSGVO") == {"DSGVO", "GDPR", "Datenschutzgrundverordnung"}
    assert {"CRM", "Kundenmanagement", "Customer relationship management"} == ring("CRM")
    assert "Sprachverarbeitung" in ring("NLP")


@pytest.mark.django_db
def test_other_synonyms_of_a_topic_are_not_joined_to_its_abbreviations():
    assert ring("Linux") == set()
    assert "maschinelle Intelligenz" not in ring("KI")
    assert ring("Software") == set()


@pytest.mark.django_db
def test_a_word_excluded_from_a_web_search_is_not_expanded():
    parts = expand_query("Daten -KI", rings_in_use())
    assert [(p.text, p.alternatives) for p in parts] == [("Daten -KI", ())]
