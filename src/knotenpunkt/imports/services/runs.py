"""An import run from upload to start: store the file, assign columns, dry run, queue."""

import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import log_action
from knotenpunkt.core.csv_export import csv_writer
from knotenpunkt.imports.fields import CheckedRow, check_row, fields_for, suggest_mapping
from knotenpunkt.imports.models import ImportRun, ImportSource
from knotenpunkt.imports.reading import Table, check_upload, read_table
from knotenpunkt.imports.services.matching import Matcher

PREVIEW_ROWS = 50
PREVIEW_ERRORS = 200


@transaction.atomic
def create_source(actor, *, name: str, kind: str, record_kind: str, cluster) -> ImportSource:
    """Describe a new system the cluster management imports exports from."""
    source = ImportSource(name=name, kind=kind, record_kind=record_kind, cluster=cluster)
    source.full_clean()
    source.save()
    log_action(actor, "imports.source.created", source, cluster=cluster.name)
    return source


@transaction.atomic
def start_run(
    actor, source: ImportSource, upload, *, table: Table | None = None, language: str = ""
) -> ImportRun:
    """Store an uploaded export for `source` after checking that we can read it."""
    file_format = check_upload(upload)
    if table is None:
        table = read_table(upload, file_format)
    upload.seek(0)
    run = ImportRun(
        source=source,
        original_name=upload.name[:255],
        file_format=file_format,
        encoding=table.encoding,
        delimiter=table.delimiter,
        headers=table.headers,
        total_rows=len(table.rows),
        started_by=actor,
        language=language or translation.get_language() or "de",
    )
    run.file.save(upload.name, upload, save=False)
    run.save()
    log_action(actor, "imports.run.uploaded", run, source=source.name, rows=run.total_rows)
    return run


def column_samples(table: Table, count: int = 3) -> list[list[str]]:
    """A few non-empty values per column, to show next to the column's select."""
    samples: list[list[str]] = [[] for _header in table.headers]
    for _number, cells in table.rows:
        for index, values in enumerate(samples):
            if len(values) < count and index < len(cells) and cells[index]:
                values.append(cells[index][:60])
        if all(len(values) >= count for values in samples):
            break
    return samples


def read_run_table(run: ImportRun) -> Table:
    with run.file.open("rb") as fileobj:
        return read_table(fileobj, run.file_format)


def mapping_choices(run: ImportRun) -> list[str]:
    """The field per column to show first: this source's saved mapping, else a guess."""
    if run.mapping:
        return [run.mapping.get(str(i), "") for i in range(len(run.headers))]
    return suggest_mapping(run.headers, run.source.record_kind, run.source.column_mapping)


@transaction.atomic
def save_mapping(actor, run: ImportRun, columns: list[str]) -> ImportRun:
    """Assign a field (or nothing) to each column; remember it for the source's next export.

    Raises ValidationError when a field is assigned twice or a required one is missing.
    """
    if run.is_active or run.is_done:
        raise ValidationError(_("This import has already started; its columns are fixed."))
    targets = {f.key: f for f in fields_for(run.source.record_kind)}
    chosen = [c for c in columns if c]
    errors = []
    for key in sorted({c for c in chosen if chosen.count(c) > 1}):
        errors.append(
            _("“%(field)s” is assigned to more than one column.") % {"field": targets[key].label}
        )
    for target in targets.values():
        if target.required and target.key not in chosen:
            errors.append(_("Please assign a column to “%(field)s”.") % {"field": target.label})
    if errors:
        raise ValidationError(errors)
    run.mapping = {str(i): key for i, key in enumerate(columns) if key}
    run.status = ImportRun.Status.MAPPED
    run.save(update_fields=["mapping", "status"])
    source = ImportSource.objects.select_for_update().get(pk=run.source_id)
    source.column_mapping = {
        **source.column_mapping,
        **dict(zip(run.headers, columns, strict=True)),
    }
    source.save(update_fields=["column_mapping"])
    run.source.column_mapping = source.column_mapping
    return run


def checked_rows(run: ImportRun, table: Table | None = None) -> list[CheckedRow]:
    table = table or read_run_table(run)
    mapping = {int(i): key for i, key in run.mapping.items()}
    return [
        check_row(number, cells, table.headers, mapping, run.source.record_kind)
        for number, cells in table.rows
    ]


@dataclass
class RowOutcome:
    number: int
    outcome: str  # "create", "update" or "error"
    summary: str
    details: list[str] = field(default_factory=list)


@dataclass
class Preview:
    counts: dict[str, int]
    rows: list[RowOutcome]
    errors: list[RowOutcome]


