"""The normalisers turn German spellings of the same contact data into the same key."""

import pytest

from knotenpunkt.quality.normalise import (
    email_domain,
    email_key,
    fold,
    given_name_key,
    is_initial,
    organisation_key,
    phone_key,
    web_domain,
)


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("Müller", "mueller"),
        ("Mueller", "mueller"),
        ("Groß", "gross"),
        ("GROSS", "gross"),
        ("Jördis Öztürk", "joerdis oeztuerk"),
        ("Ayşe Çelik", "ayse celik"),
        ("  Hans-Peter   Sönnichsen ", "hans peter soennichsen"),
        ("Dr. rer. nat.", "dr rer nat"),
    ],
)
def test_fold_transliterates_umlauts_strips_accents_and_punctuation(written, folded):
    assert fold(written) == folded


def test_fold_of_nothing_is_empty():
    assert fold(None) == ""
    assert fold("  ") == ""


@pytest.mark.parametrize(
    "name",
    [
        "Nordlicht GmbH",
        "Nordlicht G.m.b.H.",
        "NORDLICHT Gesellschaft mit beschränkter Haftung",
        "Nordlicht mbH",
        "Nordlicht GmbH & Co. KG",
        "Nordlicht GmbH und Co. KG",
        "Nordlicht UG (haftungsbeschränkt)",
        "Nordlicht AG",
        "Nordlicht SE",
        "Nordlicht KG",
        "Nordlicht OHG",
        "Nordlicht GbR",
        "Nordlicht eG",
        "Nordlicht e.V.",
    ],
)
def test_organisation_key_drops_the_legal_form(name):
    assert organisation_key(name) == "nordlicht"


def test_organisation_key_keeps_words_that_only_contain_a_legal_form():
    assert organisation_key("Agentur Segelwerk GmbH") == "agentur segelwerk"


def test_organisation_key_keeps_a_name_that_is_only_a_legal_form():
    assert organisation_key("GmbH") == "gmbh"


def test_organisation_key_folds_umlauts():
    assert organisation_key("Förde Büro GmbH") == organisation_key("Foerde Buero G.m.b.H.")


@pytest.mark.parametrize(
    "written",
    [
        "+49 431 123456",
        "0431/123456",
        "0431 12 34 56",
        "(0431) 123456",
        "0049 431 123456",
        "+49 (0)431 123456",
        "+49-431-123456",
    ],
)
def test_phone_key_gives_e164_for_every_german_way_of_writing_a_number(written):
    assert phone_key(written) == "+49431123456"


def test_phone_key_keeps_foreign_numbers_foreign():
    assert phone_key("+45 33 12 34 56") == "+4533123456"


@pytest.mark.parametrize("written", ["", None, "unbekannt", "12"])
def test_phone_key_is_empty_when_the_number_cannot_be_parsed(written):
    assert phone_key(written) == ""


def test_email_key_lowercases_and_strips():
    assert email_key("  <Anke.Boysen@Nordlicht.Example> ") == "anke.boysen@nordlicht.example"


def test_email_key_is_empty_without_an_at_sign():
    assert email_key("anke.boysen") == ""


def test_email_domain_is_the_part_after_the_at_sign():
    assert email_domain("Anke.Boysen@Nordlicht.Example") == "nordlicht.example"
    assert email_domain("") == ""


@pytest.mark.parametrize(
    "url",
    ["https://www.Nordlicht.example/kontakt", "nordlicht.example", "http://nordlicht.example:8080"],
)
def test_web_domain_is_the_host_without_www(url):
    assert web_domain(url) == "nordlicht.example"


def test_web_domain_of_nothing_is_empty():
    assert web_domain("") == ""
    assert web_domain(None) == ""


def test_given_name_key_turns_an_initial_into_its_letter():
    assert given_name_key("J.") == "j"
    assert given_name_key("H.-P.") == "h"
    assert is_initial("J.")


def test_given_name_key_folds_a_full_name():
    assert given_name_key("Jürgen") == "juergen"
    assert not is_initial("Jürgen")
