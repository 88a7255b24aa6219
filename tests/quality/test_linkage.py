"""The record-linkage engine finds German-reality duplicates and keeps namesakes apart."""

import sys
from pathlib import Path

import pytest

from knotenpunkt.quality.linkage import (
    LinkedPair,
    link_organisations,
    link_people,
    transitive_pairs,
)

PEOPLE = [
    # One person in four systems: umlauts, initial, phone formats, legal-form variants.
    {
        "record_id": "crm-1",
        "source": "crm",
        "organisation": "Fördewerk Digital GmbH",
        "first_name": "Jürgen",
        "last_name": "Groß",
        "email": "juergen.gross@foerdewerk.example",
        "phone": "0431/123456",
        "street": "Holstenstraße 12",
        "postcode": "24103",
        "city": "Kiel",
        "website": "https://www.foerdewerk.example",
    },
    {
        "record_id": "erp-7",
        "source": "erp",
        "organisation": "Foerdewerk Digital G.m.b.H.",
        "first_name": "J.",
        "last_name": "Gross",
        "phone": "+49 431 123456",
        "street": "Holstenstr. 12",
        "postcode": "24103",
        "city": "Kiel",
    },
    {
        "record_id": "news-3",
        "source": "newsletter",
        "first_name": "Juergen",
        "last_name": "GROSS",
        "email": "Juergen.Gross@foerdewerk.example",
    },
    # Two different Thomas Müllers: other e-mail, other employer, other town.
    {
        "record_id": "crm-2",
        "source": "crm",
        "organisation": "Westküsten Werft AG",
        "first_name": "Thomas",
        "last_name": "Müller",
        "email": "thomas.mueller@westkueste-werft.example",
        "phone": "0481 778899",
        "street": "Hafenstraße 3",
        "postcode": "25746",
        "city": "Heide",
    },
    {
        "record_id": "tic-9",
        "source": "ticketshop",
        "organisation": "Travebits KG",
        "first_name": "Thomas",
        "last_name": "Mueller",
        "email": "thomas.mueller@travebits.example",
        "phone": "0451 445566",
        "street": "Breite Straße 40",
        "postcode": "23552",
        "city": "Lübeck",
    },
    # A colleague of Jürgen's: same employer, switchboard and address, other name.
    {
        "record_id": "crm-3",
        "source": "crm",
        "organisation": "Fördewerk Digital GmbH",
        "first_name": "Anke",
        "last_name": "Boysen",
        "email": "anke.boysen@foerdewerk.example",
        "phone": "0431/123456",
        "street": "Holstenstraße 12",
        "postcode": "24103",
        "city": "Kiel",
    },
]


def linked(pairs):
    return {(pair.a, pair.b) for pair in pairs}


def test_one_person_in_three_systems_is_linked_across_spellings_and_initials():
    pairs = transitive_pairs(link_people(PEOPLE))

    assert {("crm-1", "erp-7"), ("crm-1", "news-3"), ("erp-7", "news-3")} <= linked(pairs)


def test_two_thomas_muellers_with_different_employers_stay_apart():
    pairs = link_people(PEOPLE)

    assert ("crm-2", "tic-9") not in linked(pairs)


def test_colleagues_sharing_employer_phone_and_address_stay_apart():
    pairs = link_people(PEOPLE)

    assert not {("crm-1", "crm-3"), ("crm-3", "erp-7")} & linked(pairs)


def test_a_linked_pair_names_the_fields_that_agreed():
    pair = next(p for p in link_people(PEOPLE) if (p.a, p.b) == ("crm-1", "erp-7"))

    assert {"first_name", "last_name", "phone", "organisation", "address"} <= set(pair.agreements)
    assert 0.9 <= pair.score <= 1


def test_missing_keys_count_as_empty():
    records = [
        {"record_id": "1", "first_name": "Wiebke", "email": "wiebke@kontor.example"},
        {"record_id": "2", "email": "WIEBKE@kontor.example "},
    ]

    assert linked(link_people(records)) == {("1", "2")}


@pytest.mark.parametrize("records", [[], [PEOPLE[0]], [{"record_id": "a"}, {"record_id": "b"}]])
def test_empty_input_single_records_and_empty_columns_give_no_pairs(records):
    assert link_people(records) == []


def test_duplicate_record_ids_are_refused():
    with pytest.raises(ValueError, match="unique"):
        link_people([PEOPLE[0], PEOPLE[0]])


def test_transitive_pairs_add_the_implied_pair_with_the_weakest_links_score():
    pairs = [LinkedPair("a", "b", 0.99, ("email",)), LinkedPair("b", "c", 0.95, ("phone",))]

    closed = transitive_pairs(pairs)

    assert closed == [
        LinkedPair("a", "b", 0.99, ("email",)),
        LinkedPair("a", "c", 0.95, ()),
        LinkedPair("b", "c", 0.95, ("phone",)),
    ]


def test_transitive_pairs_keep_separate_groups_separate():
    pairs = [LinkedPair("a", "b", 0.99), LinkedPair("c", "d", 0.99)]

    assert linked(transitive_pairs(pairs)) == {("a", "b"), ("c", "d")}


def test_transitive_pairs_order_numeric_ids_by_value():
    closed = transitive_pairs([LinkedPair("9", "10", 0.99), LinkedPair("10", "100", 0.97)])

    assert [(p.a, p.b) for p in closed] == [("9", "10"), ("9", "100"), ("10", "100")]


def test_organisations_with_legal_form_variants_and_one_register_number_are_linked():
    records = [
        {
            "record_id": "1",
            "name": "Fördewerk Digital UG (haftungsbeschränkt)",
            "register_number": "HRB 1234 KI",
            "phone": "0431 5555555",
        },
        {
            "record_id": "2",
            "name": "Foerdewerk Digital UG",
            "register_number": "HRB1234",
            "phone": "+49 431 5555555",
        },
    ]

    pairs = link_organisations(records)

    assert linked(pairs) == {("1", "2")}
    assert "register_number" in pairs[0].agreements


def test_organisations_with_one_name_but_different_vat_ids_stay_apart():
    records = [
        {"record_id": "1", "name": "Nordlicht GmbH", "vat_id": "DE123456789", "city": "Kiel"},
        {"record_id": "2", "name": "Nordlicht AG", "vat_id": "DE987654321", "city": "Lübeck"},
    ]

    assert link_organisations(records) == []


def test_organisations_with_one_web_domain_are_linked():
    records = [
        {
            "record_id": "1",
            "name": "Nordlicht GmbH",
            "website": "www.nordlicht.example",
            "postcode": "24103",
            "street": "Holstenstraße 1",
        },
        {
            "record_id": "2",
            "name": "Nordlicht G.m.b.H.",
            "website": "https://nordlicht.example/",
            "postcode": "24103",
            "street": "Holstenstr. 1",
        },
    ]

    assert linked(link_organisations(records)) == {("1", "2")}


@pytest.fixture
def generated_people():
    """2,500 records from the benchmark's generator: enough for unsupervised training."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench" / "dedupe"))
    from generate import Generator

    records, truth = Generator(seed=7).exports(2_500)
    return records, truth


def test_trained_model_is_deterministic_and_mostly_right(generated_people):
    records, truth = generated_people

    first = link_people(records, threads=1)
    second = link_people(records, threads=1)

    assert first == second
    correct = sum(truth[pair.a] == truth[pair.b] for pair in first)
    assert correct / len(first) > 0.95
