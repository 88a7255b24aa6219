"""The evidence pack: a ZIP with the PDF summary and the evidence files, per area."""

import io
import zipfile
from decimal import Decimal

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from knotenpunkt.assessments.services.evidence import add_evidence
from knotenpunkt.assessments.services.indicators import add_indicator
from knotenpunkt.assessments.services.pack import safe_name
from knotenpunkt.core.audit import entries_for
from tests.assessments.conftest import PDF, PNG


@pytest.fixture
def filled(assessment, alice, members_kpi, three_members_end_of_2025, private_files_in_tmp):
    add_indicator(
        alice,
        assessment,
        area="Struktur des Clusters",
        name="Mitglieder zum Jahresende",
        threshold=Decimal("3"),
        kpi=members_kpi,
    )
    strategy = add_indicator(
        alice, assessment, area="Governance & Größe", name="Strategie", status="met"
    )
    add_evidence(
        alice, strategy, upload=SimpleUploadedFile("s.pdf", PDF), title="Strategie 2024/27"
    )
    add_evidence(
        alice, strategy, upload=SimpleUploadedFile("s.png", PNG), title="Strategie 2024/27"
    )
    add_evidence(
        alice, strategy, upload=SimpleUploadedFile("../../etc.pdf", PDF), title="../../passwd"
    )
    add_indicator(alice, assessment, area="Governance & Größe", name="Beirat")
    return assessment


def _pack(client, assessment):
    response = client.get(
        reverse("assessments:pack", args=[assessment.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    return response, zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_safe_names_keep_letters_digits_and_hyphens():
    assert safe_name("Governance & Größe") == "governance-groesse"
    assert safe_name("../../passwd") == "passwd"
    assert safe_name("???") == "file"
    assert safe_name("Wirtschaftsplan 2025–2027") == "wirtschaftsplan-2025-2027"


def test_the_pack_holds_the_summary_and_every_file_per_area(client_for, alice, filled):
    response, archive = _pack(client_for(alice), filled)
    assert response["Content-Type"] == "application/zip"
    assert "diwish-digitale-wirtschaft-ecei-gold-2025.zip" in response["Content-Disposition"]
    assert sorted(archive.namelist()) == [
        "02-governance-groesse/2.1-passwd.pdf",
        "02-governance-groesse/2.1-strategie-2024-27.pdf",
        "02-governance-groesse/2.1-strategie-2024-27.png",
        "summary.pdf",
    ]
    assert archive.read("02-governance-groesse/2.1-strategie-2024-27.png") == PNG
    summary = archive.read("summary.pdf")
    assert summary.startswith(b"%PDF-")
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(summary)).pages)
    for expected in [
        "Mitglieder zum Jahresende",
        "Met by KPI",
        "Evidence missing",
        "66 % (2 of 3 indicators met)",
        "02-governance-groesse/2.1-strategie-2024-27.pdf",
    ]:
        # Long lines wrap in the PDF: compared without spaces and line breaks.
        assert "".join(expected.split()) in "".join(text.split()), expected
    entry = entries_for(filled).get(action="assessments.pack.downloaded")
    assert entry.data["files"] == 3


def test_a_file_missing_from_the_storage_is_named_in_the_summary(client_for, alice, filled):
    evidence = filled.indicators.get(name="Strategie").evidence.get(original_name="s.png")
    evidence.file.storage.delete(evidence.file.name)
    _response, archive = _pack(client_for(alice), filled)
    assert len(archive.namelist()) == 3
    text = " ".join(
        page.extract_text()
        for page in pypdf.PdfReader(io.BytesIO(archive.read("summary.pdf"))).pages
    )
    assert "missing from the storage" in " ".join(text.split())


def test_the_summary_alone_is_a_pdf(client_for, alice, filled):
    response = client_for(alice).get(reverse("assessments:summary_pdf", args=[filled.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")


def test_staff_of_another_cluster_cannot_download_the_pack(client_for, berta, filled):
    assert client_for(berta).get(reverse("assessments:pack", args=[filled.pk])).status_code == 404
    assert not entries_for(filled).filter(action="assessments.pack.downloaded").exists()
