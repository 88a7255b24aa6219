"""Indicators entered one by one, imported from the questionnaire, copied from an earlier
assessment: every bad input named, nothing half saved."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from knotenpunkt.assessments.models import Assessment, Indicator
from knotenpunkt.assessments.services.indicators import add_indicator, parse_number
from knotenpunkt.core.audit import entries_for


def _csv(text: str, name="fragebogen.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def _import(client, assessment, upload):
    return client.post(
        reverse("assessments:indicator_import", args=[assessment.pk]),
        {"file": upload},
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_staff_add_an_indicator_linked_to_a_kpi(client_for, alice, assessment, members_kpi):
    response = client_for(alice).post(
        reverse("assessments:indicator_add", args=[assessment.pk]),
        {
            "area": "Struktur",
            "name": "Mitglieder zum Jahresende",
            "requirement": "Zahl der Mitglieder am 31.12.",
            "threshold": "150",
            "comparison": "at_least",
            "kpi": members_kpi.pk,
            "status": "open",
        },
    )
    indicator = Indicator.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:indicator", args=[indicator.pk])
    assert indicator.kpi == members_kpi
    assert indicator.threshold == Decimal("150")
    assert indicator.order == 10
    assert [e.action for e in entries_for(indicator)] == ["assessments.indicator.added"]


def test_an_indicator_needs_its_area_and_name(client_for, alice, assessment):
    response = client_for(alice).post(
        reverse("assessments:indicator_add", args=[assessment.pk]),
        {"area": "", "name": "", "comparison": "at_least", "status": "open"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert not Indicator.objects.exists()


def test_the_same_indicator_cannot_be_entered_twice_in_an_area(client_for, alice, assessment):
    add_indicator(alice, assessment, area="Governance", name="Strategie")
    response = client_for(alice).post(
        reverse("assessments:indicator_add", args=[assessment.pk]),
        {"area": "Governance", "name": "Strategie", "comparison": "at_least", "status": "open"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "already has an indicator of this name" in response.content.decode()
    assert Indicator.objects.count() == 1


def test_a_kpi_of_shares_takes_no_threshold(client_for, alice, assessment, mix_kpi):
    response = client_for(alice).post(
        reverse("assessments:indicator_add", args=[assessment.pk]),
        {
            "area": "Struktur",
            "name": "Akteursmix",
            "threshold": "75",
            "comparison": "at_least",
            "kpi": mix_kpi.pk,
            "status": "open",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "cannot be compared with a threshold" in response.content.decode()
    assert not Indicator.objects.exists()


def test_changing_an_indicator_is_audited_with_the_difference(client_for, alice, assessment):
    indicator = add_indicator(alice, assessment, area="Governance", name="Strategie")
    response = client_for(alice).post(
        reverse("assessments:indicator", args=[indicator.pk]),
        {
            "area": "Governance",
            "name": "Strategie",
            "statement": "Vom Vorstand beschlossen.",
            "comparison": "at_least",
            "status": "met",
        },
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.status == "met"
    assert indicator.order == 10  # an empty order keeps the place
    changed = entries_for(indicator).get(action="assessments.indicator.changed")
    assert changed.data["changes"]["status"] == ["open", "met"]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("12,5", "12.5"),
        ("1.234,5", "1234.5"),
        ("1,234.5", "1234.5"),
        ("150", "150"),
        ("30 %", "30"),
    ],
)
def test_numbers_are_read_as_people_type_them(text, number):
    assert parse_number(text) == Decimal(number)


def test_an_import_adds_every_row_in_the_files_order(client_for, alice, assessment, members_kpi):
    upload = _csv(
        "area;name;requirement;threshold;comparison;kpi\n"
        "Struktur;Mitglieder;Zahl am 31.12.;150;at least;test-members-end\n"
        "Governance;Strategie;Vom Vorstand beschlossen;;;\n"
        "Finanzierung;Anteil öffentlicher Mittel;In Prozent;50,5;höchstens;\n"
    )
    response = _import(client_for(alice), assessment, upload)
    assert response.status_code == 302
    rows = list(
        assessment.indicators.order_by("order").values_list(
            "area", "name", "threshold", "comparison", "kpi__key"
        )
    )
    assert rows == [
        ("Struktur", "Mitglieder", Decimal("150"), "at_least", "test-members-end"),
        ("Governance", "Strategie", None, "at_least", None),
        ("Finanzierung", "Anteil öffentlicher Mittel", Decimal("50.5"), "at_most", None),
    ]
    entry = entries_for(assessment).get(action="assessments.indicators.imported")
    assert entry.data["indicators"] == 3


def test_an_import_reads_german_headings_from_an_excel_workbook(client_for, alice, assessment):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Bereich", "Indikator", "Anforderung", "Schwellenwert", "Vergleich"])
    sheet.append(["Leistungen", "Veranstaltungen", "Im Bezugsjahr", 40, "mindestens"])
    content = io.BytesIO()
    workbook.save(content)
    upload = SimpleUploadedFile("fragebogen.xlsx", content.getvalue())
    assert _import(client_for(alice), assessment, upload).status_code == 302
    indicator = assessment.indicators.get()
    assert (indicator.area, indicator.name, indicator.threshold) == (
        "Leistungen",
        "Veranstaltungen",
        Decimal("40"),
    )


def test_an_import_with_bad_rows_names_each_and_saves_nothing(
    client_for, alice, assessment, mix_kpi
):
    add_indicator(alice, assessment, area="Governance", name="Strategie")
    upload = _csv(
        "area;name;threshold;comparison;kpi\n"
        "Struktur;Mitglieder;150;;\n"
        "Struktur;Austritte;viele;;\n"
        "Struktur;Eintritte;10;ungefähr;\n"
        "Struktur;Umsatz;;;no-such-kpi\n"
        ";Ohne Bereich;;;\n"
        "Struktur;Mitglieder;;;\n"
        "Governance;Strategie;;;\n"
        "Struktur;Akteursmix;75;;test-actor-mix\n"
    )
    response = _import(client_for(alice), assessment, upload)
    page = response.content.decode()
    assert response.status_code == 400
    for problem in [
        "Row 3, column “threshold”: “viele” is not a number.",
        "Row 4, column “comparison”: “ungefähr” is not a comparison",
        "Row 5, column “kpi”: There is no KPI with the key “no-such-kpi”.",
        "Row 6, column “area”:",
        "Row 7, column “name”: The same indicator is already in row 2.",
        "Row 8, column “name”: The assessment already has this indicator in this area.",
        "Row 9, column “threshold”:",
    ]:
        assert problem.replace("“", "&ldquo;") in page or problem in page, problem
    assert list(assessment.indicators.values_list("name", flat=True)) == ["Strategie"]


def test_an_import_without_the_needed_columns_is_refused(client_for, alice, assessment):
    response = _import(client_for(alice), assessment, _csv("titel;wert\nMitglieder;150\n"))
    assert response.status_code == 400
    assert "The file has no column" in response.content.decode()
    assert not assessment.indicators.exists()


def test_an_import_of_another_kind_of_file_is_refused(client_for, alice, assessment):
    upload = SimpleUploadedFile("fragebogen.pdf", b"%PDF-1.4")
    response = _import(client_for(alice), assessment, upload)
    assert response.status_code == 400
    assert "We can read CSV files" in response.content.decode()


def test_copying_takes_the_questionnaire_but_not_the_years_work(
    client_for, alice, cluster, assessment, members_kpi
):
    earlier = Assessment.objects.create(cluster=cluster, label="ECEI Silver", reference_year=2022)
    add_indicator(
        alice,
        earlier,
        area="Struktur",
        name="Mitglieder",
        threshold=Decimal("120"),
        kpi=members_kpi,
        statement="2022: 130 Mitglieder",
        status="met",
    )
    add_indicator(alice, earlier, area="Governance", name="Strategie", status="met")
    add_indicator(alice, assessment, area="Governance", name="Strategie")
    response = client_for(alice).post(
        reverse("assessments:indicator_copy", args=[assessment.pk]), {"source": earlier.pk}
    )
    assert response.status_code == 302
    copied = assessment.indicators.get(name="Mitglieder")
    assert (copied.threshold, copied.kpi, copied.statement, copied.status) == (
        Decimal("120"),
        members_kpi,
        "",
        "open",
    )
    assert assessment.indicators.count() == 2
    entry = entries_for(assessment).get(action="assessments.indicators.copied")
    assert (entry.data["copied"], entry.data["skipped"]) == (1, 1)


def test_indicators_of_another_clusters_assessment_cannot_be_copied(
    client_for, alice, assessment, other_assessment
):
    add_indicator(None, other_assessment, area="Logistik", name="Lagerfläche")
    response = client_for(alice).post(
        reverse("assessments:indicator_copy", args=[assessment.pk]),
        {"source": other_assessment.pk},
    )
    assert response.status_code == 400
    assert not assessment.indicators.exists()
