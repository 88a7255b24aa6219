"""`knotenpunkt invoice-export --all --dir DIR`: every issued invoice as XML and PDF plus
an index.json, read back the way an auditor's tool would. The shop's supplier invoices
are in the export too: tests/procurement/test_supplier_invoices.py."""

import datetime
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from facturx import get_xml_from_pdf
from lxml import etree

from knotenpunkt.invoicing import export_sources
from knotenpunkt.invoicing.models import Invoice
from knotenpunkt.invoicing.services import Party, cancel_invoice, mark_paid
from knotenpunkt.invoicing.services.export import safe_stem

NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
}


def _export(directory, *extra) -> list[dict]:
    call_command("invoice_export", "--all", "--dir", str(directory), *extra)
    return json.loads((directory / "index.json").read_text(encoding="utf-8"))


def _number_in(xml: bytes) -> str:
    return etree.fromstring(xml).xpath("//rsm:ExchangedDocument/ram:ID", namespaces=NS)[0].text


@pytest.fixture
def books(issue, seller, alice):
    """An open, a paid and a cancelled invoice with its cancellation invoice."""
    seller.cluster.phone = "+49 431 987650"
    seller.cluster.save()
    open_invoice = issue()
    paid = mark_paid(alice, issue(), timezone.localdate())
    cancelled = issue()
    cancellation = cancel_invoice(alice, cancelled, "Doppelte Anmeldung")
    return open_invoice, paid, cancelled, cancellation


def test_every_invoice_is_written_as_xml_and_pdf_with_the_same_xml(books, tmp_path):
    index = _export(tmp_path)
    assert sorted(entry["number"] for entry in index) == sorted(i.number for i in books)
    for entry in index:
        xml = (tmp_path / f"{entry['file']}.xml").read_bytes()
        assert _number_in(xml) == entry["number"]
        filename, embedded = get_xml_from_pdf((tmp_path / f"{entry['file']}.pdf").read_bytes())
        assert filename == "factur-x.xml"
        assert embedded == xml


def test_index_lists_issuer_kind_dates_totals_open_amount_and_status(books, tmp_path):
    open_invoice, paid, cancelled, cancellation = books
    index = {entry["number"]: entry for entry in _export(tmp_path)}
    assert index[open_invoice.number] == {
        "number": open_invoice.number,
        "issuer": "diwish",
        "kind": "invoice",
        "issued": open_invoice.issued_on.isoformat(),
        "total": 119.0,
        "due": 119.0,
        "status": "open",
        "file": open_invoice.number,
    }
    assert (index[paid.number]["status"], index[paid.number]["due"]) == ("paid", 0)
    assert (index[cancelled.number]["status"], index[cancelled.number]["due"]) == ("cancelled", 0)
    assert index[cancellation.number]["kind"] == "cancellation"
    assert Decimal(str(index[cancellation.number]["total"])) == Decimal("-119.00")
    assert index[cancellation.number]["due"] == 0


def test_the_cancellation_xml_references_the_original(books, tmp_path):
    _, _, cancelled, cancellation = books
    _export(tmp_path)
    xml = etree.fromstring((tmp_path / f"{cancellation.number}.xml").read_bytes())
    assert xml.xpath("//ram:InvoiceReferencedDocument/ram:IssuerAssignedID", namespaces=NS)[
        0
    ].text == (cancelled.number)


def test_since_leaves_out_invoices_issued_before_the_date(books, tmp_path):
    open_invoice = books[0]
    earlier = open_invoice.issued_on - datetime.timedelta(days=40)
    Invoice.objects.filter(pk=open_invoice.pk).update(issued_on=earlier)
    since = (earlier + datetime.timedelta(days=1)).isoformat()
    numbers = {entry["number"] for entry in _export(tmp_path, "--since", since)}
    assert open_invoice.number not in numbers
    assert numbers == {i.number for i in books[1:]}
    assert not (tmp_path / f"{open_invoice.number}.xml").exists()
    assert open_invoice.number in {
        e["number"] for e in _export(tmp_path, "--since", earlier.isoformat())
    }


def test_an_empty_installation_writes_an_empty_index(db, tmp_path):
    assert _export(tmp_path / "new" / "dir") == []


@pytest.mark.parametrize("value", ["31.12.2026", "2026-02-30", "gestern"])
def test_a_bad_since_date_is_refused_with_a_clear_error(db, tmp_path, value):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("invoice_export", "--all", "--dir", str(tmp_path), "--since", value)
    assert not (tmp_path / "index.json").exists()


def test_an_unwritable_directory_is_refused_with_a_clear_error(books, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    with pytest.raises(CommandError, match="cannot be written"):
        call_command("invoice_export", "--all", "--dir", str(blocker / "export"))
    with pytest.raises(CommandError, match="cannot be written"):
        call_command("invoice_export", "--all", "--dir", str(blocker))


def test_the_export_needs_all(db, tmp_path):
    with pytest.raises(CommandError, match="--all"):
        call_command("invoice_export", "--dir", str(tmp_path))


@pytest.mark.parametrize(
    ("number", "stem"),
    [
        ("RE/2026/001", "RE_2026_001"),
        ("../../etc/passwd", "etc_passwd"),
        ("..", "invoice"),
        (".hidden", "hidden"),
        ("Rechnung 7 ä", "Rechnung_7"),
    ],
)
def test_file_names_never_leave_the_directory(number, stem):
    assert safe_stem(number) == stem


def test_an_xrechnung_is_exported_with_its_leitweg_id(issue, seller, tmp_path):
    seller.cluster.phone = "+49 431 987650"
    seller.cluster.save()
    invoice = issue(
        buyer=Party(
            "Landeshauptstadt Kiel",
            "Fleethörn 9",
            "24103",
            "Kiel",
            email="e-rechnung@kiel.example",
            leitweg_id="991-33333TEST-33",
        )
    )
    _export(tmp_path)
    xml = etree.fromstring((tmp_path / f"{invoice.number}.xml").read_bytes())
    assert xml.xpath("//ram:BuyerReference", namespaces=NS)[0].text == "991-33333TEST-33"


def test_two_invoices_with_the_same_number_get_two_files(books, tmp_path, monkeypatch):
    # Two providers may use the same number; the second file gets its issuer appended.
    open_invoice = books[0]
    twin = export_sources.ExportedInvoice(
        document=open_invoice,
        number=open_invoice.number.lower(),
        issuer="supplier:firma-1",
        kind="invoice",
        status="open",
        due=open_invoice.gross_total,
    )
    monkeypatch.setattr(
        export_sources, "_sources", [*export_sources._sources, lambda since: [twin]]
    )
    index = _export(tmp_path)
    files = [entry["file"] for entry in index if entry["number"].upper() == open_invoice.number]
    assert sorted(files, key=len) == [
        open_invoice.number,
        f"{open_invoice.number.lower()}__supplier_firma-1",
    ]
    assert all((tmp_path / f"{name}.pdf").exists() for name in files)
