"""The DATEV export, read back the way a DATEV-reading tool reads it: header record,
column line checked against the format's column list (written out here, independently
of the exporter), then every booking by column name."""

import csv
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from knotenpunkt.invoicing.models import DebtorAccount, Invoice, InvoiceSettings
from knotenpunkt.invoicing.services import Line, Party, cancel_invoice
from knotenpunkt.invoicing.services.datev import datev_export
from tests.factories import InvoiceSettingsFactory, OrganisationFactory

# DATEV Buchungsstapel, format version 13 (header version 700): the 125 columns.
BOOKING_COLUMNS = [
    "Umsatz (ohne Soll/Haben-Kz)", "Soll/Haben-Kennzeichen", "WKZ Umsatz", "Kurs",
    "Basis-Umsatz", "WKZ Basis-Umsatz", "Konto", "Gegenkonto (ohne BU-Schlüssel)",
    "BU-Schlüssel", "Belegdatum", "Belegfeld 1", "Belegfeld 2", "Skonto", "Buchungstext",
    "Postensperre", "Diverse Adressnummer", "Geschäftspartnerbank", "Sachverhalt",
    "Zinssperre", "Beleglink",
    "Beleginfo - Art 1", "Beleginfo - Inhalt 1", "Beleginfo - Art 2", "Beleginfo - Inhalt 2",
    "Beleginfo - Art 3", "Beleginfo - Inhalt 3", "Beleginfo - Art 4", "Beleginfo - Inhalt 4",
    "Beleginfo - Art 5", "Beleginfo - Inhalt 5", "Beleginfo - Art 6", "Beleginfo - Inhalt 6",
    "Beleginfo - Art 7", "Beleginfo - Inhalt 7", "Beleginfo - Art 8", "Beleginfo - Inhalt 8",
    "KOST1 - Kostenstelle", "KOST2 - Kostenstelle", "Kost-Menge",
    "EU-Land u. UStID (Bestimmung)", "EU-Steuersatz (Bestimmung)", "Abw. Versteuerungsart",
    "Sachverhalt L+L", "Funktionsergänzung L+L", "BU 49 Hauptfunktionstyp",
    "BU 49 Hauptfunktionsnummer", "BU 49 Funktionsergänzung",
] + [
    name
    for i in range(1, 21)
    for name in (f"Zusatzinformation - Art {i}", f"Zusatzinformation- Inhalt {i}")
] + [
    "Stück", "Gewicht", "Zahlweise", "Forderungsart", "Veranlagungsjahr",
    "Zugeordnete Fälligkeit", "Skontotyp", "Auftragsnummer", "Buchungstyp",
    "USt-Schlüssel (Anzahlungen)", "EU-Land (Anzahlungen)", "Sachverhalt L+L (Anzahlungen)",
    "EU-Steuersatz (Anzahlungen)", "Erlöskonto (Anzahlungen)", "Herkunft-Kz", "Buchungs GUID",
    "KOST-Datum", "SEPA-Mandatsreferenz", "Skontosperre", "Gesellschaftername",
    "Beteiligtennummer", "Identifikationsnummer", "Zeichnernummer", "Postensperre bis",
    "Bezeichnung SoBil-Sachverhalt", "Kennzeichen SoBil-Buchung", "Festschreibung",
    "Leistungsdatum", "Datum Zuord. Steuerperiode", "Fälligkeit", "Generalumkehr (GU)",
    "Steuersatz", "Land", "Abrechnungsreferenz", "BVV-Position", "EU-Land u. UStID (Ursprung)",
    "EU-Steuersatz (Ursprung)", "Abw. Skontokonto",
]  # fmt: skip
# The columns of Debitoren/Kreditoren (version 5) the export fills, at their positions.
DEBTOR_POSITIONS = {
    "Konto": 1,
    "Name (Adressattyp Unternehmen)": 2,
    "Adressattyp": 7,
    "Kurzbezeichnung": 8,
    "EU-Land": 9,
    "EU-UStID": 10,
    "Adressart": 15,
    "Straße": 16,
    "Postleitzahl": 18,
    "Ort": 19,
    "Land": 20,
    "E-Mail": 33,
    "IBAN-Nr. 1": 45,
    "Kunden-/Lief.-Nr.": 99,
    "Nummer Fremdsystem": 220,
    "Letzte Frist": 254,
}
HEADER_FIELDS = 31


