"""The provider's XRechnung to the administration: built from the order, validated before
it is stored, mailed with its PDF, and rejected when the file is tampered with."""

import datetime
import json
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from facturx import get_xml_from_pdf
from lxml import etree
from pypdf import PdfReader

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.invoicing.services.documents import invoice_html, invoice_pdf
from knotenpunkt.invoicing.services.einvoice import XRECHNUNG_GUIDELINE
from knotenpunkt.outbox.models import OutgoingMail
from knotenpunkt.procurement.models import SupplierInvoice
from knotenpunkt.procurement.services.orders import place_direct_order
from knotenpunkt.procurement.services.supplier_invoices import (
    NS,
    create_supplier_invoice,
    seller_defaults,
    supplier_invoice_xml,
    validate_xrechnung,
)
from tests.procurement.orders_support import (
    DAY,
    INVOICE_DATA,
    complete_provider_address,
    listed_offering,
)

LINES = [
    ("Appointment booking, set-up", Decimal("1"), Decimal("1500.00"), Decimal("19")),
    ("Training, half a day", Decimal("2"), Decimal("399.995"), Decimal("19")),
]


@pytest.fixture
def order(buyer, buyer_user, provider):
    complete_provider_address(provider)
    version = listed_offering(provider)
    return place_direct_order(
        buyer_user,
        buyer,
        version,
        title="Appointment booking",
        net_value=Decimal("2300"),
        today=DAY,
    )


def _invoice(actor, order, **changes):
    data = {**INVOICE_DATA, "lines": LINES, **changes}
    return create_supplier_invoice(actor, order, **data)


def _text(xml: bytes, path: str) -> str:
    return etree.fromstring(xml).xpath(path, namespaces=NS)[0].text


def test_the_xrechnung_is_valid_and_carries_leitweg_id_guideline_and_totals(
    order, provider_employee
):
    invoice = _invoice(provider_employee, order)
    xml = supplier_invoice_xml(invoice)
    assert validate_xrechnung(xml) == []
    assert _text(xml, "//ram:BuyerReference") == "01002000-KIEL1-87"
    assert _text(xml, "//ram:GuidelineSpecifiedDocumentContextParameter/ram:ID") == (
        XRECHNUNG_GUIDELINE
    )
    # 1500.00 + 2 × 399.995 = 2299.99 net; 19 % VAT = 437.00; total 2736.99
    assert _text(xml, "//ram:TaxBasisTotalAmount") == "2299.99"
    assert _text(xml, "//ram:TaxTotalAmount") == "437.00"
    assert _text(xml, "//ram:GrandTotalAmount") == "2736.99"
    assert (invoice.net_total, invoice.vat_total, invoice.gross_total) == (
        Decimal("2299.99"),
        Decimal("437.00"),
        Decimal("2736.99"),
    )


def test_seller_and_buyer_data_are_copied_onto_the_invoice(order, provider_employee):
    invoice = _invoice(provider_employee, order)
    assert invoice.seller_name == "Termin Nord GmbH"
    assert invoice.seller_city == "Kiel"
    assert invoice.seller_vat_id == "DE136695976"
    assert invoice.buyer_name == "Landeshauptstadt Kiel"
    assert invoice.buyer_email == "rechnung@kiel.example"
    assert invoice.lines.count() == 2
    assert AuditEntry.objects.filter(action="procurement.invoice.issued").exists()


def test_an_xml_without_buyer_reference_is_invalid(order, provider_employee):
    xml = supplier_invoice_xml(_invoice(provider_employee, order))
    root = etree.fromstring(xml)
    reference = root.xpath("//ram:BuyerReference", namespaces=NS)[0]
    reference.getparent().remove(reference)
    problems = validate_xrechnung(etree.tostring(root))
    assert any("BT-10" in problem for problem in problems)


def test_an_xml_with_a_broken_total_is_invalid(order, provider_employee):
    xml = supplier_invoice_xml(_invoice(provider_employee, order))
    tampered = xml.replace(b">2736.99<", b">2.736,99<")
    assert tampered != xml
    problems = validate_xrechnung(tampered)
    assert problems
    assert any("GrandTotalAmount" in problem for problem in problems)


