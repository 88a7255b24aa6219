"""The organisation's fields are declared once (directory/fields.py): the profile form,
the merge and the import read the declaration instead of keeping lists of their own."""

import importlib

import pytest
from django.utils.translation import gettext_lazy

from knotenpunkt.directory import fields as declared_fields
from knotenpunkt.directory.fields import FieldKind, ProfileField
from knotenpunkt.imports.fields import fields_for, suggest_mapping
from knotenpunkt.quality.models import MergeKind
from knotenpunkt.quality.services.merge import TARGETS

# A model field the declaration leaves out today, declared as if it had just been added.
SHORT_ADDRESS = ProfileField(
    "slug", FieldKind.TEXT, gettext_lazy("short address"), ("kurzadresse", "kuerzel")
)


@pytest.fixture
def declaration_with_a_new_field(monkeypatch):
    import knotenpunkt.directory.forms as forms

    monkeypatch.setattr(
        declared_fields,
        "ORGANISATION_PROFILE_FIELDS",
        (*declared_fields.ORGANISATION_PROFILE_FIELDS, SHORT_ADDRESS),
    )
    # A form's fields are fixed when its class is made, i.e. when the module is loaded.
    yield importlib.reload(forms)
    monkeypatch.undo()
    importlib.reload(forms)


def test_a_field_added_to_the_declaration_appears_in_the_profile_form(
    declaration_with_a_new_field, db
):
    form = declaration_with_a_new_field.OrganisationProfileForm()
    assert "slug" in form.fields


def test_a_field_added_to_the_declaration_can_be_chosen_in_a_merge(declaration_with_a_new_field):
    assert "slug" in TARGETS[MergeKind.ORGANISATION].fields


def test_a_field_added_to_the_declaration_can_be_imported(declaration_with_a_new_field):
    assert "slug" in [target.key for target in fields_for("organisations")]
    headers = ["Firmenname", "Kurzadresse"]
    assert suggest_mapping(headers, "organisations", {}) == ["name", "slug"]


def test_form_merge_and_import_offer_the_declared_organisation_fields():
    from knotenpunkt.directory.forms import OrganisationProfileForm

    declared = declared_fields.ORGANISATION_PROFILE_FIELDS
    assert OrganisationProfileForm._meta.fields == [f.name for f in declared]
    assert TARGETS[MergeKind.ORGANISATION].fields == tuple(
        f.name for f in declared if f.name != "topics"
    )
    imported = {target.key for target in fields_for("organisations")}
    assert {"name", "legal_form", "vat_id", "register_number", "employees"} <= imported


def test_the_import_checks_a_declared_field_by_its_kind():
    vat_id = next(t for t in fields_for("organisations") if t.key == "vat_id")
    assert vat_id.clean("de 136 695 976") == "DE136695976"
