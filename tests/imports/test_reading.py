"""Reading messy exports: encodings, delimiters, workbooks, limits."""

import pytest
from django.core.exceptions import ValidationError

from knotenpunkt.imports.fields import check_row, suggest_mapping
from knotenpunkt.imports.reading import check_upload, read_table
from tests.imports.conftest import sample, upload

HEADER = "Vorname;Nachname;E-Mail;Ort\r\n"
ROW = "Jörg;Weiß;joerg@example.org;Lübeck\r\n"


def read(name, content: bytes):
    file = upload(name, content)
    return read_table(file, check_upload(file))


def test_windows_1252_umlauts_are_read_correctly():
    table = read("crm.csv", (HEADER + ROW).encode("cp1252"))
    assert table.encoding == "cp1252"
    assert table.rows[0][1] == ["Jörg", "Weiß", "joerg@example.org", "Lübeck"]


def test_utf8_with_byte_order_mark_does_not_leak_into_the_first_header():
    table = read("excel.csv", (HEADER + ROW).encode("utf-8-sig"))
    assert table.encoding == "utf-8-sig"
    assert table.headers[0] == "Vorname"


def test_utf16_tab_separated_unicode_text_from_excel_is_read():
    table = read("unicode.txt", (HEADER + ROW).replace(";", "\t").encode("utf-16"))
    assert table.delimiter == "\t"
    assert table.rows[0][1][3] == "Lübeck"


@pytest.mark.parametrize("delimiter", [";", ",", "\t", "|"])
def test_each_common_delimiter_is_detected(delimiter):
    text = (HEADER + ROW + "Anna;Petersen;anna@example.org;Kiel\r\n").replace(";", delimiter)
    table = read("export.csv", text.encode("utf-8"))
    assert table.delimiter == delimiter
    assert table.headers == ["Vorname", "Nachname", "E-Mail", "Ort"]


def test_quoted_value_containing_the_delimiter_stays_one_cell():
    table = read("crm.csv", (HEADER + '"Jörg";"Weiß; jun.";j@example.org;Kiel\r\n').encode())
    assert table.rows[0][1][1] == "Weiß; jun."


def test_empty_rows_are_skipped_but_row_numbers_match_the_file():
    table = read("crm.csv", (HEADER + ROW + ";;;\r\n" + ROW).encode())
    assert [number for number, _cells in table.rows] == [2, 4]


def test_windows_1252_sample_export_is_read_with_semicolons():
    file = sample("crm_export_windows1252.csv")
    table = read_table(file, check_upload(file))
    assert (table.encoding, table.delimiter) == ("cp1252", ";")
    assert "Straße" in table.headers
    assert table.rows[3][1][5] == "Nordlicht; Design"


def test_xlsx_sample_reads_the_first_sheet_with_dates_and_numbers_as_text():
    file = sample("ticketshop_export.xlsx")
    table = read_table(file, check_upload(file))
    assert table.headers[:3] == ["Ticket-ID", "Vorname", "Nachname"]
    number, cells = table.rows[0]
    assert (number, cells[0], cells[6]) == (2, "50001", "2025-03-01T10:30:00")


def test_other_file_types_are_refused_with_a_clear_message():
    with pytest.raises(ValidationError, match="CSV-Dateien"):
        check_upload(upload("members.pdf", b"%PDF-1.4"))


def test_oversized_upload_is_refused(settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 100
    with pytest.raises(ValidationError, match="höchstens 100"):
        check_upload(upload("big.csv", b"x" * 101))


def test_too_many_rows_are_refused(settings):
    settings.IMPORT_MAX_ROWS = 2
    with pytest.raises(ValidationError, match="höchstens 2 Zeilen"):
        read("long.csv", (HEADER + ROW * 3).encode())


def test_a_damaged_workbook_is_a_clear_error():
    with pytest.raises(ValidationError, match="Excel"):
        read("broken.xlsx", b"PK\x03\x04 not really a zip")


def test_german_headers_are_suggested_as_fields():
    headers = ["eMail-Adresse", "PLZ", "Vorname", "Name", "Firma", "Kundennummer", "Notiz"]
    assert suggest_mapping(headers, "people", {}) == [
        "email",
        "postcode",
        "first_name",
        "last_name",
        "organisation",
        "record_id",
        "",
    ]


def test_saved_mapping_of_the_source_wins_over_the_guess():
    assert suggest_mapping(["Mail", "Notiz"], "people", {"Mail": "", "Notiz": "city"}) == [
        "",
        "city",
    ]


def test_each_bad_field_is_reported_in_plain_words():
    mapping = {0: "first_name", 1: "last_name", 2: "email", 3: "postcode", 4: "phone"}
    headers = ["Vorname", "Nachname", "Mail", "PLZ", "Telefon"]
    row = check_row(17, ["Max", "", "max.mustermann@", "241", "12"], headers, mapping, "people")
    assert len(row.errors) == 4
    assert any("max.mustermann@" in e and "e-mail" in e.lower() for e in row.errors)
    assert any("241" in e for e in row.errors)


def test_cells_are_normalised_like_the_forms_do():
    mapping = {0: "email", 1: "phone", 2: "postcode", 3: "website", 4: "first_name", 5: "last_name"}
    row = check_row(
        2,
        [" Max@Example.ORG ", "0431 123456", "1067", "firma.example", "Max", "M"],
        ["a", "b", "c", "d", "e", "f"],
        mapping,
        "people",
    )
    assert row.errors == []
    assert row.values["email"] == "max@example.org"
    assert row.values["phone"] == "+49431123456"
    assert row.values["postcode"] == "01067"
    assert row.values["website"] == "https://firma.example"
