"""The German catalogue is complete and compiled, and German is the default language."""

import re
from pathlib import Path

import polib
from django.urls import reverse

import knotenpunkt

LOCALE = Path(knotenpunkt.__file__).parent / "locale" / "de" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def test_german_catalogue_has_no_untranslated_or_fuzzy_entries():
    catalogue = polib.pofile(str(LOCALE / "django.po"))
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []


def test_german_translations_keep_their_placeholders():
    for entry in polib.pofile(str(LOCALE / "django.po")).translated_entries():
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        translations = [entry.msgstr] if entry.msgstr else list(entry.msgstr_plural.values())
        for text in translations:
            assert sorted(set(PLACEHOLDER.findall(text))) == sorted(set(expected)), entry.msgid


def test_compiled_catalogue_matches_the_source():
    catalogue = polib.pofile(str(LOCALE / "django.po"))
    compiled = polib.mofile(str(LOCALE / "django.mo"))
    assert {e.msgid: e.msgstr for e in compiled if e.msgstr} == {
        e.msgid: e.msgstr for e in catalogue.translated_entries() if e.msgstr
    }


def test_pages_are_german_by_default(client, db):
    response = client.get(reverse("core:home"))
    assert '<html lang="de">' in response.text
    assert "Datenschutzerklärung" in response.text
