"""Reading exports of legacy systems: CSV in whatever encoding and delimiter, and XLSX.

Exports from German office software arrive as Windows-1252 with semicolons, as UTF-8
with a byte order mark (Excel's "CSV UTF-8"), as UTF-16 with tabs ("Unicode text"), or as
Excel workbooks. Everything is read into text cells so that validation sees what the
person who made the export saw.

The limits (rows, cells, unpacked size of a workbook) are enforced while reading, never
after: a workbook of 800 KB can unpack to millions of cells, and reading them all before
counting would occupy the worker until it is killed.
"""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath

from charset_normalizer import from_bytes
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.csv_export import as_typed
from knotenpunkt.core.uploads import check_upload_size, upload_limit

CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
XLSX_SUFFIXES = {".xlsx"}
DELIMITERS = ";,\t|"
DELIMITER_NAMES = {";": _("semicolon"), ",": _("comma"), "\t": _("tab"), "|": _("vertical bar")}
# Candidates for text that is not UTF-8; Windows-1252 is what German Excel writes.
ENCODINGS = ["utf_8", "utf_16", "cp1252", "latin_1"]


def max_upload_bytes() -> int:
    return upload_limit("import")


def max_rows() -> int:
    return settings.IMPORT_MAX_ROWS


def max_cells() -> int:
    return settings.IMPORT_MAX_CELLS


def max_unpacked_bytes() -> int:
    """What all parts of a workbook may add up to once unzipped (Python's zipfile never
    unpacks more than a part declares, so the declared sizes bound the work)."""
    return settings.IMPORT_MAX_UNPACKED_BYTES


# A cell's start tag in a sheet's XML (<c r="A1">, <c>, <c/>); counted with bytes.count,
# which is ten times faster than a regular expression. Sheets whose elements carry a
# namespace prefix (<x:c>) are rare and counted with the expression.
_CELL_TAGS = (b"<c ", b"<c>", b"<c/", b"<c\t", b"<c\n", b"<c\r")
_PREFIXED_CELL_TAG = re.compile(rb"<[A-Za-z_][\w.-]{0,15}:c[\s/>]")
_PREFIXED_ROOT = re.compile(rb"<[A-Za-z_][\w.-]{0,15}:(?:worksheet|sheetData)[\s>]")
_TAG_MAX = 20  # the longest tag counted, so that a tag cut between two chunks counts once
_SCAN_CHUNK = 1024 * 1024


@dataclass
class Table:
    headers: list[str]
    # (row number as the user sees it in the file or workbook, cells as text)
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    file_format: str = "csv"
    encoding: str = ""
    delimiter: str = ""


def check_upload(upload) -> str:
    """Refuse files that are too large or of a type we cannot read; return the format."""
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in CSV_SUFFIXES | XLSX_SUFFIXES:
        raise ValidationError(
            _(
                "We can read CSV files (.csv, .txt) and Excel workbooks (.xlsx). "
                "Please save the export in one of these formats."
            ),
            code="wrong_type",
        )
    check_upload_size(upload, "import")
    return "xlsx" if suffix in XLSX_SUFFIXES else "csv"


def read_table(fileobj, file_format: str) -> Table:
    """Read the first sheet or the CSV text into a header and rows of text cells."""
    fileobj.seek(0)
    data = fileobj.read()
    table = _read_xlsx(data) if file_format == "xlsx" else _read_csv(data)
    if not table.headers:
        raise ValidationError(_("The file is empty."), code="empty")
    return table


def _too_many_cells() -> ValidationError:
    return ValidationError(
        _(
            "The file has more than %(limit)s cells; one import may have at most %(limit)s. "
            "Please split it into several files or remove unused columns."
        ),
        code="too_many_cells",
        params={"limit": max_cells()},
    )


def _within_limits(rows):
    """The rows as they are read, refusing the file as soon as it has more rows or cells
    than one import may have (the header row does not count as a row)."""
    row_limit, cell_limit = max_rows(), max_cells()
    filled = cells = 0
    for row in rows:
        cells += len(row)
        if cells > cell_limit:
            raise _too_many_cells()
        if any(row):
            filled += 1
            if filled > row_limit + 1:
                raise ValidationError(
                    _(
                        "One import may have at most %(limit)s rows; this file has more. "
                        "Please split it into several files."
                    ),
                    code="too_many_rows",
                    params={"limit": row_limit},
                )
        yield row


def detect_encoding(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000], cp_isolation=ENCODINGS).best()
    if best is None:
        # Latin-1 decodes any byte; a wrong guess shows as odd letters, never as a crash.
        return "latin_1"
    return best.encoding.replace("_", "-")


def detect_delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        # One column, or rows the sniffer finds inconsistent: take the most frequent
        # candidate of the header line.
        first_line = text.splitlines()[0] if text else ""
        counts = {d: first_line.count(d) for d in DELIMITERS}
        best = max(counts, key=counts.get)
        return best if counts[best] else ";"


