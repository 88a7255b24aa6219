from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from knotenpunkt.imports.services import runs
from tests.factories import ImportSourceFactory

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "knotenpunkt" / "imports" / "samples"


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def crm(cluster):
    return ImportSourceFactory(name="Alt-CRM", kind="crm", cluster=cluster)


@pytest.fixture
def org_source(cluster):
    return ImportSourceFactory(
        name="Vereins-ERP", kind="association_erp", cluster=cluster, record_kind="organisations"
    )


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def sample(name: str) -> SimpleUploadedFile:
    return upload(name, (SAMPLES / name).read_bytes())


@pytest.fixture
def import_file(django_capture_on_commit_callbacks):
    """Upload, assign columns (the suggestion unless given), dry run and start; the task
    is enqueued on commit and runs immediately (TASKS_BACKEND=immediate)."""

    def run_import(actor, source, file: SimpleUploadedFile, mapping: list[str] | None = None):
        run = runs.start_run(actor, source, file)
        runs.save_mapping(actor, run, mapping or runs.mapping_choices(run))
        runs.preview_run(run)
        with django_capture_on_commit_callbacks(execute=True):
            runs.queue_run(actor, run)
        run.refresh_from_db()
        return run

    return run_import
