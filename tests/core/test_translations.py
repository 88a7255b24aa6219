"""The German catalogue is complete and compiled, and German is the default language."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.urls import reverse

import knotenpunkt

LOCALE = Path(knotenpunkt.__file__).parent / "locale" / "de" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def test_german_catalogue_has_no_untranslated_or_fuzzy_entries():
    catalogue = polib.pofile(str(LOCALE / "django.po"))
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []


@pytest.mark.skipif(
    shutil.which("xgettext") is None, reason="needs GNU gettext's xgettext; .ci/run installs it"
)
def test_every_translatable_string_of_the_source_is_in_the_german_catalogue(tmp_path):
    """makemessages, run on a copy of the package, finds nothing the catalogue lacks."""
    copy = tmp_path / "knotenpunkt"
    shutil.copytree(
        LOCALE.parents[2], copy, ignore=shutil.ignore_patterns("__pycache__", "static", "*.mo")
    )
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "de", "--no-obsolete"],
        cwd=copy,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "knotenpunkt.settings"},
        check=True,
        capture_output=True,
    )
    extracted = polib.pofile(str(copy / "locale" / "de" / "LC_MESSAGES" / "django.po"))
    missing = [e.msgid for e in extracted.untranslated_entries() + extracted.fuzzy_entries()]
    assert missing == [], "run `make messages` and translate these"


def test_german_translations_keep_their_placeholders():
    def placeholders(text):
        return sorted(set(PLACEHOLDER.findall(text)))

    for entry in polib.pofile(str(LOCALE / "django.po")).translated_entries():
        if not entry.msgid_plural:
            assert placeholders(entry.msgstr) == placeholders(entry.msgid), entry.msgid
            continue
        # Singular forms may spell the number out ("Die erste Zeile"); plural forms keep it.
        allowed = set(placeholders(entry.msgid)) | set(placeholders(entry.msgid_plural))
        for form, text in entry.msgstr_plural.items():
            assert set(placeholders(text)) <= allowed, entry.msgid
            if form > 0:
                assert placeholders(text) == placeholders(entry.msgid_plural), entry.msgid


def test_compiled_catalogue_matches_the_source():
    catalogue = polib.pofile(str(LOCALE / "django.po"))
    compiled = polib.mofile(str(LOCALE / "django.mo"))
    assert {(e.msgctxt, e.msgid): e.msgstr for e in compiled if e.msgstr} == {
        (e.msgctxt, e.msgid): e.msgstr for e in catalogue.translated_entries() if e.msgstr
    }


def test_pages_are_german_by_default(client, db):
    response = client.get(reverse("home"))
    assert '<html lang="de">' in response.text
    assert "Datenschutzerklärung" in response.text