def _read_csv(data: bytes) -> Table:
    encoding = detect_encoding(data)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        encoding = "latin-1"
        text = data.decode(encoding)
    if "\x00" in text:
        raise ValidationError(
            _("The file does not look like a CSV export (it contains binary data)."),
            code="binary",
        )
    delimiter = detect_delimiter(text)
    try:
        rows = list(_within_limits(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)))
    except csv.Error as exc:
        raise ValidationError(
            _("The CSV file cannot be read: %(error)s"), code="bad_csv", params={"error": exc}
        ) from exc
    table = _table_from_rows(rows)
    table.file_format, table.encoding, table.delimiter = "csv", encoding, delimiter
    return table


def _bad_xlsx() -> ValidationError:
    return ValidationError(
        _("The file is not an Excel workbook we can read (.xlsx)."), code="bad_xlsx"
    )


def _check_workbook_size(data: bytes) -> None:
    """Refuse a workbook that unpacks to more bytes or cells than an import may have,
    before openpyxl opens it: opening alone reads every sheet through to find its size."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            _check_unpacked_size(sum(info.file_size for info in parts))
            # Every XML part, not only the first sheet: openpyxl opens them all, and a
            # sheet need not live under xl/worksheets/.
            cells = 0
            for info in parts:
                if info.filename.lower().endswith(".xml"):
                    with archive.open(info) as part:
                        cells = _count_cells(part, cells)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise _bad_xlsx() from exc


def _check_unpacked_size(unpacked: int) -> None:
    if unpacked > max_unpacked_bytes():
        raise ValidationError(
            _(
                "The workbook unpacks to %(size)s; an import may unpack to at most %(limit)s. "
                "Please save it as CSV or split it into several files."
            ),
            code="too_large_unpacked",
            params={
                "size": filesizeformat(unpacked),
                "limit": filesizeformat(max_unpacked_bytes()),
            },
        )


def _count_cells(source, count: int) -> int:
    """`count` plus the cell tags of an XML part, read in chunks and stopped at the limit
    (one row of millions of cells would otherwise be built in memory whole)."""
    limit, tail, prefixed = max_cells(), b"", None
    while chunk := source.read(_SCAN_CHUNK):
        if prefixed is None:
            prefixed = bool(_PREFIXED_ROOT.search(chunk))
        buffer = tail + chunk
        # Tags starting in the last bytes are counted with the next chunk.
        end = max(len(buffer) - _TAG_MAX, 0)
        count += _tags_starting_before(buffer, end, prefixed)
        if count > limit:
            raise _too_many_cells()
        tail = buffer[end:]
    count += _tags_starting_before(tail, len(tail), prefixed)
    if count > limit:
        raise _too_many_cells()
    return count


def _tags_starting_before(buffer: bytes, end: int, prefixed: bool) -> int:
    if prefixed:
        return sum(1 for m in _PREFIXED_CELL_TAG.finditer(buffer) if m.start() < end)
    return sum(buffer.count(tag, 0, end + len(tag) - 1) for tag in _CELL_TAGS)


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    _check_workbook_size(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        raise _bad_xlsx() from exc
    try:
        sheet = workbook.worksheets[0]
        # The dimension the file declares may be wrong (or forged to A1:XFD1048576);
        # without it openpyxl pads each row only to its last cell.
        sheet.reset_dimensions()
        rows = [
            [_cell_text(v) for v in row]
            for row in _within_limits(sheet.iter_rows(values_only=True))
        ]
    except ValidationError:
        raise
    except Exception as exc:  # a damaged sheet shows only while it is read
        raise _bad_xlsx() from exc
    finally:
        workbook.close()
    table = _table_from_rows(rows)
    table.file_format = "xlsx"
    return table


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        # Excel stores 24103 as 24103.0 and 1200.5 as a binary float.
        return str(int(value)) if value.is_integer() else str(Decimal(str(value)))
    return str(value).strip()


def _table_from_rows(rows: list[list[str]]) -> Table:
    numbered = [(i, [as_typed(c.strip()) for c in row]) for i, row in enumerate(rows, start=1)]
    numbered = [(i, row) for i, row in numbered if any(row)]
    if not numbered:
        return Table(headers=[])
    _header_row, header = numbered[0]
    while header and not header[-1]:
        header = header[:-1]
    headers = _unique_headers(header)
    width = len(headers)
    body = []
    for number, row in numbered[1:]:
        cells = row[:width] + [""] * (width - len(row))
        # Cells beyond the header are kept only if they hold something, so the row is
        # reported rather than silently cut.
        extra = [c for c in row[width:] if c]
        if extra:
            cells.append(" | ".join(extra))
        body.append((number, cells))
    return Table(headers=headers, rows=body)


def _unique_headers(header: list[str]) -> list[str]:
    headers, seen = [], {}
    for i, name in enumerate(header, start=1):
        name = name or str(_("Column %(number)s") % {"number": i})
        seen[name] = seen.get(name, 0) + 1
        headers.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return headers
