"""The DATEV format (EXTF, header version 700): what every file the bookkeeping export
writes shares.

A file is a header record (31 fields: format, creation time, consultant and client,
fiscal year, account length, period …), a line with the column names of its format, and
the data lines; semicolon separated, CRLF line ends, Windows-1252 (a character it lacks
becomes "?"). Text fields are quoted with double quotes (a quote inside is doubled) and
hold no line breaks; numbers, accounts and dates are written bare; amounts with a decimal
comma and no thousands separator; an empty field is left empty.

Text cells are also neutralised against spreadsheet formulas (`core.csv_export`): the
adviser's office opens these files in a spreadsheet as often as it imports them. A text
starting with = + - @ gets a leading apostrophe, which DATEV keeps as part of the text;
that changes only such texts (buyer names and booking texts, never amounts, accounts,
dates or invoice numbers, which the export writes itself and which never start so).

Accounts are configured in the four-digit form of the chart (SKR03: 8400, debtor 10000)
and lengthened with zeros on the right to the client's account length, the way DATEV
itself converts a chart to a longer account length (8400 → 84000 with length 5). Personal
accounts (debtors) have one digit more than general ledger accounts.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from knotenpunkt.core.csv_export import neutralise
from knotenpunkt.invoicing.models import InvoiceSettings

HEADER_VERSION = 700
ORIGIN = "RE"  # Herkunft: two letters naming the sending system's kind (invoicing)
EXPORTED_BY = "Knotenpunkt"


@dataclass(frozen=True)
class Format:
    category: int
    name: str
    version: int
    columns: tuple[str, ...]


def _pairs(kind: str, content: str, count: int) -> list[str]:
    return [name for i in range(1, count + 1) for name in (f"{kind} {i}", f"{content} {i}")]


# Buchungsstapel, format version 13: 125 columns in this order.
BOOKING_COLUMNS = (
    "Umsatz (ohne Soll/Haben-Kz)",
    "Soll/Haben-Kennzeichen",
    "WKZ Umsatz",
    "Kurs",
    "Basis-Umsatz",
    "WKZ Basis-Umsatz",
    "Konto",
    "Gegenkonto (ohne BU-Schlüssel)",
    "BU-Schlüssel",
    "Belegdatum",
    "Belegfeld 1",
    "Belegfeld 2",
    "Skonto",
    "Buchungstext",
    "Postensperre",
    "Diverse Adressnummer",
    "Geschäftspartnerbank",
    "Sachverhalt",
    "Zinssperre",
    "Beleglink",
    *_pairs("Beleginfo - Art", "Beleginfo - Inhalt", 8),
    "KOST1 - Kostenstelle",
    "KOST2 - Kostenstelle",
    "Kost-Menge",
    "EU-Land u. UStID (Bestimmung)",
    "EU-Steuersatz (Bestimmung)",
    "Abw. Versteuerungsart",
    "Sachverhalt L+L",
    "Funktionsergänzung L+L",
    "BU 49 Hauptfunktionstyp",
    "BU 49 Hauptfunktionsnummer",
    "BU 49 Funktionsergänzung",
    # DATEV's own sample file spells the content columns without a space before the dash.
    *_pairs("Zusatzinformation - Art", "Zusatzinformation- Inhalt", 20),
    "Stück",
    "Gewicht",
    "Zahlweise",
    "Forderungsart",
    "Veranlagungsjahr",
    "Zugeordnete Fälligkeit",
    "Skontotyp",
    "Auftragsnummer",
    "Buchungstyp",
    "USt-Schlüssel (Anzahlungen)",
    "EU-Land (Anzahlungen)",
    "Sachverhalt L+L (Anzahlungen)",
    "EU-Steuersatz (Anzahlungen)",
    "Erlöskonto (Anzahlungen)",
    "Herkunft-Kz",
    "Buchungs GUID",
    "KOST-Datum",
    "SEPA-Mandatsreferenz",
    "Skontosperre",
    "Gesellschaftername",
    "Beteiligtennummer",
    "Identifikationsnummer",
    "Zeichnernummer",
    "Postensperre bis",
    "Bezeichnung SoBil-Sachverhalt",
    "Kennzeichen SoBil-Buchung",
    "Festschreibung",
    "Leistungsdatum",
    "Datum Zuord. Steuerperiode",
    "Fälligkeit",
    "Generalumkehr (GU)",
    "Steuersatz",
    "Land",
    "Abrechnungsreferenz",
    "BVV-Position",
    "EU-Land u. UStID (Ursprung)",
    "EU-Steuersatz (Ursprung)",
    "Abw. Skontokonto",
)


def _bank(i: int) -> list[str]:
    return [
        f"Bankleitzahl {i}",
        f"Bankbezeichnung {i}",
        f"Bank-Kontonummer {i}",
        f"Länderkennzeichen {i}",
        f"IBAN-Nr. {i}",
        "Leerfeld",
        f"SWIFT-Code {i}",
        f"Abw. Kontoinhaber {i}",
        f"Kennz. Hauptbankverb. {i}",
        f"Bankverb {i} Gültig von",
        f"Bankverb {i} Gültig bis",
    ]


# Debitoren/Kreditoren, format version 5: 254 columns in this order.
DEBTOR_COLUMNS = (
    "Konto",
    "Name (Adressattyp Unternehmen)",
    "Unternehmensgegenstand",
    "Name (Adressattyp natürl. Person)",
    "Vorname (Adressattyp natürl. Person)",
    "Name (Adressattyp keine Angabe)",
    "Adressattyp",
    "Kurzbezeichnung",
    "EU-Land",
    "EU-UStID",
    "Anrede",
    "Titel/Akad. Grad",
    "Adelstitel",
    "Namensvorsatz",
    "Adressart",
    "Straße",
    "Postfach",
    "Postleitzahl",
    "Ort",
    "Land",
    "Versandzusatz",
    "Adresszusatz",
    "Abweichende Anrede",
    "Abw. Zustellbezeichnung 1",
    "Abw. Zustellbezeichnung 2",
    "Kennz. Korrespondenzadresse",
    "Adresse Gültig von",
    "Adresse Gültig bis",
    "Telefon",
    "Bemerkung (Telefon)",
    "Telefon GL",
    "Bemerkung (Telefon GL)",
    "E-Mail",
    "Bemerkung (E-Mail)",
    "Internet",
    "Bemerkung (Internet)",
    "Fax",
    "Bemerkung (Fax)",
    "Sonstige",
    "Bemerkung (Sonstige)",
    *(name for i in range(1, 6) for name in _bank(i)),
    "Leerfeld",
    "Briefanrede",
    "Grußformel",
    "Kunden-/Lief.-Nr.",
    "Steuernummer",
    "Sprache",
    "Ansprechpartner",
    "Vertreter",
    "Sachbearbeiter",
    "Diverse-Konto",
    "Ausgabeziel",
    "Währungssteuerung",
    "Kreditlimit (Debitor)",
    "Zahlungsbedingung",
    "Fälligkeit in Tagen (Debitor)",
    "Skonto in Prozent (Debitor)",
    "Kreditoren-Ziel 1 Tg.",
    "Kreditoren-Skonto 1 %",
    "Kreditoren-Ziel 2 Tg.",
    "Kreditoren-Skonto 2 %",
    "Kreditoren-Ziel 3 Brutto Tg.",
    "Kreditoren-Ziel 4 Tg.",
    "Kreditoren-Skonto 4 %",
    "Kreditoren-Ziel 5 Tg.",
    "Kreditoren-Skonto 5 %",
    "Mahnung",
    "Kontoauszug",
    "Mahntext 1",
    "Mahntext 2",
    "Mahntext 3",
    "Kontoauszugstext",
    "Mahnlimit Betrag",
    "Mahnlimit %",
    "Zinsberechnung",
    "Mahnzinssatz 1",
    "Mahnzinssatz 2",
    "Mahnzinssatz 3",
    "Lastschrift",
    "Leerfeld",
    "Mandantenbank",
    "Zahlungsträger",
    *(f"Indiv. Feld {i}" for i in range(1, 16)),
    "Abweichende Anrede (Rechnungsadresse)",
    "Adressart (Rechnungsadresse)",
    "Straße (Rechnungsadresse)",
    "Postfach (Rechnungsadresse)",
    "Postleitzahl (Rechnungsadresse)",
    "Ort (Rechnungsadresse)",
    "Land (Rechnungsadresse)",
    "Versandzusatz (Rechnungsadresse)",
    "Adresszusatz (Rechnungsadresse)",
    "Abw. Zustellbezeichnung 1 (Rechnungsadresse)",
    "Abw. Zustellbezeichnung 2 (Rechnungsadresse)",
    "Adresse Gültig von (Rechnungsadresse)",
    "Adresse Gültig bis (Rechnungsadresse)",
    *(name for i in range(6, 11) for name in _bank(i)),
    "Nummer Fremdsystem",
    "Insolvent",
    *(f"SEPA-Mandatsreferenz {i}" for i in range(1, 11)),
    "Verknüpftes OPOS-Konto",
    "Mahnsperre bis",
    "Lastschriftsperre bis",
    "Zahlungssperre bis",
    "Gebührenberechnung",
    "Mahngebühr 1",
    "Mahngebühr 2",
    "Mahngebühr 3",
    "Pauschalenberechnung",
    "Verzugspauschale 1",
    "Verzugspauschale 2",
    "Verzugspauschale 3",
    "Alternativer Suchname",
    "Status",
    "Anschrift manuell geändert (Korrespondenzadresse)",
    "Anschrift individuell (Korrespondenzadresse)",
    "Anschrift manuell geändert (Rechnungsadresse)",
    "Anschrift individuell (Rechnungsadresse)",
    "Fristberechnung bei Debitor",
    "Mahnfrist 1",
    "Mahnfrist 2",
    "Mahnfrist 3",
    "Letzte Frist",
)

BOOKINGS = Format(21, "Buchungsstapel", 13, BOOKING_COLUMNS)
DEBTORS = Format(16, "Debitoren/Kreditoren", 5, DEBTOR_COLUMNS)


@dataclass(frozen=True)
class Period:
    """What one Buchungsstapel covers: within one fiscal year, as DATEV requires."""

    start: date
    end: date
    fiscal_year_start: date


# --- fields ---------------------------------------------------------------------------


def text(value, length: int) -> str:
    """A quoted text field of at most `length` characters, neutralised against formulas."""
    cleaned = " ".join(str(value or "").split())
    return '"' + str(neutralise(cleaned))[:length].replace('"', '""') + '"'


def amount(value: Decimal) -> str:
    """An amount without sign, decimal comma, no thousands separator: 1234,50."""
    return f"{abs(value):.2f}".replace(".", ",")


def ddmm(day: date) -> str:
    return day.strftime("%d%m")


def yyyymmdd(day: date) -> str:
    return day.strftime("%Y%m%d")


def ledger_account(configured: str, length: int, personal: bool = False) -> str:
    """A configured account (four-digit chart form, or already at full length) at the
    account length; a personal (debtor) account has one digit more."""
    digits = length + 1 if personal else length
    configured = str(configured).strip()
    if not configured.isdigit() or len(configured) > digits:
        raise ValidationError(
            _(
                "The account “%(account)s” in the DATEV settings is not an account of "
                "%(digits)s digits (account length %(length)s)."
            )
            % {"account": configured, "digits": digits, "length": length}
        )
    return configured.ljust(digits, "0")


# --- lines ----------------------------------------------------------------------------


def data_line(fmt: Format, cells: dict[str, str]) -> str:
    """A data line of `fmt` with the given (already formatted) cells, the rest empty."""
    unknown = set(cells) - set(fmt.columns)
    if unknown:
        raise ValueError(f"not columns of {fmt.name}: {sorted(unknown)}")
    return ";".join(cells.get(column, "") for column in fmt.columns)


def column_line(fmt: Format) -> str:
    return ";".join(fmt.columns)


def header_line(
    fmt: Format,
    invoice_settings: InvoiceSettings,
    fiscal_year_start: date,
    created: datetime,
    title: str,
    period: Period | None = None,
) -> str:
    """The 31 header fields in DATEV's order. Fields 15 to 22 (period, booking type,
    purpose, locking, currency) belong to booking batches and stay empty otherwise."""
    batch = period is not None
    fields = [
        '"EXTF"',  # 1 marks a file made outside DATEV
        str(HEADER_VERSION),  # 2
        str(fmt.category),  # 3
        text(fmt.name, 40),  # 4
        str(fmt.version),  # 5
        created.strftime("%Y%m%d%H%M%S") + f"{created.microsecond // 1000:03d}",  # 6
        "",  # 7 imported (DATEV fills it)
        text(ORIGIN, 2),  # 8 Herkunft
        text(EXPORTED_BY, 25),  # 9 Exportiert von
        text("", 25),  # 10 Importiert von
        str(invoice_settings.datev_consultant_number),  # 11 Beraternummer
        str(invoice_settings.datev_client_number),  # 12 Mandantennummer
        yyyymmdd(fiscal_year_start),  # 13 WJ-Beginn
        str(invoice_settings.datev_account_length),  # 14 Sachkontenlänge
        yyyymmdd(period.start) if batch else "",  # 15 Datum vom
        yyyymmdd(period.end) if batch else "",  # 16 Datum bis
        text(title, 30),  # 17 Bezeichnung
        text("", 2),  # 18 Diktatkürzel
        "1" if batch else "",  # 19 Buchungstyp: 1 Finanzbuchführung
        "0" if batch else "",  # 20 Rechnungslegungszweck: 0 independent of it
        # 21 Festschreibung 0: the adviser reviews the batch and locks it in DATEV.
        "0" if batch else "",
        text("EUR", 3) if batch else "",  # 22 WKZ
        "",  # 23 reserved
        text("", 0),  # 24 Derivatskennzeichen
        "",  # 25 reserved
        "",  # 26 reserved
        text("", 2),  # 27 Sachkontenrahmen: left to the client's DATEV master data
        "",  # 28 Branchenlösungs-ID
        "",  # 29 reserved
        text("", 0),  # 30 reserved
        text("", 16),  # 31 Anwendungsinformation
    ]
    return ";".join(fields)


def file_bytes(lines: list[str]) -> bytes:
    """The file as DATEV reads it: CRLF after every line, Windows-1252."""
    return "".join(line + "\r\n" for line in lines).encode("cp1252", errors="replace")


# --- settings and period --------------------------------------------------------------


def checked_settings(cluster) -> InvoiceSettings:
    """The cluster's invoice settings, refusing with what is missing for DATEV."""
    invoice_settings = InvoiceSettings.objects.filter(cluster=cluster).first()
    if invoice_settings is None:
        raise ValidationError(
            _("%(cluster)s has no invoice settings yet, so there is nothing to export.")
            % {"cluster": cluster}
        )
    missing = []
    if not invoice_settings.datev_consultant_number:
        missing.append(_("the DATEV consultant number"))
    if not invoice_settings.datev_client_number:
        missing.append(_("the DATEV client number"))
    if missing:
        raise ValidationError(
            _(
                "The DATEV export of %(cluster)s needs %(missing)s in the cluster's invoice "
                "settings (ask the tax adviser for them)."
            )
            % {"cluster": cluster, "missing": _(" and ").join(missing)}
        )
    return invoice_settings


def export_period(invoice_settings: InvoiceSettings, year: int, month: int | None) -> Period:
    """A month, or the fiscal year beginning in `year` (the calendar year unless the
    fiscal year starts in another month)."""
    first_month = invoice_settings.datev_fiscal_year_start
    if month:
        start = date(year, month, 1)
        end = (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)
        fiscal_year = year if month >= first_month else year - 1
        return Period(start, end, date(fiscal_year, first_month, 1))
    start = date(year, first_month, 1)
    return Period(start, date(year + 1, first_month, 1) - timedelta(days=1), start)
