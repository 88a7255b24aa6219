"""Generating a dataset's files: CSV and JSON from the same records, kept with their size
and checksum. A refresh that produces the same bytes changes nothing but the time of the
run, so `dct:modified` says when the data changed, not when the task last ran."""

import hashlib
import io
import json

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from knotenpunkt.core.csv_export import csv_writer
from knotenpunkt.opendata.models import Dataset, Distribution
from knotenpunkt.opendata.services.sources import Table, table_for

# Lists inside one CSV cell (topics, goals), as in the participation app's open data.
LIST_SEPARATOR = "|"


def _cell(value):
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def table_csv(table: Table) -> bytes:
    """RFC 4180 CSV in UTF-8 (commas, CRLF, a header row) through the platform's writer,
    which neutralises cells a spreadsheet would run as formulas."""
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\r\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([_cell(row.get(column)) for column in table.columns])
    return out.getvalue().encode("utf-8")


def dataset_uri(dataset: Dataset) -> str:
    return f"{settings.SITE_URL}{dataset.get_absolute_url()}"


def table_json(dataset: Dataset, table: Table) -> bytes:
    """One JSON document: the dataset's identifier and licence, then its records."""
    document = {
        "dataset": dataset_uri(dataset),
        "publisher": dataset.cluster.name,
        "licence": dataset.licence,
        "columns": table.columns,
        "records": table.rows,
        **table.extra,
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def refresh_dataset(dataset: Dataset) -> bool:
    """Regenerate the dataset's CSV and JSON; True when the bytes of either changed."""
    table = table_for(dataset)
    contents = {
        Distribution.Format.CSV: table_csv(table),
        Distribution.Format.JSON: table_json(dataset, table),
    }
    now = timezone.now()
    changed = False
    with transaction.atomic():
        # The lock keeps two refreshes of one dataset (the nightly task and a staff
        # member's "refresh now") from both creating a distribution.
        locked = Dataset.objects.select_for_update().get(pk=dataset.pk)
        existing = {
            d.format: d for d in Distribution.objects.filter(dataset=locked).defer("content")
        }
        for fmt, content in contents.items():
            checksum = hashlib.sha256(content).hexdigest()
            distribution = existing.get(fmt)
            if distribution is not None and distribution.checksum == checksum:
                Distribution.objects.filter(pk=distribution.pk).update(generated_at=now)
                continue
            changed = True
            Distribution.objects.update_or_create(
                dataset=locked,
                format=fmt,
                defaults={
                    "content": content,
                    "byte_size": len(content),
                    "checksum": checksum,
                    "rows": len(table.rows),
                    "generated_at": now,
                    "changed_at": now,
                },
            )
        if changed:
            locked.modified = now
            locked.save(update_fields=["modified"])
            dataset.modified = now
    return changed


def refresh_published() -> dict:
    """Refresh every published dataset (the nightly task); counts of those run and
    changed."""
    counts = {"datasets": 0, "changed": 0}
    for dataset in Dataset.objects.filter(is_published=True).select_related("cluster"):
        counts["datasets"] += 1
        counts["changed"] += refresh_dataset(dataset)
    return counts
