"""`knotenpunkt find-duplicates --csv IN.csv --out PAIRS.csv`: the people in a CSV export
who are the same person, as transitively complete pairs with their match probability.

Works on the file alone: it neither reads nor writes the application database, so it
runs on any machine with the package installed, also without a configured database.
"""

import csv
import logging
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from knotenpunkt.core.csv_export import csv_writer
from knotenpunkt.quality.linkage import link_people, transitive_pairs
from knotenpunkt.quality.linkage.people import DEFAULT_THRESHOLD, PERSON_FIELDS


class Command(BaseCommand):
    help = (
        "Find the records of one CSV export that describe the same person and write them "
        "as pairs (record_id_a, record_id_b, score). Input columns: "
        + ",".join(PERSON_FIELDS)
        + " (UTF-8, header row). Does not use the database."
    )
    # System checks may look at the database; this command must work without one.
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("--csv", required=True, type=Path, help="Input CSV export.")
        parser.add_argument("--out", required=True, type=Path, help="Output CSV of pairs.")
        parser.add_argument(
            "--threshold",
            type=float,
            default=DEFAULT_THRESHOLD,
            help=f"Lowest match probability to accept (default {DEFAULT_THRESHOLD}).",
        )
        parser.add_argument(
            "--threads", type=int, default=None, help="DuckDB threads (default: all cores)."
        )

    def handle(self, *args, csv: Path, out: Path, threshold: float, threads, **options):
        if not 0 < threshold < 1:
            raise CommandError("--threshold must lie between 0 and 1, e.g. 0.9.")
        # Splink narrates every training step at INFO; a command's output is its result.
        logging.getLogger("splink").setLevel(logging.WARNING)
        started = time.monotonic()
        records = read_records(Path(csv))
        pairs = transitive_pairs(link_people(records, threshold=threshold, threads=threads))
        write_pairs(pairs, Path(out))
        self.stderr.write(
            f"{len(records)} records, {len(pairs)} pairs in {time.monotonic() - started:.1f} s"
        )


def read_records(path: Path) -> list[dict[str, str]]:
    """The rows of a contract CSV; CommandError with a readable reason when the file is
    missing, not UTF-8, or lacks a column or a record id."""
    if not path.is_file():
        raise CommandError(f"Input file not found: {path}")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise CommandError(
            f"{path} is not UTF-8 (byte {error.start} cannot be decoded). Save the export "
            "as UTF-8, e.g. in LibreOffice: Save as → Text CSV → Character set UTF-8."
        ) from error
    reader = csv.DictReader(text.splitlines())
    header = [name.strip() for name in (reader.fieldnames or [])]
    if not header:
        raise CommandError(f"{path} is empty: expected a header row.")
    missing = [name for name in PERSON_FIELDS if name not in header]
    if missing:
        raise CommandError(
            f"{path} lacks the column(s) {', '.join(missing)}. Expected header: "
            + ",".join(PERSON_FIELDS)
        )
    reader.fieldnames = header
    records = []
    seen: set[str] = set()
    try:
        for row in reader:
            record = {name: (row.get(name) or "").strip() for name in PERSON_FIELDS}
            record_id = record["record_id"]
            if not record_id:
                raise CommandError(f"{path}, line {reader.line_num}: record_id is empty.")
            if record_id in seen:
                raise CommandError(
                    f"{path}, line {reader.line_num}: record_id {record_id} appears twice."
                )
            seen.add(record_id)
            records.append(record)
    except csv.Error as error:
        raise CommandError(f"{path}, line {reader.line_num}: {error}") from error
    return records


def write_pairs(pairs, path: Path) -> None:
    try:
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv_writer(handle)
            writer.writerow(["record_id_a", "record_id_b", "score"])
            for pair in pairs:
                writer.writerow([pair.a, pair.b, f"{pair.score:.4f}"])
    except OSError as error:
        raise CommandError(f"Cannot write {path}: {error.strerror}") from error
