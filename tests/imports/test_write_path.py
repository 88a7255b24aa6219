"""The import goes through the directory's write path: what it writes is searchable and
known to the duplicate warning as soon as its chunk is committed."""

from tests.directory.test_write_path import found_in_directory, similar_names
from tests.factories import MembershipFactory, OrganisationFactory
from tests.imports.conftest import upload


def test_imported_organisations_are_searchable_and_known_to_the_duplicate_warning(
    alice, org_source, import_file
):
    csv = (
        "Mitgliedsnummer,Firmenname,Rechtsform,USt-IdNr,Mitgliedsart,Jahresbeitrag,Eintritt\r\n"
        'M-1,Kranwerk Nord,GmbH,DE136695976,Paying,"600",01.04.2021\r\n'
    )
    run = import_file(alice, org_source, upload("erp.csv", csv.encode()))
    assert run.created_count == 1
    assert found_in_directory("Kranwerk") == ["Kranwerk Nord"]
    assert similar_names(alice, vat_id="DE136695976") == ["Kranwerk Nord"]


def test_an_import_update_makes_the_new_values_known_to_the_duplicate_warning(
    alice, org_source, import_file
):
    known = OrganisationFactory(name="Kranwerk Nord", vat_id="")
    MembershipFactory(organisation=known, cluster=org_source.cluster)
    csv = "Mitgliedsnummer,Firmenname,USt-IdNr\r\nM-1,Kranwerk Nord,DE136695976\r\n"
    run = import_file(alice, org_source, upload("erp.csv", csv.encode()))
    assert run.updated_count == 1
    assert similar_names(alice, vat_id="DE136695976") == ["Kranwerk Nord"]
