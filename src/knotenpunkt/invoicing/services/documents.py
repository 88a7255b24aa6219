"""The invoice as a document: a PDF/A-3 with the e-invoice XML embedded (Factur-X).

WeasyPrint renders the human-readable invoice from a template; factur-x attaches the CII
XML as `factur-x.xml` with the XMP metadata that marks the PDF as a Factur-X/ZUGFeRD
invoice. The document is rendered from the invoice's stored, never-changing data, so
rendering it again gives the same content.

PDF/A wants the document information dictionary and the XMP metadata to say the same
(ISO 19005-3, 6.6.3), and Factur-X 1.07 names XRechnung hybrids' level `XRECHNUNG`;
factur-x leaves both to us (it writes "pypdf" as XMP producer, no XMP keywords, and knows
no XRECHNUNG level), so `_align_metadata` sets them on the finished PDF.
"""

from datetime import UTC, datetime
from io import BytesIO

import facturx.facturx
import pypdf
import weasyprint
from django.template.loader import render_to_string
from django.utils import translation
from facturx import generate_from_binary
from lxml import etree
from pypdf import PdfWriter
from weasyprint import HTML

from knotenpunkt.invoicing.models import InvoiceDocument
from knotenpunkt.invoicing.services.einvoice import einvoice_xml

PRODUCER = (
    f"Knotenpunkt (WeasyPrint {weasyprint.__version__}, factur-x {facturx.facturx.VERSION}, "
    f"pypdf {pypdf.__version__})"
)
XMP = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "fx": "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#",
}
# Factur-X 1.07 (§ 6.2.2): the fx:ConformanceLevel values of the two profiles we issue.
LEVEL_EN16931 = "EN 16931"
LEVEL_XRECHNUNG = "XRECHNUNG"
XPACKET_HEAD = '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
XPACKET_TAIL = '<?xpacket end="w"?>'


def invoice_html(invoice: InvoiceDocument) -> str:
    # Invoices are German documents (§14 UStG); the language of the staff member who
    # downloads one does not change it.
    with translation.override("de"):
        return render_to_string(
            "invoicing/invoice_pdf.html",
            {
                "invoice": invoice,
                "lines": invoice.lines.all(),
                "vat_groups": invoice.vat_breakdown(),
            },
        )


def conformance_level(invoice: InvoiceDocument) -> str:
    """The Factur-X level the PDF declares: XRECHNUNG for an XRechnung hybrid."""
    return LEVEL_XRECHNUNG if invoice.is_xrechnung else LEVEL_EN16931


def invoice_pdf(invoice: InvoiceDocument) -> bytes:
    """The invoice PDF (PDF/A-3b) with its e-invoice XML embedded."""
    kind = (
        "Stornorechnung"
        if invoice.is_cancellation
        else "Gutschrift"
        if invoice.is_credit_note
        else "Rechnung"
    )
    metadata = {
        "author": invoice.seller_name,
        "keywords": ", ".join(["Factur-X", *(["XRechnung"] if invoice.is_xrechnung else []), kind]),
        "title": f"{invoice.seller_name}: {kind} {invoice.number}",
        "subject": f"{kind} {invoice.number} vom {invoice.issued_on:%d.%m.%Y}",
    }
    pdf = HTML(string=invoice_html(invoice)).write_pdf(pdf_variant="pdf/a-3b")
    pdf = generate_from_binary(
        pdf,
        einvoice_xml(invoice),
        flavor="factur-x",
        # factur-x knows no "xrechnung" level; EN 16931 is the XML's profile (the same
        # schema), and the XMP's level is corrected below.
        level="en16931",
        # einvoice_xml validated the XML against the schema already.
        check_xsd=False,
        pdf_metadata=metadata,
        lang="de-DE",
        # PDF/A readers expect the metadata stream unfiltered.
        xmp_compression=False,
    )
    return _align_metadata(pdf, metadata, conformance_level(invoice))


def _align_metadata(pdf: bytes, metadata: dict, level: str) -> bytes:
    """The PDF with Info and XMP in agreement: one producer, the keywords in both, one
    creation time, and `level` as the Factur-X conformance level."""
    writer = PdfWriter(clone_from=BytesIO(pdf))
    stream = writer.root_object["/Metadata"].get_object()
    root = etree.fromstring(stream.get_data())
    descriptions = root.findall(".//rdf:Description", XMP)

    def element(namespace: str, name: str, beside=None):
        """The XMP property, created beside `beside` (same rdf:Description) if absent."""
        tag = f"{{{XMP[namespace]}}}{name}"
        for description in descriptions:
            found = description.find(tag)
            if found is not None:
                return found
        return etree.SubElement(beside.getparent(), tag)

    now = datetime.now(UTC).replace(microsecond=0)
    producer = element("pdf", "Producer")
    producer.text = PRODUCER
    element("pdf", "Keywords", beside=producer).text = metadata["keywords"]
    element("xmp", "CreateDate").text = now.isoformat()
    element("xmp", "ModifyDate").text = now.isoformat()
    element("fx", "ConformanceLevel").text = level
    packet = "\n".join([XPACKET_HEAD, etree.tostring(root, encoding="unicode"), XPACKET_TAIL])
    stream.set_data(packet.encode("utf-8"))

    pdf_date = now.strftime("D:%Y%m%d%H%M%S+00'00'")
    writer.add_metadata(
        {
            "/Producer": PRODUCER,
            "/Keywords": metadata["keywords"],
            "/CreationDate": pdf_date,
            "/ModDate": pdf_date,
        }
    )
    output = BytesIO()
    writer.write(output)
    return output.getvalue()


def file_name(invoice: InvoiceDocument, extension: str) -> str:
    return f"{invoice.number}.{extension}"


def invoice_attachments(invoice: InvoiceDocument) -> list[tuple[str, bytes, str]]:
    """The invoice for a mail: the PDF with its embedded XML, and for a buyer with a
    Leitweg-ID (public administration) the XRechnung XML on its own as well."""
    attachments = [(file_name(invoice, "pdf"), invoice_pdf(invoice), "application/pdf")]
    if invoice.buyer_leitweg_id:
        attachments.append((file_name(invoice, "xml"), einvoice_xml(invoice), "application/xml"))
    return attachments
