"""Only the staff of the assessed cluster reach an assessment; others find nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from knotenpunkt.assessments.models import Assessment, Evidence
from knotenpunkt.assessments.services.evidence import add_evidence
from knotenpunkt.assessments.services.indicators import add_indicator
from knotenpunkt.core.audit import entries_for
from tests.assessments.conftest import PDF


@pytest.fixture
def indicator(assessment, alice):
    return add_indicator(alice, assessment, area="Governance", name="Strategie")


@pytest.fixture
def evidence(indicator, alice, private_files_in_tmp):
    return add_evidence(
        alice, indicator, upload=SimpleUploadedFile("strategie.pdf", PDF), title="Strategie"
    )


def test_anonymous_visitors_are_sent_to_the_login(client, assessment):
    response = client.get(reverse("assessments:detail", args=[assessment.pk]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("persona", ["bob", "dave"])
def test_people_who_are_no_staff_may_not_see_the_list(client_for, request, persona):
    user = request.getfixturevalue(persona)
    assert client_for(user).get(reverse("assessments:list")).status_code == 403


def test_staff_see_the_assessments_of_their_cluster_only(
    client_for, alice, assessment, other_assessment
):
    page = client_for(alice).get(reverse("assessments:list")).content.decode()
    assert "ECEI Gold" in page
    assert "ECEI Bronze" not in page


def test_staff_of_another_cluster_find_none_of_the_assessments_pages(
    client_for, berta, assessment, indicator, evidence
):
    client = client_for(berta)
    for name, pk in [
        ("assessments:detail", assessment.pk),
        ("assessments:edit", assessment.pk),
        ("assessments:summary_pdf", assessment.pk),
        ("assessments:pack", assessment.pk),
        ("assessments:indicator_add", assessment.pk),
        ("assessments:indicator_import", assessment.pk),
        ("assessments:indicator_copy", assessment.pk),
        ("assessments:import_template", assessment.pk),
        ("assessments:indicator", indicator.pk),
        ("assessments:evidence_download", evidence.pk),
    ]:
        assert client.get(reverse(name, args=[pk])).status_code == 404, name


def test_staff_of_another_cluster_cannot_change_or_delete_anything(
    client_for, berta, assessment, indicator, evidence
):
    client = client_for(berta)
    assert client.post(reverse("assessments:delete", args=[assessment.pk])).status_code == 404
    assert (
        client.post(
            reverse("assessments:indicator", args=[indicator.pk]), {"area": "X", "name": "Y"}
        ).status_code
        == 404
    )
    assert (
        client.post(reverse("assessments:indicator_delete", args=[indicator.pk])).status_code == 404
    )
    assert (
        client.post(reverse("assessments:evidence_delete", args=[evidence.pk])).status_code == 404
    )
    assert (
        client.post(
            reverse("assessments:evidence_add", args=[indicator.pk]),
            {"file": SimpleUploadedFile("x.pdf", PDF)},
        ).status_code
        == 404
    )
    indicator.refresh_from_db()
    assert (indicator.area, indicator.name) == ("Governance", "Strategie")
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    assert evidence.file.storage.exists(evidence.file.name)


def test_staff_cannot_start_an_assessment_for_another_cluster(client_for, alice, other_cluster):
    response = client_for(alice).post(
        reverse("assessments:create"),
        {"cluster": other_cluster.pk, "label": "ECEI Gold", "reference_year": 2025},
    )
    assert response.status_code == 400
    assert not Assessment.objects.exists()


def test_staff_start_an_assessment_and_it_is_audited(client_for, alice, cluster):
    response = client_for(alice).post(
        reverse("assessments:create"),
        {"cluster": cluster.pk, "label": "ECEI Gold", "level": "Gold", "reference_year": 2025},
    )
    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:detail", args=[assessment.pk])
    assert assessment.status == Assessment.Status.PREPARING
    assert assessment.cluster == cluster
    assert [e.action for e in entries_for(assessment)] == ["assessments.assessment.created"]


def test_the_same_label_and_year_cannot_be_started_twice(client_for, alice, cluster, assessment):
    response = client_for(alice).post(
        reverse("assessments:create"),
        {"cluster": cluster.pk, "label": "ECEI Gold", "reference_year": 2025},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "already has an assessment for this label" in response.content.decode()
    assert Assessment.objects.count() == 1


def test_a_submitted_assessment_cannot_be_deleted(client_for, alice, assessment):
    assessment.status = Assessment.Status.SUBMITTED
    assessment.save()
    client_for(alice).post(reverse("assessments:delete", args=[assessment.pk]))
    assert Assessment.objects.filter(pk=assessment.pk).exists()


def test_deleting_an_assessment_in_preparation_removes_its_files(
    client_for, alice, assessment, evidence, django_capture_on_commit_callbacks
):
    storage, name = evidence.file.storage, evidence.file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(alice).post(reverse("assessments:delete", args=[assessment.pk]))
    assert response.status_code == 302
    assert not Assessment.objects.filter(pk=assessment.pk).exists()
    assert not storage.exists(name)
