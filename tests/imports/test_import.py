"""Importing: dry run, matching, idempotent re-import, bad rows, progress, privacy, merge."""

import csv
import io
import pathlib
from decimal import Decimal

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.core.registry import merge_relations, personal_data_providers
from knotenpunkt.directory.models import Membership, Organisation, Person, PersonEmail
from knotenpunkt.imports.models import ImportRun, SourceRecord
from knotenpunkt.imports.services import runs
from tests.factories import OrganisationFactory, PersonEmailFactory, PersonFactory
from tests.imports.conftest import sample, upload

PEOPLE_HEADER = "ID;Vorname;Nachname;E-Mail;Firma;Ort\r\n"


def people_csv(*rows: str, encoding="utf-8") -> bytes:
    return (PEOPLE_HEADER + "".join(r + "\r\n" for r in rows)).encode(encoding)


def test_dry_run_reports_outcomes_and_writes_nothing(alice, crm):
    run = runs.start_run(alice, crm, sample("crm_export_windows1252.csv"))
    runs.save_mapping(alice, run, runs.mapping_choices(run))
    preview = runs.preview_run(run)
    assert preview.counts == {"create": 4, "update": 0, "error": 3}
    assert [r.number for r in preview.errors] == [4, 6, 7]
    assert Person.objects.count() == 0
    assert Organisation.objects.count() == 0
    assert SourceRecord.objects.count() == 0


def test_dry_run_predicts_an_update_for_a_known_email(alice, crm):
    PersonEmailFactory(address="joerg.mueller@foerdewerk.example")
    run = runs.start_run(alice, crm, sample("crm_export_windows1252.csv"))
    runs.save_mapping(alice, run, runs.mapping_choices(run))
    assert runs.preview_run(run).counts["update"] == 1


def test_windows_1252_crm_export_imports_people_and_their_organisations(alice, crm, import_file):
    run = import_file(alice, crm, sample("crm_export_windows1252.csv"))
    assert run.status == ImportRun.Status.FINISHED
    assert (run.created_count, run.updated_count, run.failed_count) == (4, 0, 3)
    joerg = Person.objects.get(last_name="Müller")
    assert (joerg.title, joerg.salutation, joerg.primary_email) == (
        "Dr.",
        "mr",
        "joerg.mueller@foerdewerk.example",
    )
    assert str(joerg.phones.get().number) == "+49431123456"
    foerdewerk = Organisation.objects.get(name="Fördewerk Software GmbH")
    # Two people of one new firm in the same file make one organisation.
    assert foerdewerk.positions.count() == 2
    assert foerdewerk.website == "https://www.foerdewerk.example"
    assert Organisation.objects.filter(name="Nordlicht; Design").exists()


def test_uploaded_export_is_kept_privately_and_deleted_after_the_import(
    alice, crm, import_file, settings
):
    run = runs.start_run(alice, crm, sample("crm_export_windows1252.csv"))
    stored = pathlib.Path(run.file.path)
    assert stored.is_file()
    assert pathlib.Path(settings.PRIVATE_ROOT) in stored.parents
    assert pathlib.Path(settings.MEDIA_ROOT) not in stored.parents
    run = import_file(alice, crm, sample("crm_export_windows1252.csv"))
    assert not run.file
    assert run.problems.count() == 3  # the problem rows outlive the file


def test_bad_rows_are_reported_with_reasons_and_never_half_imported(alice, crm, import_file):
    run = import_file(alice, crm, sample("crm_export_windows1252.csv"))
    problems = {p.row_number: p for p in run.problems.all()}
    assert set(problems) == {4, 6, 7}
    assert "max.mustermann@" in problems[4].messages[0]
    assert problems[4].messages[0].startswith(("Row 4:", "Zeile 4:"))
    assert problems[4].raw[3] == "Max"
    assert not Person.objects.filter(last_name="Mustermann").exists()
    assert not Organisation.objects.filter(name="Muster & Söhne KG").exists()


def test_problem_rows_download_has_original_columns_and_reason_as_excel_csv(
    alice, crm, import_file
):
    run = import_file(alice, crm, sample("crm_export_windows1252.csv"))
    data = runs.problem_rows_csv(run)
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Kundennr;Anrede;Titel;Vorname;Nachname;Firma")
    assert len(lines) == 4
    assert lines[1].startswith("K-1003;Herr;;Max;Mustermann;Muster & Söhne KG")
    assert "max.mustermann@" in lines[1].split(";")[-1]


def test_fixed_problem_rows_can_be_imported_again(alice, crm, import_file):
    run = import_file(alice, crm, sample("crm_export_windows1252.csv"))
    fixed = runs.problem_rows_csv(run).decode("utf-8-sig")
    fixed = fixed.replace("max.mustermann@;", "max.mustermann@muster.example;")
    fixed = fixed.replace(";;Jensen;", ";Jens;Jensen;").replace("D-24937", "24937")
    second = import_file(alice, crm, upload("fixed.csv", fixed.encode("utf-8-sig")))
    assert (second.created_count, second.failed_count) == (3, 0)