@dataclass
class ExtfFile:
    raw_lines: list[str]
    header: list[str]
    columns: list[str]
    rows: list[list[str]]

    def records(self) -> list[dict[str, str]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def read_extf(data: bytes) -> ExtfFile:
    """Read a DATEV file like a receiving tool: CRLF lines in Windows-1252, line 1 the
    header record, line 2 the column names, every further line one record."""
    assert b"\n" not in data.replace(b"\r\n", b""), "a bare LF would split a record"
    text = data.decode("cp1252")
    assert text.endswith("\r\n")
    raw_lines = text[:-2].split("\r\n")
    rows = list(csv.reader(raw_lines, delimiter=";", quotechar='"'))
    header, columns, *records = rows
    assert header[0] == "EXTF" and len(header) == HEADER_FIELDS
    assert all(len(record) == len(columns) for record in records)
    return ExtfFile(raw_lines, header, columns, records)


@pytest.fixture
def datev(seller):
    """The seller cluster with the numbers its tax adviser gave it."""
    seller.datev_consultant_number = 29098
    seller.datev_client_number = 55003
    seller.save()
    return seller


def _year_of_latest_invoice(cluster) -> int:
    """The year of the cluster's newest invoice (not of today: the clock keeps running)."""
    latest = Invoice.objects.filter(cluster=cluster).order_by("-pk").first()
    return latest.issued_on.year if latest else timezone.localdate().year


def _bookings(cluster, year=None, month=None) -> ExtfFile:
    year = year or _year_of_latest_invoice(cluster)
    return read_extf(datev_export(cluster, year, month).bookings)


def _debtors(cluster) -> ExtfFile:
    return read_extf(datev_export(cluster, _year_of_latest_invoice(cluster)).debtors)


def test_the_header_is_an_extf_buchungsstapel_record_with_the_clusters_numbers(issue, datev):
    year = issue().issued_on.year
    exported = _bookings(datev.cluster)
    assert exported.raw_lines[0].startswith('"EXTF";700;21;"Buchungsstapel";13;')
    header = exported.header
    assert re.fullmatch(r"\d{17}", header[5])  # created, YYYYMMDDHHMMSSFFF
    assert header[7:9] == ["RE", "Knotenpunkt"]  # Herkunft, Exportiert von
    assert header[10:16] == ["29098", "55003", f"{year}0101", "4", f"{year}0101", f"{year}1231"]
    assert header[18:22] == ["1", "0", "0", "EUR"]  # booking type, purpose, locking, WKZ


def test_the_column_line_names_all_125_columns_of_format_13_in_order(issue, datev):
    issue()
    assert _bookings(datev.cluster).columns == BOOKING_COLUMNS
    assert len(BOOKING_COLUMNS) == 125


def test_the_first_booking_is_read_with_every_field_in_its_column(issue, datev):
    invoice = issue()
    (booking,) = _bookings(datev.cluster).records()
    assert booking["Umsatz (ohne Soll/Haben-Kz)"] == "119,00"
    assert booking["Soll/Haben-Kennzeichen"] == "S"
    assert booking["WKZ Umsatz"] == "EUR"
    assert booking["Konto"] == "10000"  # collective debtor: the buyer is no organisation
    assert booking["Gegenkonto (ohne BU-Schlüssel)"] == "8400"
    assert booking["BU-Schlüssel"] == ""
    assert booking["Belegdatum"] == invoice.issued_on.strftime("%d%m")
    assert booking["Belegfeld 1"] == invoice.number
    assert booking["Buchungstext"] == "Nordlicht Software GmbH"


def test_accounts_are_numbers_of_the_account_length_and_dates_are_ddmm(issue, datev, member_org):
    datev.datev_account_length = 6
    datev.save()
    first = issue(organisation=member_org)
    second = issue()
    bookings = _bookings(datev.cluster, first.issued_on.year).records()
    for booking, invoice in zip(bookings, [first, second], strict=True):
        assert re.fullmatch(r"\d{6}", booking["Gegenkonto (ohne BU-Schlüssel)"])
        assert re.fullmatch(r"\d{7}", booking["Konto"])  # personal accounts: one digit more
        day = booking["Belegdatum"]
        assert date(invoice.issued_on.year, int(day[2:]), int(day[:2])) == invoice.issued_on
        assert Decimal(booking["Umsatz (ohne Soll/Haben-Kz)"].replace(",", ".")) > 0


def test_text_fields_are_quoted_and_numbers_are_not(issue, datev, buyer):
    buyer.name = 'Werft "Nord" GmbH; Kiel'
    invoice = issue(buyer=buyer)
    line = _bookings(datev.cluster).raw_lines[2]
    assert line.startswith(f'119,00;"S";"EUR";;;;10000;8400;"";{invoice.issued_on:%d%m};')
    assert f';"{invoice.number}";' in line
    assert ';"Werft ""Nord"" GmbH; Kiel";' in line


def test_the_file_is_windows_1252_with_crlf(issue, datev, buyer):
    buyer.name = "Müller & Söhne Straßenbau GmbH"
    invoice = issue(buyer=buyer)
    data = datev_export(datev.cluster, invoice.issued_on.year).bookings
    assert "Müller".encode("cp1252") in data
    assert data.count(b"\r\n") == 3 and b"\n" not in data.replace(b"\r\n", b"")


def test_invoice_with_two_rates_gives_two_bookings(issue, datev):
    issue(
        lines=[
            Line("Ticket", Decimal("1"), Decimal("100"), Decimal("19")),
            Line("Buch", Decimal("1"), Decimal("20"), Decimal("7")),
        ]
    )
    bookings = _bookings(datev.cluster).records()
    assert [
        (b["Umsatz (ohne Soll/Haben-Kz)"], b["Gegenkonto (ohne BU-Schlüssel)"]) for b in bookings
    ] == [
        ("119,00", "8400"),
        ("21,40", "8300"),
    ]


def test_a_free_line_gives_no_zero_booking(issue, datev):
    issue(
        lines=[
            Line("Ticket", Decimal("1"), Decimal("100"), Decimal("19")),
            Line("Freikarte", Decimal("1"), Decimal("0"), Decimal("7")),
        ]
    )
    assert len(_bookings(datev.cluster).rows) == 1


def test_cancellation_is_booked_on_the_credit_side(issue, datev, alice):
    original = issue()
    cancellation = cancel_invoice(alice, original, "storniert")
    booking = _bookings(datev.cluster).records()[1]
    assert (booking["Umsatz (ohne Soll/Haben-Kz)"], booking["Soll/Haben-Kennzeichen"]) == (
        "119,00",
        "H",
    )
    assert booking["Belegfeld 1"] == cancellation.number
    assert booking["Buchungstext"].startswith(f"Storno {original.number}")


@override_settings(
    INVOICING_DATEV_DEBTOR_ACCOUNT="12000",
    INVOICING_DATEV_REVENUE_ACCOUNTS={"19.00": "4400"},
    INVOICING_DATEV_TAX_KEYS={"19.00": "3"},
)
def test_accounts_come_from_the_settings(issue, datev):
    issue()
    booking = _bookings(datev.cluster).records()[0]
    assert (booking["Konto"], booking["Gegenkonto (ohne BU-Schlüssel)"]) == ("12000", "4400")
    assert booking["BU-Schlüssel"] == "3"


@override_settings(INVOICING_DATEV_REVENUE_ACCOUNTS={"7.00": "8300"})
def test_a_vat_rate_without_revenue_account_refuses_the_export(issue, datev):
    invoice = issue()
    with pytest.raises(ValidationError, match="no revenue account"):
        datev_export(datev.cluster, invoice.issued_on.year)


def test_long_buyer_names_are_cut_to_sixty_characters(issue, datev):
    issue(buyer=Party("A" * 80, "Weg 1", "24103", "Kiel"))
    assert len(_bookings(datev.cluster).records()[0]["Buchungstext"]) == 60


def test_export_holds_only_the_clusters_invoices(issue, datev):
    other = InvoiceSettingsFactory(number_prefix="LOGI")
    invoice = issue()
    issue(cluster=other.cluster)
    assert [b["Belegfeld 1"] for b in _bookings(datev.cluster).records()] == [invoice.number]


def test_a_buyer_named_like_a_formula_is_booked_as_text_and_the_amount_as_a_number(
    issue, datev, buyer
):
    buyer.name = '=HYPERLINK("https://evil.example","Klick")'
    issue(buyer=buyer)
    booking = _bookings(datev.cluster).records()[0]
    assert booking["Buchungstext"] == "'" + buyer.name
    assert booking["Umsatz (ohne Soll/Haben-Kz)"] == "119,00"


def test_a_month_holds_only_the_invoices_of_that_month(issue, datev):
    issued_on = issue().issued_on
    other_month = issued_on.month % 12 + 1
    year = issued_on.year + (1 if other_month == 1 else 0)
    exported = _bookings(datev.cluster, year, other_month)
    assert exported.rows == []
    assert exported.header[14] == f"{year}{other_month:02d}01"


def test_the_fiscal_year_starts_in_the_month_of_the_settings(issue, datev):
    invoice = issue()
    issued_on = invoice.issued_on
    datev.datev_fiscal_year_start = issued_on.month
    datev.save()
    exported = _bookings(datev.cluster, issued_on.year)
    assert exported.header[12] == exported.header[14] == f"{issued_on:%Y%m}01"
    assert [b["Belegfeld 1"] for b in exported.records()] == [invoice.number]
    assert _bookings(datev.cluster, issued_on.year - 1).rows == []


def test_the_export_refuses_without_consultant_and_client_number(issue, seller):
    invoice = issue()
    with pytest.raises(ValidationError, match="consultant number and the DATEV client number"):
        datev_export(seller.cluster, invoice.issued_on.year)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("datev_consultant_number", 1000),
        ("datev_consultant_number", 10_000_000),
        ("datev_client_number", 0),
        ("datev_client_number", 100_000),
        ("datev_account_length", 3),
        ("datev_account_length", 9),
        ("datev_fiscal_year_start", 13),
    ],
)
def test_datev_settings_out_of_range_are_refused(datev, field, value):
    setattr(datev, field, value)
    with pytest.raises(ValidationError) as error:
        datev.full_clean()
    assert field in error.value.message_dict