def test_an_xml_with_a_wrong_sum_is_invalid(order, provider_employee):
    xml = supplier_invoice_xml(_invoice(provider_employee, order))
    problems = validate_xrechnung(xml.replace(b">2736.99<", b">2736.98<"))
    assert any("BR-CO-15" in problem for problem in problems)


def test_an_xml_with_an_invalid_leitweg_id_or_another_guideline_is_invalid(
    order, provider_employee
):
    xml = supplier_invoice_xml(_invoice(provider_employee, order))
    assert validate_xrechnung(xml.replace(b"KIEL1-87", b"KIEL1-88"))
    assert validate_xrechnung(xml.replace(XRECHNUNG_GUIDELINE.encode(), b"urn:cen.eu:en16931:2017"))
    assert validate_xrechnung(b"<not-xml")


def test_the_pdf_is_a_pdf_with_the_invoice(order, provider_employee):
    invoice = _invoice(provider_employee, order)
    assert invoice_pdf(invoice).startswith(b"%PDF")
    assert "Landeshauptstadt Kiel" in invoice_html(invoice)


def test_the_invoice_is_mailed_to_the_administration_with_xml_and_pdf(order, provider_employee):
    invoice = _invoice(provider_employee, order)
    mail = OutgoingMail.objects.get(kind="procurement_supplier_invoice")
    assert mail.to == "rechnung@kiel.example"
    assert invoice.number in mail.subject
    files = {a.filename: bytes(a.content) for a in mail.attachments.all()}
    assert validate_xrechnung(files["TN-2026-0001.xml"]) == []
    assert files["TN-2026-0001.pdf"].startswith(b"%PDF")


def test_without_a_valid_leitweg_id_the_invoice_is_refused(order, provider_employee, buyer):
    order.leitweg_id = ""
    order.save(update_fields=["leitweg_id"])
    buyer.leitweg_id = ""
    buyer.save(update_fields=["leitweg_id"])
    with pytest.raises(ValidationError) as refused:
        _invoice(provider_employee, order)
    assert "no valid Leitweg-ID on file; ask them for it" in " ".join(refused.value.messages)
    assert not SupplierInvoice.objects.exists()


def test_the_buyers_current_leitweg_id_is_used_when_the_order_has_none(
    order, provider_employee, buyer
):
    order.leitweg_id = ""
    order.save(update_fields=["leitweg_id"])
    buyer.leitweg_id = "991-33333TEST-33"
    buyer.save(update_fields=["leitweg_id"])
    assert _invoice(provider_employee, order).buyer_leitweg_id == "991-33333TEST-33"


def test_contact_and_tax_data_an_xrechnung_needs_are_required(order, provider_employee, provider):
    provider.vat_id = ""
    provider.save(update_fields=["vat_id"])
    with pytest.raises(ValidationError) as refused:
        _invoice(provider_employee, order, seller_email="", seller_phone="")
    errors = refused.value.message_dict
    assert "BR-DE-7" in errors["seller_email"][0]
    assert "BR-DE-6" in errors["seller_phone"][0]
    assert "VAT ID or your tax number" in errors["seller_vat_id"][0]
    assert not SupplierInvoice.objects.exists()


def test_a_tax_number_instead_of_a_vat_id_is_enough(order, provider_employee, provider):
    provider.vat_id = ""
    provider.save(update_fields=["vat_id"])
    invoice = _invoice(provider_employee, order, seller_tax_number="20/123/45678")
    assert validate_xrechnung(supplier_invoice_xml(invoice)) == []


def test_the_invoice_number_is_unique_per_provider(order, provider_employee):
    _invoice(provider_employee, order)
    with pytest.raises(ValidationError) as refused:
        _invoice(provider_employee, order)
    assert "already used" in refused.value.message_dict["number"][0]
    assert SupplierInvoice.objects.count() == 1


def test_bad_bank_data_and_dates_are_reported_per_field(order, provider_employee):
    with pytest.raises(ValidationError) as refused:
        _invoice(
            provider_employee,
            order,
            seller_iban="DE00123",
            due_on=DAY - datetime.timedelta(days=1),
        )
    assert set(refused.value.message_dict) >= {"seller_iban", "due_on"}