def test_reimporting_the_same_export_updates_instead_of_duplicating(alice, crm, import_file):
    import_file(alice, crm, sample("crm_export_windows1252.csv"))
    counts = (Person.objects.count(), Organisation.objects.count(), SourceRecord.objects.count())
    again = import_file(alice, crm, sample("crm_export_windows1252.csv"))
    assert (again.created_count, again.updated_count) == (0, 4)
    assert (
        Person.objects.count(),
        Organisation.objects.count(),
        SourceRecord.objects.count(),
    ) == counts


def test_reimport_updates_what_the_source_delivered_but_keeps_curated_changes(
    alice, crm, import_file
):
    import_file(alice, crm, upload("v1.csv", people_csv("7;Anna;Schmidt;anna@x.example;;")))
    anna = Person.objects.get()
    # A cluster manager corrects the first name in the platform meanwhile.
    Person.objects.filter(pk=anna.pk).update(first_name="Anne")
    import_file(alice, crm, upload("v2.csv", people_csv("7;Anna;Schmidt-Lund;anna@x.example;;")))
    anna.refresh_from_db()
    assert (anna.first_name, anna.last_name) == ("Anne", "Schmidt-Lund")
    entry = AuditEntry.objects.filter(action="imports.person.updated").get()
    assert entry.data["kept"] == {"first_name": ["Anne", "Anna"]}


def test_existing_person_is_matched_by_email_and_only_empty_fields_are_filled(
    alice, crm, import_file
):
    person = PersonFactory(first_name="Jörg", last_name="Müller-Curated", title="")
    PersonEmailFactory(person=person, address="joerg.mueller@foerdewerk.example")
    run = import_file(alice, crm, sample("crm_export_windows1252.csv"))
    person.refresh_from_db()
    assert run.updated_count == 1
    assert person.last_name == "Müller-Curated"
    assert person.title == "Dr."
    assert Person.objects.filter(last_name__startswith="Müller").count() == 1
    assert SourceRecord.objects.get(record_id="K-1001").person == person


def test_existing_organisation_is_matched_by_web_domain(alice, crm, import_file):
    org = OrganisationFactory(name="Hansen Logistik", website="https://www.hansen-logistik.example")
    rows = "L1;Ole;Hansen;ole@hansen-logistik.example;Hansen GmbH & Co. KG;Flensburg"
    csv = "ID;Vorname;Nachname;E-Mail;Firma;Ort;Web\r\n" + rows + ";hansen-logistik.example\r\n"
    import_file(alice, crm, upload("h.csv", csv.encode()))
    assert Organisation.objects.count() == 1
    assert Person.objects.get().positions.get().organisation == org


def test_ticketshop_workbook_links_a_known_person_across_sources(alice, crm, cluster, import_file):
    from tests.factories import ImportSourceFactory

    import_file(alice, crm, sample("crm_export_windows1252.csv"))
    shop = ImportSourceFactory(name="Ticketshop", kind="ticket_shop", cluster=cluster)
    run = import_file(alice, shop, sample("ticketshop_export.xlsx"))
    assert (run.created_count, run.updated_count, run.failed_count) == (1, 1, 2)
    joerg = Person.objects.get(last_name="Müller")
    assert sorted(r.source.name for r in joerg.source_records.all()) == ["Alt-CRM", "Ticketshop"]
    assert str(joerg.phones.get(kind="mobile").number) == "+491711234567"


def test_organisation_rows_create_memberships_in_the_sources_cluster(
    alice, org_source, cluster, import_file
):
    csv = (
        "Mitgliedsnummer,Firmenname,Rechtsform,USt-IdNr,Mitgliedsart,Jahresbeitrag,Eintritt\r\n"
        'M-1,Baltic Data,UG (haftungsbeschränkt),DE136695976,Start-up,"1.200,50",01.04.2021\r\n'
        "M-2,Kaputt AG,AG,DE000,Paying,600,2020\r\n"
    )
    run = import_file(alice, org_source, upload("erp.csv", csv.encode()))
    assert (run.created_count, run.failed_count) == (1, 1)
    membership = Membership.objects.get(organisation__name="Baltic Data")
    assert (membership.cluster, membership.kind, membership.annual_fee) == (
        cluster,
        "startup",
        Decimal("1200.50"),
    )
    assert Organisation.objects.get(name="Baltic Data").vat_id == "DE136695976"


def test_progress_counters_add_up_to_the_rows_of_the_file(alice, crm, import_file):
    rows = [f"{i};Vor{i};Nach{i};p{i}@x.example;;" for i in range(250)]
    rows[120] = "120;;Nach;bad@;;"
    run = import_file(alice, crm, upload("big.csv", people_csv(*rows)))
    assert (run.total_rows, run.processed_rows) == (250, 250)
    assert (run.created_count, run.failed_count) == (249, 1)
    assert run.started_at <= run.finished_at
    assert run.percent == 100


def test_running_the_task_twice_does_not_import_twice(alice, crm, import_file):
    from knotenpunkt.imports.services.execution import execute_run

    run = import_file(alice, crm, upload("a.csv", people_csv("1;Anna;A;a@x.example;;")))
    again = execute_run(run.pk)
    assert again.created_count == 1
    assert Person.objects.count() == 1


