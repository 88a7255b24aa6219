"""The demo's label assessments: a half-filled ECEI Gold beside an awarded Silver."""

from knotenpunkt.assessments.models import Assessment, Evidence
from knotenpunkt.assessments.services.evaluation import completeness
from knotenpunkt.demo.assessments import build_assessments_demo


def test_the_demo_builds_a_half_filled_gold_assessment_once(cluster, private_files_in_tmp):
    assert build_assessments_demo() is True
    gold = Assessment.objects.get(cluster=cluster, label="ECEI Gold")
    silver = Assessment.objects.get(cluster=cluster, label="ECEI Silver")
    assert silver.status == Assessment.Status.AWARDED
    assert gold.status == Assessment.Status.PREPARING
    assert gold.reference_year == silver.reference_year + 2
    result = completeness(gold)
    assert len(result.areas) == 5
    assert 15 <= result.total <= 20
    assert 0 < result.percent < 100
    evidence = Evidence.objects.filter(indicator__assessment=gold)
    assert evidence.count() >= 3
    for item in evidence:
        with item.file.open("rb") as stored:
            assert stored.read(5) == b"%PDF-"
    assert build_assessments_demo() is False
    assert Assessment.objects.count() == 2


def test_the_demo_needs_the_demo_cluster(other_cluster):
    assert build_assessments_demo() is False
    assert not Assessment.objects.exists()
