from decimal import Decimal

from facturx import get_xml_from_pdf, xml_check_xsd
from lxml import etree

from knotenpunkt.invoicing.services import Line, Party, cancel_invoice
from knotenpunkt.invoicing.services.documents import invoice_html, invoice_pdf
from knotenpunkt.invoicing.services.einvoice import (
    FACTURX_EN16931_GUIDELINE,
    XRECHNUNG_GUIDELINE,
    einvoice_xml,
)

NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
}


def _text(xml: bytes, path: str) -> str:
    return etree.fromstring(xml).xpath(path, namespaces=NS)[0].text


def test_e_invoice_validates_against_the_factur_x_en16931_schema(issue):
    assert xml_check_xsd(einvoice_xml(issue()), flavor="factur-x", level="en16931")


def test_cancellation_e_invoice_validates_against_the_schema(issue, alice):
    cancellation = cancel_invoice(alice, issue(), "storniert")
    assert xml_check_xsd(einvoice_xml(cancellation), flavor="factur-x", level="en16931")


def test_buyer_without_leitweg_id_gets_factur_x_en16931(issue):
    xml = einvoice_xml(issue())
    assert _text(xml, "//ram:GuidelineSpecifiedDocumentContextParameter/ram:ID") == (
        FACTURX_EN16931_GUIDELINE
    )


def test_public_buyer_with_leitweg_id_gets_an_xrechnung(issue):
    buyer = Party(
        "Landeshauptstadt Kiel",
        "Fleethörn 9",
        "24103",
        "Kiel",
        email="rechnung@kiel.example",
        leitweg_id="01002-12345-67",
    )
    xml = einvoice_xml(issue(buyer=buyer))
    assert _text(xml, "//ram:GuidelineSpecifiedDocumentContextParameter/ram:ID") == (
        XRECHNUNG_GUIDELINE
    )
    assert _text(xml, "//ram:BuyerReference") == "01002-12345-67"
    assert xml_check_xsd(xml, flavor="factur-x", level="en16931")


def test_e_invoice_carries_number_totals_and_seller_iban(issue):
    invoice = issue(lines=[Line("Ticket", Decimal("2"), Decimal("49.99"), Decimal("19"))])
    xml = einvoice_xml(invoice)
    assert _text(xml, "//rsm:ExchangedDocument/ram:ID") == invoice.number
    assert _text(xml, "//ram:GrandTotalAmount") == "118.98"
    assert _text(xml, "//ram:TaxTotalAmount") == "19.00"  # 99.98 × 19 % = 18.9962
    assert _text(xml, "//ram:IBANID") == "DE89370400440532013000"


def test_cancellation_e_invoice_references_the_original(issue, alice):
    original = issue()
    xml = einvoice_xml(cancel_invoice(alice, original, "storniert"))
    assert _text(xml, "//rsm:ExchangedDocument/ram:TypeCode") == "384"
    assert _text(xml, "//ram:InvoiceReferencedDocument/ram:IssuerAssignedID") == original.number
    assert _text(xml, "//ram:GrandTotalAmount") == "-119.00"


def test_pdf_contains_the_embedded_e_invoice(issue):
    invoice = issue()
    filename, xml = get_xml_from_pdf(invoice_pdf(invoice), check_xsd=True)
    assert filename == "factur-x.xml"
    assert _text(xml, "//rsm:ExchangedDocument/ram:ID") == invoice.number


def test_pdf_shows_the_mandatory_details_of_section_14_ustg(issue):
    invoice = issue()
    html = invoice_html(invoice)
    for text in (
        invoice.number,
        "Digitale Wirtschaft Schleswig-Holstein e.V.",  # seller
        "Nordlicht Software GmbH",  # buyer
        "DE136695976",  # VAT ID
        invoice.service_date.strftime("%d.%m.%Y"),
        "119,00",  # gross, German format
        "19,00",  # VAT amount
    ):
        assert text in html