# --- debtors --------------------------------------------------------------------------


def test_an_organisation_is_booked_on_its_own_debtor_account(issue, datev, member_org):
    issue(organisation=member_org)
    issue()
    konten = [b["Konto"] for b in _bookings(datev.cluster).records()]
    assert konten == ["10001", "10000"]


def test_debtor_accounts_stay_the_same_from_export_to_export(issue, datev, member_org):
    issue(organisation=member_org)
    first = _bookings(datev.cluster).records()[0]["Konto"]
    newcomer = OrganisationFactory(name="Neu GmbH")
    issue(organisation=newcomer)
    konten = {b["Konto"] for b in _bookings(datev.cluster).records()}
    assert first == "10001" and konten == {"10001", "10002"}


def test_a_removed_debtor_account_number_is_never_given_again(issue, datev, member_org):
    issue(organisation=member_org)
    _bookings(datev.cluster)
    DebtorAccount.objects.filter(organisation=member_org).delete()
    issue(organisation=OrganisationFactory(name="Neu GmbH"))
    _bookings(datev.cluster)
    numbers = sorted(DebtorAccount.objects.values_list("number", flat=True))
    assert numbers == [2, 3]


def test_the_debtor_master_data_is_an_extf_debitoren_kreditoren_file(issue, datev, member_org):
    year = issue(organisation=member_org).issued_on.year
    exported = _debtors(datev.cluster)
    assert exported.raw_lines[0].startswith('"EXTF";700;16;"Debitoren/Kreditoren";5;')
    assert exported.header[10:14] == ["29098", "55003", f"{year}0101", "4"]
    assert len(exported.columns) == 254
    for name, position in DEBTOR_POSITIONS.items():
        assert exported.columns[position - 1] == name
    (row,) = exported.rows
    assert row[0] == "10001"
    assert row[1] == "Nordlicht Software GmbH"
    assert row[6] == "2"  # Adressattyp Unternehmen
    assert (row[8], row[9]) == ("DE", "136695976")
    assert row[15:20] == ["Holtenauer Straße 1", "", "24105", "Kiel", "DE"]
    assert '"Nordlicht Software GmbH"' in exported.raw_lines[2]


