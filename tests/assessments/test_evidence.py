"""Evidence files: what is taken, what is refused with a message, who may download them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from knotenpunkt.assessments.models import Evidence
from knotenpunkt.assessments.services.indicators import add_indicator
from knotenpunkt.core.audit import entries_for
from tests.assessments.conftest import PDF, PNG


@pytest.fixture
def indicator(assessment, alice):
    return add_indicator(alice, assessment, area="Governance", name="Strategie")


def _upload(client, indicator, upload, title=""):
    return client.post(
        reverse("assessments:evidence_add", args=[indicator.pk]),
        {"file": upload, "title": title},
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_staff_upload_a_pdf_and_download_it_again(
    client_for, alice, indicator, private_files_in_tmp
):
    client = client_for(alice)
    response = _upload(client, indicator, SimpleUploadedFile("Strategie 2024.pdf", PDF))
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert (evidence.title, evidence.original_name, evidence.size) == (
        "Strategie 2024",
        "Strategie 2024.pdf",
        len(PDF),
    )
    assert evidence.uploaded_by == alice
    assert (private_files_in_tmp / "private" / evidence.file.name).read_bytes() == PDF
    assert "Strategie" not in evidence.file.name  # a random name on the disk
    download = client.get(reverse("assessments:evidence_download", args=[evidence.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert "Strategie 2024.pdf" in download["Content-Disposition"]
    assert download["Cache-Control"] == "private, no-store"
    assert [e.action for e in entries_for(evidence)] == ["assessments.evidence.added"]


def test_an_image_is_taken_as_evidence(client_for, alice, indicator, private_files_in_tmp):
    response = _upload(
        client_for(alice), indicator, SimpleUploadedFile("urkunde.png", PNG), "Urkunde"
    )
    assert response.status_code == 302
    assert Evidence.objects.get().title == "Urkunde"


def test_a_file_of_another_kind_is_refused_with_a_message(
    client_for, alice, indicator, private_files_in_tmp
):
    response = _upload(client_for(alice), indicator, SimpleUploadedFile("tool.exe", b"MZ\x90"))
    assert response.status_code == 400
    assert "Files of this kind cannot be evidence" in response.content.decode()
    assert not Evidence.objects.exists()
    assert not (private_files_in_tmp / "private").exists() or not any(
        (private_files_in_tmp / "private").rglob("*.*")
    )


def test_a_file_whose_content_is_not_what_its_name_says_is_refused(
    client_for, alice, indicator, private_files_in_tmp
):
    response = _upload(client_for(alice), indicator, SimpleUploadedFile("bericht.pdf", b"MZ\x90"))
    assert response.status_code == 400
    assert "content does not match its name (.pdf)" in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_file_too_large_is_refused_with_the_limit(
    client_for, alice, indicator, settings, private_files_in_tmp
):
    settings.MAX_DOCUMENT_UPLOAD_BYTES = 20
    response = _upload(client_for(alice), indicator, SimpleUploadedFile("gross.pdf", PDF))
    assert response.status_code == 400
    assert "documents may be at most 20" in response.content.decode()
    assert not Evidence.objects.exists()


def test_deleting_evidence_removes_the_file(
    client_for, alice, indicator, private_files_in_tmp, django_capture_on_commit_callbacks
):
    client = client_for(alice)
    _upload(client, indicator, SimpleUploadedFile("strategie.pdf", PDF))
    evidence = Evidence.objects.get()
    storage, name = evidence.file.storage, evidence.file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("assessments:evidence_delete", args=[evidence.pk]))
    assert response.status_code == 302
    assert not Evidence.objects.exists()
    assert not storage.exists(name)


def test_staff_of_another_cluster_cannot_download_evidence(
    client_for, alice, berta, indicator, private_files_in_tmp
):
    _upload(client_for(alice), indicator, SimpleUploadedFile("strategie.pdf", PDF))
    evidence = Evidence.objects.get()
    response = client_for(berta).get(reverse("assessments:evidence_download", args=[evidence.pk]))
    assert response.status_code == 404


def test_members_cannot_download_evidence(client_for, alice, bob, indicator, private_files_in_tmp):
    _upload(client_for(alice), indicator, SimpleUploadedFile("strategie.pdf", PDF))
    evidence = Evidence.objects.get()
    response = client_for(bob).get(reverse("assessments:evidence_download", args=[evidence.pk]))
    assert response.status_code == 404