def test_a_run_cannot_start_without_a_dry_run(alice, crm):
    import pytest
    from django.core.exceptions import ValidationError

    run = runs.start_run(alice, crm, upload("a.csv", people_csv("1;Anna;A;a@x.example;;")))
    runs.save_mapping(alice, run, runs.mapping_choices(run))
    with pytest.raises(ValidationError):
        runs.queue_run(alice, run)


def test_mapping_without_a_required_field_is_refused(alice, crm):
    import pytest
    from django.core.exceptions import ValidationError

    run = runs.start_run(alice, crm, upload("a.csv", people_csv("1;Anna;A;a@x.example;;")))
    with pytest.raises(ValidationError, match="Nachname|Last name"):
        runs.save_mapping(alice, run, ["record_id", "first_name", "", "email", "", ""])


def test_mapping_is_remembered_for_the_next_export_of_the_source(alice, crm):
    run = runs.start_run(alice, crm, upload("a.csv", people_csv("1;Anna;A;a@x.example;;")))
    runs.save_mapping(alice, run, ["", "first_name", "last_name", "email", "", "city"])
    nxt = runs.start_run(alice, crm, upload("b.csv", people_csv("2;Bo;B;b@x.example;;")))
    assert runs.mapping_choices(nxt) == ["", "first_name", "last_name", "email", "", "city"]


def test_erased_person_is_not_brought_back_by_a_reimport(alice, crm, import_file):
    from knotenpunkt.privacy.services import erase_person

    import_file(alice, crm, upload("a.csv", people_csv("1;Anna;Alt;anna@x.example;;")))
    erase_person(alice, Person.objects.get())
    assert SourceRecord.objects.get().raw_data == {}
    run = import_file(alice, crm, upload("a.csv", people_csv("1;Anna;Alt;anna@x.example;;")))
    assert (run.created_count, run.failed_count) == (0, 1)
    assert not PersonEmail.objects.filter(address="anna@x.example").exists()


def test_data_export_names_the_sources_holding_a_person(alice, crm, import_file):
    import_file(alice, crm, upload("a.csv", people_csv("1;Anna;Alt;anna@x.example;;")))
    provider = next(p for p in personal_data_providers() if p.key == "imports")
    exported = provider.export(Person.objects.get())
    assert exported[0]["source"] == "Alt-CRM"
    assert exported[0]["record_id"] == "1"


def test_source_records_follow_a_merge():
    relations = {(r.target, r.model, r.field) for r in merge_relations("person")}
    relations |= {(r.target, r.model, r.field) for r in merge_relations("organisation")}
    assert ("person", "imports.SourceRecord", "person") in relations
    assert ("organisation", "imports.SourceRecord", "organisation") in relations


def test_import_is_audited(alice, crm, import_file):
    import_file(alice, crm, upload("a.csv", people_csv("1;Anna;Alt;anna@x.example;Firma X;")))
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "imports.run.uploaded",
        "imports.run.started",
        "imports.run.finished",
        "imports.person.created",
        "imports.organisation.created",
    } <= actions


def test_imported_people_are_known_to_the_duplicate_warning(alice, crm, import_file):
    from knotenpunkt.quality.services.lookup import similar_people

    import_file(alice, crm, sample("crm_export_windows1252.csv"))
    found = similar_people(alice, first_name="Joerg", last_name="Mueller")
    assert [r.record.last_name for r in found][:1] == ["Müller"]


CRM_HEADER = (
    "Kundennr;Anrede;Titel;Vorname;Nachname;Firma;Position;E-Mail;Telefon;Straße;PLZ;Ort;Webseite"
)


def test_problem_rows_download_neutralises_formula_cells(alice, crm, import_file):
    row = (
        'K-9001;Herr;;=HYPERLINK("https://evil.example");Evil;@SUM Firma;-1+1;evil@;'
        "+49 431 123457;;;;"
    )
    run = import_file(alice, crm, upload("crm.csv", f"{CRM_HEADER}\r\n{row}\r\n".encode()))
    text = runs.problem_rows_csv(run).decode("utf-8-sig")
    cells = list(csv.reader(io.StringIO(text), delimiter=";"))[1]
    assert cells[3] == '\'=HYPERLINK("https://evil.example")'
    assert cells[5:9] == ["'@SUM Firma", "'-1+1", "evil@", "'+49 431 123457"]


def test_neutralised_problem_rows_import_again_without_the_apostrophe(alice, crm, import_file):
    row = "K-9002;Frau;;Ina;Ihle;Ihle IT;;ina@;+49 431 123457;;;;"
    run = import_file(alice, crm, upload("crm.csv", f"{CRM_HEADER}\r\n{row}\r\n".encode()))
    fixed = runs.problem_rows_csv(run).decode("utf-8-sig").replace("ina@;", "ina@ihle.example;")
    import_file(alice, crm, upload("fixed.csv", fixed.encode("utf-8-sig")))
    assert str(Person.objects.get(last_name="Ihle").phones.get().number) == "+49431123457"