def preview_run(run: ImportRun) -> Preview:
    """Dry run: what each row would do (create, update, error); nothing is written to the
    directory. The counts are kept on the run."""
    rows = checked_rows(run)
    matcher = Matcher(run.source, rows)
    counts = {"create": 0, "update": 0, "error": 0}
    outcomes, errors = [], []
    for row in rows:
        outcome = _predict(run.source, row, matcher)
        counts[outcome.outcome] += 1
        if len(outcomes) < PREVIEW_ROWS:
            outcomes.append(outcome)
        if outcome.outcome == "error" and len(errors) < PREVIEW_ERRORS:
            errors.append(outcome)
    ImportRun.objects.filter(pk=run.pk).update(
        preview_summary=counts, status=ImportRun.Status.PREVIEWED, total_rows=len(rows)
    )
    run.refresh_from_db()
    return Preview(counts=counts, rows=outcomes, errors=errors)


def _predict(source: ImportSource, row: CheckedRow, matcher: Matcher) -> RowOutcome:
    if row.errors:
        return RowOutcome(row.number, "error", _("Will be skipped"), row.errors)
    record = matcher.known_record(row)
    if source.record_kind == ImportSource.RecordKind.ORGANISATIONS:
        org_id, how = matcher.organisation_for(row.values, record)
        label = row.values["name"]
        if org_id is None:
            matcher.remember_organisation(f"new:{row.number}", **_org_keys(row.values))
            matcher.remember_record(row.key, None, f"new:{row.number}", {})
            return RowOutcome(
                row.number, "create", _("New organisation %(name)s") % {"name": label}
            )
        matcher.remember_record(row.key, None, org_id, record.imported_values if record else {})
        return RowOutcome(
            row.number,
            "update",
            _("Update organisation %(name)s") % {"name": label},
            [MATCHED_BY[how]()],
        )
    person_id, how = matcher.person_for(row)
    label = " ".join(filter(None, [row.values.get("first_name"), row.values.get("last_name")]))
    details = []
    if row.values.get("organisation"):
        org_id, _how = matcher.organisation_for(
            {"organisation": row.values["organisation"], "website": row.values.get("website")}
        )
        if org_id is None:
            matcher.remember_organisation(
                f"new:{row.number}",
                row.values["organisation"],
                website=row.values.get("website", ""),
            )
            details.append(
                _("creates organisation %(name)s") % {"name": row.values["organisation"]}
            )
        else:
            details.append(
                _("at the known organisation %(name)s") % {"name": row.values["organisation"]}
            )
    if person_id is None:
        placeholder = f"new:{row.number}"
        matcher.remember_record(row.key, placeholder, None, {})
        if row.values.get("email"):
            matcher.remember_email(row.values["email"], placeholder)
        return RowOutcome(row.number, "create", _("New person %(name)s") % {"name": label}, details)
    matcher.remember_record(row.key, person_id, None, {})
    return RowOutcome(
        row.number,
        "update",
        _("Update person %(name)s") % {"name": label},
        [MATCHED_BY[how](), *details],
    )


def _org_keys(values: dict) -> dict:
    return {
        "name": values.get("name", ""),
        "vat_id": values.get("vat_id", ""),
        "register_number": values.get("register_number", ""),
        "website": values.get("website", ""),
    }


MATCHED_BY = {
    "record": lambda: _("known from an earlier import of this source"),
    "email": lambda: _("found by e-mail address; only empty fields are filled"),
    "vat_id": lambda: _("found by VAT ID; only empty fields are filled"),
    "register_number": lambda: _("found by register number; only empty fields are filled"),
    "domain": lambda: _("found by web address; only empty fields are filled"),
    "name": lambda: _("found by name; only empty fields are filled"),
}


@transaction.atomic
def queue_run(actor, run: ImportRun) -> ImportRun:
    """Hand a checked run to the background worker, once the start is committed."""
    from knotenpunkt.imports.tasks import execute_import

    run = ImportRun.objects.select_for_update().get(pk=run.pk)
    if run.status != ImportRun.Status.PREVIEWED:
        raise ValidationError(_("Please check the import with a dry run before starting it."))
    run.status = ImportRun.Status.QUEUED
    run.started_by = actor
    run.language = translation.get_language() or run.language
    run.save(update_fields=["status", "started_by", "language"])
    log_action(actor, "imports.run.started", run, source=run.source.name, rows=run.total_rows)
    transaction.on_commit(lambda: execute_import.enqueue(run.pk))
    return run


def problem_rows_csv(run: ImportRun) -> bytes:
    """The rows that failed, with their original columns and a reason column, as CSV in
    UTF-8 with BOM (Excel opens it correctly) with the file's own delimiter."""
    buffer = io.StringIO()
    delimiter = run.delimiter or ";"
    writer = csv_writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    with translation.override(run.language):
        writer.writerow([*run.headers, _("Reason")])
    width = len(run.headers)
    for problem in run.problems.all().iterator():
        cells = (list(problem.raw) + [""] * width)[:width]
        writer.writerow([*cells, " ".join(problem.messages)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