def test_people_are_not_in_the_debtor_master_data(issue, datev):
    issue()
    assert _debtors(datev.cluster).rows == []


def test_the_settings_remember_the_last_debtor_number_given(issue, datev, member_org):
    issue(organisation=member_org)
    _bookings(datev.cluster)
    assert list(InvoiceSettings.objects.values_list("datev_last_debtor_number", flat=True)) == [1]


# --- the command ----------------------------------------------------------------------


def test_the_command_writes_the_bookings_and_the_debtors_beside_them(
    issue, datev, member_org, tmp_path
):
    invoice = issue(organisation=member_org)
    out = tmp_path / "buchungen.csv"
    stdout = StringIO()
    call_command(
        "datev_export",
        "--cluster",
        datev.cluster.slug,
        "--year",
        str(invoice.issued_on.year),
        "--out",
        str(out),
        stdout=stdout,
    )
    bookings = read_extf(out.read_bytes())
    assert bookings.records()[0]["Belegfeld 1"] == invoice.number
    debtors = read_extf((tmp_path / "buchungen_Debitoren.csv").read_bytes())
    assert debtors.rows[0][0] == bookings.records()[0]["Konto"] == "10001"
    assert f"1 bookings from {invoice.issued_on.year}-01-01" in stdout.getvalue()
    assert f"1 debtors written to {tmp_path / 'buchungen_Debitoren.csv'}" in stdout.getvalue()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--cluster", "nirgendwo", "--year", "2026"], "nirgendwo"),
        (["--cluster", "diwish", "--year", "20x6"], "20x6"),
        (["--cluster", "diwish", "--year", "1999"], "1999"),
    ],
)
def test_the_command_refuses_unknown_clusters_and_bad_years(datev, tmp_path, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("datev_export", *arguments, "--out", str(tmp_path / "x.csv"))


def test_the_command_refuses_when_the_datev_numbers_are_missing(seller, tmp_path):
    with pytest.raises(CommandError, match="consultant number"):
        call_command(
            "datev_export",
            "--cluster",
            seller.cluster.slug,
            "--year",
            "2026",
            "--out",
            str(tmp_path / "x.csv"),
        )
    assert not (tmp_path / "x.csv").exists()


def test_the_command_refuses_a_folder_that_does_not_exist(datev, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command(
            "datev_export",
            "--cluster",
            datev.cluster.slug,
            "--year",
            "2026",
            "--out",
            str(tmp_path / "fehlt" / "x.csv"),
        )
