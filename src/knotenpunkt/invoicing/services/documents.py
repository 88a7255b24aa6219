"""The invoice as a document: a PDF/A-3 with the e-invoice XML embedded (Factur-X).

WeasyPrint renders the human-readable invoice from a template; factur-x attaches the CII
XML as `factur-x.xml` with the XMP metadata that marks the PDF as a Factur-X/ZUGFeRD
invoice. The document is rendered from the invoice's stored, never-changing data, so
rendering it again gives the same content.
"""

from django.template.loader import render_to_string
from django.utils import translation
from facturx import generate_from_binary
from weasyprint import HTML

from knotenpunkt.invoicing.models import Invoice
from knotenpunkt.invoicing.services.einvoice import einvoice_xml


def invoice_html(invoice: Invoice) -> str:
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


def invoice_pdf(invoice: Invoice) -> bytes:
    """The invoice PDF (PDF/A-3b) with its e-invoice XML embedded."""
    pdf = HTML(string=invoice_html(invoice)).write_pdf(pdf_variant="pdf/a-3b")
    return generate_from_binary(
        pdf,
        einvoice_xml(invoice),
        flavor="factur-x",
        level="en16931",
        # einvoice_xml validated the XML against the schema already.
        check_xsd=False,
        pdf_metadata={
            "author": invoice.seller_name,
            "keywords": "Factur-X, Rechnung",
            "title": f"{invoice.seller_name}: Rechnung {invoice.number}",
            "subject": f"Rechnung {invoice.number} vom {invoice.issued_on:%d.%m.%Y}",
        },
        lang="de-DE",
    )


def file_name(invoice: Invoice, extension: str) -> str:
    return f"{invoice.number}.{extension}"


def invoice_attachments(invoice: Invoice) -> list[tuple[str, bytes, str]]:
    """The invoice for a mail: the PDF with its embedded XML, and for a buyer with a
    Leitweg-ID (public administration) the XRechnung XML on its own as well."""
    attachments = [(file_name(invoice, "pdf"), invoice_pdf(invoice), "application/pdf")]
    if invoice.buyer_leitweg_id:
        attachments.append((file_name(invoice, "xml"), einvoice_xml(invoice), "application/xml"))
    return attachments
