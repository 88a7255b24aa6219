"""Limits enforced while a file is read: a small workbook that unpacks to millions of
cells is refused at once, with the limit named, instead of occupying the worker."""

import io
import time
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from knotenpunkt.imports.reading import read_table
from tests.imports.conftest import upload


def workbook(rows) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_sheet_xml(data: bytes, parts) -> bytes:
    """The workbook with its first sheet's XML replaced by `parts`, written as a stream
    (how a hostile file is made: openpyxl would take minutes to write millions of cells)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                sheet_info = zipfile.ZipInfo(info.filename)
                sheet_info.compress_type = zipfile.ZIP_DEFLATED
                with target.open(sheet_info, "w", force_zip64=True) as sheet:
                    for part in parts:
                        sheet.write(part)
            else:
                target.writestr(info, source.read(info.filename), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def five_million_cells() -> bytes:
    head = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    )
    row = b"<row>" + b"<c><v>1</v></c>" * 1000 + b"</row>"

    def parts():
        yield head
        for _ in range(5000):
            yield row
        yield b"</sheetData></worksheet>"

    return parts()


@pytest.fixture(scope="module")
def bomb():
    """A workbook under 1 MB whose first sheet holds 5,000,000 cells."""
    return with_sheet_xml(workbook([["Vorname", "Nachname"]]), five_million_cells())


def read_xlsx(data: bytes):
    return read_table(upload("export.xlsx", data), "xlsx")


def test_a_small_workbook_with_five_million_cells_is_refused_within_seconds(bomb):
    assert len(bomb) < 1024 * 1024
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(ValidationError) as refused:
            read_xlsx(bomb)
        elapsed = time.monotonic() - started
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert refused.value.code == "too_many_cells"
    assert refused.value.params["limit"] == 1_000_000
    assert elapsed < 5
    assert peak < 50 * 1024 * 1024


def test_the_cell_limit_is_named_in_the_message(settings):
    settings.IMPORT_MAX_CELLS = 30
    with pytest.raises(ValidationError) as refused:
        read_xlsx(workbook([["Vorname", "Nachname", "Ort"]] * 11))
    assert "30" in refused.value.messages[0]


def test_a_workbook_within_the_limits_is_read(settings):
    settings.IMPORT_MAX_CELLS = 30
    table = read_xlsx(workbook([["Vorname", "Nachname", "Ort"]] * 10))
    assert len(table.rows) == 9


def test_a_workbook_with_too_many_rows_is_refused_while_reading(settings):
    settings.IMPORT_MAX_ROWS = 5
    with pytest.raises(ValidationError) as refused:
        read_xlsx(workbook([["Jana", "Jensen"]] * 7))
    assert refused.value.code == "too_many_rows"
    assert "5" in refused.value.messages[0]


def test_a_csv_with_too_many_cells_is_refused(settings):
    settings.IMPORT_MAX_CELLS = 100
    with pytest.raises(ValidationError) as refused:
        read_table(upload("wide.csv", ("a;" * 200 + "\r\n").encode() * 2), "csv")
    assert refused.value.code == "too_many_cells"


def test_a_sheet_that_unpacks_beyond_the_limit_is_refused_before_parsing(settings):
    settings.IMPORT_MAX_UNPACKED_BYTES = 100_000
    data = with_sheet_xml(workbook([["a"]]), [b"<worksheet>" + b" " * 200_000 + b"</worksheet>"])
    with pytest.raises(ValidationError) as refused:
        read_xlsx(data)
    assert refused.value.code == "too_large_unpacked"
    assert "97,7" in refused.value.messages[0] or "97.7" in refused.value.messages[0]


def test_a_declared_dimension_of_the_whole_sheet_does_not_pad_rows():
    data = workbook([["Vorname", "Nachname"], ["Jana", "Jensen"]])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml")
    forged = xml.replace(b"<sheetViews>", b'<dimension ref="A1:XFD1048576"/><sheetViews>', 1)
    table = read_xlsx(with_sheet_xml(data, [forged]))
    assert table.rows == [(2, ["Jana", "Jensen"])]


def test_cells_of_a_sheet_with_namespace_prefixes_are_counted_too(settings):
    settings.IMPORT_MAX_CELLS = 10
    sheet = (
        b'<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<x:sheetData>"
        + b"<x:row>"
        + b'<x:c t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c>' * 11
        + b"</x:row>"
        + b"</x:sheetData></x:worksheet>"
    )
    with pytest.raises(ValidationError) as refused:
        read_xlsx(with_sheet_xml(workbook([["a"]]), [sheet]))
    assert refused.value.code == "too_many_cells"
