"""Imports of legacy exports: where data came from, each upload, and what went wrong."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.uploads import private_storage
from knotenpunkt.directory.models import Cluster, Organisation, Person


def upload_path(instance, filename: str) -> str:
    # A random name: the uploaded exports hold personal data and must not be guessable.
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"imports/{uuid.uuid4().hex}{suffix}"


class ImportSource(models.Model):
    """A system the cluster management exports from (CRM, newsletter tool, ERP, ...)."""

    class Kind(models.TextChoices):
        CRM = "crm", _("CRM")
        NEWSLETTER = "newsletter", _("Newsletter tool")
        TICKET_SHOP = "ticket_shop", _("Ticket shop")
        ASSOCIATION_ERP = "association_erp", _("Association ERP")
        OTHER = "other", _("Other")

    class RecordKind(models.TextChoices):
        PEOPLE = "people", _("People with their organisation (one person per row)")
        ORGANISATIONS = "organisations", _("Organisations (one organisation per row)")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind of system"), max_length=20, choices=Kind.choices)
    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.PROTECT, related_name="import_sources"
    )
    record_kind = models.CharField(
        _("one row is"), max_length=20, choices=RecordKind.choices, default=RecordKind.PEOPLE
    )
    # {header as in the file: target field or "" for "ignore"}; reused by the next upload.
    column_mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("import source")
        verbose_name_plural = _("import sources")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "name"], name="unique_source_per_cluster"),
        ]

    def __str__(self):
        return self.name


class ImportRun(models.Model):
    """One uploaded file on its way from upload through mapping and preview to import."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded")
        MAPPED = "mapped", _("Columns assigned")
        PREVIEWED = "previewed", _("Checked (dry run)")
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        FAILED = "failed", _("Failed")

    source = models.ForeignKey(
        ImportSource, verbose_name=_("source"), on_delete=models.PROTECT, related_name="runs"
    )
    # Legacy exports are personal data: kept in the private storage, never under MEDIA_ROOT.
    file = models.FileField(_("file"), upload_to=upload_path, storage=private_storage)
    original_name = models.CharField(_("file name"), max_length=255)
    file_format = models.CharField(_("format"), max_length=10)
    encoding = models.CharField(_("encoding"), max_length=30, blank=True)
    delimiter = models.CharField(_("delimiter"), max_length=5, blank=True)
    headers = models.JSONField(_("columns"), default=list)
    # {column index as text: target field} for this run, copied from the mapping page.
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    # Problem messages are written in the language of the person who started the run.
    language = models.CharField(max_length=10, default=settings.LANGUAGE_CODE)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UPLOADED
    )
    preview_summary = models.JSONField(_("dry run result"), default=dict, blank=True)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("processed"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    failed_count = models.PositiveIntegerField(_("failed"), default=0)
    error_message = models.TextField(_("error"), blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="import_runs",
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(processed_rows__lte=models.F("total_rows")),
                name="import_processed_within_total",
            ),
        ]

    def __str__(self):
        return f"{self.source} – {self.original_name}"

    def get_absolute_url(self):
        return reverse("imports:run", kwargs={"pk": self.pk})

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def is_done(self) -> bool:
        return self.status in (self.Status.FINISHED, self.Status.FAILED)

    @property
    def delimiter_name(self) -> str:
        from knotenpunkt.imports.reading import DELIMITER_NAMES

        return str(DELIMITER_NAMES.get(self.delimiter, self.delimiter))

    @property
    def percent(self) -> int:
        return int(100 * self.processed_rows / self.total_rows) if self.total_rows else 0


class ImportRowProblem(models.Model):
    """A row that could not be imported, with the reasons, to be fixed and imported again."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="problems")
    row_number = models.PositiveIntegerField(_("row"))
    # The cells as read from the file, in the file's column order.
    raw = models.JSONField(_("row as uploaded"), default=list)
    messages = models.JSONField(_("reasons"), default=list)

    class Meta:
        verbose_name = _("problem row")
        verbose_name_plural = _("problem rows")
        ordering = ["run", "row_number"]
        constraints = [
            models.UniqueConstraint(fields=["run", "row_number"], name="one_problem_per_row"),
        ]

    def __str__(self):
        return f"{self.run_id}:{self.row_number}"


class SourceRecord(models.Model):
    """The link between a record in a legacy system and the record it became here.

    Re-importing the same source record finds this link and updates instead of creating a
    duplicate; the merge moves it along with the person or organisation.
    """

    source = models.ForeignKey(
        ImportSource, verbose_name=_("source"), on_delete=models.CASCADE, related_name="records"
    )
    record_id = models.CharField(_("record ID in the source"), max_length=200)
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="source_records",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="source_records",
    )
    # The row as last imported ({header: value}) and the values it gave each field; the
    # latter tell a re-import whether a field still holds what the source delivered.
    raw_data = models.JSONField(_("last imported row"), default=dict, blank=True)
    imported_values = models.JSONField(default=dict, blank=True)
    first_run = models.ForeignKey(
        ImportRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_run = models.ForeignKey(
        ImportRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    first_seen_at = models.DateTimeField(_("first imported"), auto_now_add=True)
    last_seen_at = models.DateTimeField(_("last imported"), auto_now=True)

    class Meta:
        verbose_name = _("source record")
        verbose_name_plural = _("source records")
        constraints = [
            models.UniqueConstraint(fields=["source", "record_id"], name="unique_source_record"),
        ]

    def __str__(self):
        return f"{self.source}: {self.record_id}"
