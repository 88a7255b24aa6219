"""Upload limits apply before anything is written: a request beyond the largest limit is
refused unread, and the form shows the limit instead of an error page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.urls import reverse

from knotenpunkt.imports.models import ImportRun, ImportSource
from tests.directory.test_views import png_bytes, profile_data

LIMITED = "knotenpunkt.core.uploads.LimitedUploadHandler"


class RecordingHandler(FileUploadHandler):
    """Stands in for the handlers that write uploads to memory or disk (it keeps the
    bytes so that a test can see what would have been written)."""

    received: list[bytes] = []

    def receive_data_chunk(self, raw_data, start):
        RecordingHandler.received.append(raw_data)
        return raw_data

    def file_complete(self, file_size):
        return SimpleUploadedFile(self.file_name, b"".join(RecordingHandler.received))


@pytest.fixture
def small_limits(settings, tmp_path):
    """Every limit at 1000 bytes; what passes the limited handler is recorded."""
    settings.MAX_IMAGE_UPLOAD_BYTES = 1000
    settings.MAX_DOCUMENT_UPLOAD_BYTES = 1000
    settings.IMPORT_MAX_UPLOAD_BYTES = 1000
    settings.MAX_BANK_STATEMENT_UPLOAD_BYTES = 1000
    settings.FILE_UPLOAD_HANDLERS = [LIMITED, "tests.core.test_uploads.RecordingHandler"]
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploads")
    settings.MEDIA_ROOT = tmp_path / "media"
    RecordingHandler.received = []
    return tmp_path


def written(tmp_path) -> list:
    return [p for p in tmp_path.rglob("*") if p.is_file()]


def test_the_default_handlers_start_with_the_limited_one():
    from django.conf import settings

    assert settings.FILE_UPLOAD_HANDLERS[0] == LIMITED


def test_an_import_larger_than_every_limit_is_refused_before_a_byte_is_written(
    client_for, alice, cluster, small_limits
):
    source = ImportSource.objects.create(name="Alt-CRM", kind="crm", cluster=cluster)
    big = SimpleUploadedFile("export.csv", b"Vorname;Nachname\r\n" + b"x" * (2 * 1024 * 1024))
    response = client_for(alice).post(reverse("imports:start"), {"source": source.pk, "file": big})
    assert response.status_code == 200
    assert "1000\xa0Byte" in response.text
    assert RecordingHandler.received == []
    assert written(small_limits) == []
    assert not ImportRun.objects.exists()


def test_a_file_growing_beyond_the_limit_in_a_small_request_is_cut_off(
    client_for, alice, cluster, small_limits
):
    source = ImportSource.objects.create(name="Alt-CRM", kind="crm", cluster=cluster)
    file = SimpleUploadedFile("export.csv", b"Vorname;Nachname\r\n" + b"x" * 5000)
    response = client_for(alice).post(reverse("imports:start"), {"source": source.pk, "file": file})
    assert response.status_code == 200
    assert "1000\xa0Byte" in response.text
    assert RecordingHandler.received == []
    assert not ImportRun.objects.exists()


def test_a_refused_logo_shows_the_limit_on_the_form_and_keeps_the_other_fields(
    client_for, bob, member_org, small_limits
):
    big = png_bytes() + b"\0" * 2 * 1024 * 1024
    logo = SimpleUploadedFile("logo.png", big, content_type="image/png")
    url = reverse("directory:organisation_edit", args=[member_org.slug])
    data = {**profile_data(member_org), "city": "Flensburg", "logo": logo}
    response = client_for(bob).post(url, data)
    assert response.status_code == 200
    assert "1000\xa0Byte" in response.text
    assert 'value="Flensburg"' in response.text
    member_org.refresh_from_db()
    assert not member_org.logo
    assert written(small_limits) == []


def test_a_file_within_the_limits_still_arrives(client_for, alice, cluster, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    source = ImportSource.objects.create(name="Alt-CRM", kind="crm", cluster=cluster)
    file = SimpleUploadedFile("export.csv", b"Vorname;Nachname\r\nJana;Jensen\r\n")
    response = client_for(alice).post(reverse("imports:start"), {"source": source.pk, "file": file})
    assert response.status_code == 302
    assert ImportRun.objects.get().total_rows == 1