def test_only_people_of_the_provider_create_the_invoice(order, buyer_user, other_provider_admin):
    for outsider in (buyer_user, other_provider_admin):
        with pytest.raises(PermissionDenied):
            _invoice(outsider, order)


def test_the_next_invoice_form_is_prefilled_from_the_last_invoice(order, provider_employee):
    _invoice(provider_employee, order, seller_bank="Förde Sparkasse")
    defaults = seller_defaults(order)
    assert defaults["seller_iban"] == "DE89370400440532013000"
    assert defaults["seller_bank"] == "Förde Sparkasse"
    assert defaults["seller_phone"] == "+49 431 123456"


def test_without_the_buyers_e_invoice_address_the_invoice_is_refused(
    order, provider_employee, buyer
):
    # PEPPOL-EN16931-R010 in the KoSIT rules: an XRechnung names the buyer's electronic
    # address (BT-49), here the administration's e-mail address for e-invoices.
    buyer.invoice_email = ""
    buyer.save(update_fields=["invoice_email"])
    with pytest.raises(ValidationError) as refused:
        _invoice(provider_employee, order)
    assert "BT-49" in " ".join(refused.value.messages)
    assert not SupplierInvoice.objects.exists()


def test_without_the_buyers_postcode_and_city_the_invoice_is_refused(
    order, provider_employee, buyer
):
    organisation = buyer.organisation
    organisation.postcode, organisation.city = "", ""
    organisation.save(update_fields=["postcode", "city"])
    with pytest.raises(ValidationError) as refused:
        _invoice(provider_employee, order)
    assert "postcode and city are needed" in " ".join(refused.value.messages)
    assert not SupplierInvoice.objects.exists()


def test_a_leitweg_id_with_wrong_check_digits_is_refused(order, provider_employee, buyer):
    order.leitweg_id = "991-33333TEST-34"
    order.save(update_fields=["leitweg_id"])
    with pytest.raises(ValidationError):
        _invoice(provider_employee, order)
    assert not SupplierInvoice.objects.exists()


def test_an_xml_without_buyer_address_or_electronic_address_is_invalid(order, provider_employee):
    xml = supplier_invoice_xml(_invoice(provider_employee, order))
    root = etree.fromstring(xml)
    buyer = root.xpath("//ram:BuyerTradeParty", namespaces=NS)[0]
    for path in (
        "ram:PostalTradeAddress/ram:PostcodeCode",
        "ram:PostalTradeAddress/ram:CityName",
        "ram:URIUniversalCommunication",
    ):
        node = buyer.xpath(path, namespaces=NS)[0]
        node.getparent().remove(node)
    problems = " ".join(validate_xrechnung(etree.tostring(root)))
    for rule in ("BR-DE-8", "BR-DE-9", "PEPPOL-EN16931-R010"):
        assert rule in problems


def test_the_supplier_invoice_pdf_declares_factur_x_level_xrechnung(order, provider_employee):
    pdf = invoice_pdf(_invoice(provider_employee, order))
    xmp = PdfReader(BytesIO(pdf)).xmp_metadata.stream.get_data()
    assert b"<fx:ConformanceLevel>XRECHNUNG</fx:ConformanceLevel>" in xmp


def test_the_invoice_export_lists_the_providers_invoices(
    order, provider_employee, provider, tmp_path
):
    invoice = _invoice(provider_employee, order, number="RE/2026/0001")
    call_command("invoice_export", "--all", "--dir", str(tmp_path))
    [entry] = json.loads((tmp_path / "index.json").read_text(encoding="utf-8"))
    assert entry == {
        "number": "RE/2026/0001",
        "issuer": f"supplier:{provider.slug}",
        "kind": "invoice",
        "issued": invoice.issued_on.isoformat(),
        "total": float(invoice.gross_total),
        "due": float(invoice.gross_total),
        "status": "open",
        "file": "RE_2026_0001",
    }
    xml = (tmp_path / "RE_2026_0001.xml").read_bytes()
    assert _text(xml, "//ram:BuyerReference") == invoice.buyer_leitweg_id
    assert get_xml_from_pdf((tmp_path / "RE_2026_0001.pdf").read_bytes())[1] == xml
    assert validate_xrechnung(xml) == []
