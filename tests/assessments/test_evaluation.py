"""Each indicator's state, judged by a KPI's value or by the staff's status and evidence,
and the completeness per area and overall."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from knotenpunkt.assessments.services import evaluation
from knotenpunkt.assessments.services.evaluation import completeness
from knotenpunkt.assessments.services.evidence import add_evidence
from knotenpunkt.assessments.services.indicators import add_indicator
from knotenpunkt.kpis.models import Kpi
from tests.assessments.conftest import PDF


def _state(assessment):
    return [(r.indicator.name, r.state.key) for r in completeness(assessment).results]


@pytest.mark.parametrize(
    ("threshold", "comparison", "state"),
    [
        ("3", "at_least", "met_kpi"),
        ("4", "at_least", "not_reached"),
        ("3", "at_most", "met_kpi"),
        ("2", "at_most", "not_reached"),
    ],
)
def test_a_kpi_with_a_threshold_judges_the_indicator(
    assessment, members_kpi, three_members_end_of_2025, threshold, comparison, state
):
    add_indicator(
        None,
        assessment,
        area="Struktur",
        name="Mitglieder",
        threshold=Decimal(threshold),
        comparison=comparison,
        kpi=members_kpi,
    )
    [result] = completeness(assessment).results
    assert result.value == 3  # the reference year 2025, not 2026's four
    assert result.value_display == "3"
    assert result.state.key == state


def test_a_kpi_without_a_threshold_answers_with_its_value(
    assessment, members_kpi, three_members_end_of_2025
):
    add_indicator(None, assessment, area="Struktur", name="Mitglieder", kpi=members_kpi)
    assert _state(assessment) == [("Mitglieder", "met_kpi")]


def test_a_kpi_whose_figure_no_app_computes_has_no_value(assessment):
    kpi = Kpi.objects.create(
        key="test-unknown",
        measure="no_app_registers_this",
        name_de="Unbekannt",
        name_en="Unknown",
        definition_de="…",
        definition_en="…",
        unit=Kpi.Unit.COUNT,
    )
    add_indicator(None, assessment, area="Struktur", name="Etwas", threshold=Decimal("1"), kpi=kpi)
    [result] = completeness(assessment).results
    assert result.state == evaluation.NO_VALUE
    assert result.value_display == "–"


def test_indicators_without_a_kpi_are_judged_by_status_and_evidence(
    assessment, alice, private_files_in_tmp
):
    add_indicator(alice, assessment, area="Governance", name="Offen")
    add_indicator(alice, assessment, area="Governance", name="Offen mit Nachweis")
    add_indicator(alice, assessment, area="Governance", name="Teilweise", status="partly")
    add_indicator(alice, assessment, area="Governance", name="Erfüllt ohne Nachweis", status="met")
    add_indicator(alice, assessment, area="Governance", name="Erfüllt", status="met")
    for name in ["Offen mit Nachweis", "Erfüllt"]:
        add_evidence(
            alice,
            assessment.indicators.get(name=name),
            upload=SimpleUploadedFile("nachweis.pdf", PDF),
        )
    assert _state(assessment) == [
        ("Offen", "missing_evidence"),
        ("Offen mit Nachweis", "partly"),
        ("Teilweise", "partly"),
        ("Erfüllt ohne Nachweis", "missing_evidence"),
        ("Erfüllt", "met_evidence"),
    ]


def test_completeness_counts_met_indicators_per_area_and_overall(
    assessment, alice, members_kpi, three_members_end_of_2025, private_files_in_tmp
):
    add_indicator(
        alice,
        assessment,
        area="Struktur",
        name="Mitglieder",
        threshold=Decimal("3"),
        kpi=members_kpi,
    )
    add_indicator(
        alice,
        assessment,
        area="Struktur",
        name="Mehr Mitglieder",
        threshold=Decimal("10"),
        kpi=members_kpi,
    )
    add_indicator(alice, assessment, area="Governance", name="Strategie", status="met")
    add_indicator(alice, assessment, area="Governance", name="Beirat")
    add_indicator(alice, assessment, area="Struktur", name="Netzwerk", status="partly")
    add_evidence(
        alice,
        assessment.indicators.get(name="Strategie"),
        upload=SimpleUploadedFile("strategie.pdf", PDF),
    )
    result = completeness(assessment)
    assert [(a.number, a.name, a.met, a.total, a.percent) for a in result.areas] == [
        (1, "Struktur", 1, 3, 33),
        (2, "Governance", 1, 2, 50),
    ]
    assert (result.met, result.total, result.percent) == (2, 5, 40)
    assert [r.number for r in result.results] == ["1.1", "1.2", "1.3", "2.1", "2.2"]
    assert {state.key: n for state, n in result.counts} == {
        "met_kpi": 1,
        "met_evidence": 1,
        "not_reached": 1,
        "partly": 1,
        "missing_evidence": 1,
    }


def test_an_empty_assessment_is_zero_percent_complete(assessment):
    assert completeness(assessment).percent == 0


def test_the_completeness_page_says_each_state_in_words(
    client_for,
    alice,
    assessment,
    members_kpi,
    three_members_end_of_2025,
    django_assert_max_num_queries,
):
    add_indicator(
        alice,
        assessment,
        area="Struktur",
        name="Mitglieder",
        threshold=Decimal("4"),
        kpi=members_kpi,
    )
    for n in range(5):
        add_indicator(alice, assessment, area="Governance", name=f"Nachweis {n}")
    client = client_for(alice)
    with django_assert_max_num_queries(20):
        response = client.get(
            reverse("assessments:detail", args=[assessment.pk]), HTTP_ACCEPT_LANGUAGE="en"
        )
    page = response.content.decode()
    assert response.status_code == 200
    assert "0 % complete: 0 of 6 indicators met" in page
    assert "Threshold not reached" in page
    assert "Evidence missing" in page
    assert "at least 4" in page
