"""The e-invoice: EN 16931 Cross Industry Invoice XML, built with drafthorse.

A buyer with a Leitweg-ID is a German public body and gets an XRechnung 3.0 (the CII
syntax with the KoSIT guideline id); everyone else gets the Factur-X / ZUGFeRD EN 16931
profile. Both are the same CII document and are checked against the bundled Factur-X
EN 16931 schema while they are serialised, so an invalid invoice never leaves the house.

The schema cannot express the German business rules that invoice portals run (the KoSIT
XRechnung Schematron); `xrechnung_problems` checks the ones our data can miss before an
XRechnung is issued, for the cluster's invoices and the shop's supplier invoices alike.
"""

from decimal import Decimal

from django.utils.translation import gettext as _
from drafthorse.models.accounting import ApplicableTradeTax
from drafthorse.models.document import Document
from drafthorse.models.note import IncludedNote
from drafthorse.models.party import TaxRegistration
from drafthorse.models.payment import PaymentMeans, PaymentTerms
from drafthorse.models.tradelines import LineItem

from knotenpunkt.invoicing.leitweg import is_valid_leitweg_id
from knotenpunkt.invoicing.models import Invoice, InvoiceDocument

XRECHNUNG_GUIDELINE = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"
FACTURX_EN16931_GUIDELINE = "urn:cen.eu:en16931:2017"
PEPPOL_BILLING_PROCESS = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
SCHEMA = "FACTUR-X_EN16931"

# UNTDID 1001: 380 commercial invoice, 384 corrected invoice (our Stornorechnung carries
# the negated amounts of the original and references it).
TYPE_INVOICE = "380"
TYPE_CANCELLATION = "384"
# UNTDID 4461: 58 SEPA credit transfer, 1 instrument not defined.
SEPA_CREDIT_TRANSFER = "58"
UNIT_PIECE = "C62"
EXEMPTION_REASON = "Umsatzsteuerfrei"


def xrechnung_problems(document: InvoiceDocument) -> list[str]:
    """What keeps `document` (issued or about to be) from being a valid XRechnung, in
    words; an empty list for a valid one and for every invoice that is no XRechnung."""
    if not document.is_xrechnung:
        return []
    problems = []
    if not is_valid_leitweg_id(document.buyer_leitweg_id):
        problems.append(
            _(
                "The Leitweg-ID %(value)s is not valid (format or check digits); an "
                "XRechnung cannot be routed with it (BR-DE-15)."
            )
            % {"value": document.buyer_leitweg_id}
        )
    if not document.buyer_postcode.strip():
        problems.append(_("The buyer's postcode is missing (BR-DE-9)."))
    if not document.buyer_city.strip():
        problems.append(_("The buyer's city is missing (BR-DE-8)."))
    if not document.buyer_email.strip():
        problems.append(
            _(
                "The buyer's electronic address (BT-49, the e-mail address for "
                "e-invoices) is missing (PEPPOL-EN16931-R010)."
            )
        )
    if not document.seller_name.strip():
        problems.append(_("The seller's contact name is missing (BR-DE-5)."))
    if not document.seller_phone.strip():
        problems.append(_("The seller's phone number is missing (BR-DE-6)."))
    if not document.seller_email.strip():
        problems.append(_("The seller's e-mail address is missing (BR-DE-7)."))
    if not document.seller_postcode.strip():
        problems.append(_("The seller's postcode is missing (BR-DE-4)."))
    if not document.seller_city.strip():
        problems.append(_("The seller's city is missing (BR-DE-3)."))
    return problems


def einvoice_xml(invoice: Invoice) -> bytes:
    """The invoice as validated CII XML (XRechnung for buyers with a Leitweg-ID)."""
    doc = Document()
    if invoice.is_xrechnung:
        doc.context.business_parameter.id = PEPPOL_BILLING_PROCESS
        doc.context.guideline_parameter.id = XRECHNUNG_GUIDELINE
    else:
        doc.context.guideline_parameter.id = FACTURX_EN16931_GUIDELINE

    doc.header.id = invoice.number
    corrected = invoice.corrected_invoice
    # A credit note, like a cancellation, is a corrected invoice (384) with negated amounts.
    doc.header.type_code = TYPE_CANCELLATION if corrected else TYPE_INVOICE
    doc.header.issue_date_time = invoice.issued_on
    if corrected:
        kind = "Stornorechnung" if invoice.is_cancellation else "Gutschrift"
        doc.header.notes.add(
            IncludedNote(content=f"{kind} zu Rechnung {corrected.number}: {invoice.cancel_reason}")
        )
    if invoice.seller_footer:
        doc.header.notes.add(IncludedNote(content=invoice.seller_footer, subject_code="REG"))

    _seller(doc.trade.agreement.seller, invoice)
    _buyer(doc.trade.agreement.buyer, invoice)
    # BT-10 is mandatory in XRechnung; it carries the public buyer's routing ID.
    doc.trade.agreement.buyer_reference = invoice.buyer_leitweg_id or invoice.number

    doc.trade.delivery.event.occurrence = invoice.service_date

    settlement = doc.trade.settlement
    settlement.currency_code = invoice.currency
    settlement.payment_reference = invoice.number
    if corrected:
        settlement.invoice_referenced_document.issuer_assigned_id = corrected.number
        settlement.invoice_referenced_document.issue_date_time = corrected.issued_on
    period_start = getattr(invoice, "period_start", None)  # the cluster's invoices only
    if period_start:
        settlement.period.start = period_start
        settlement.period.end = invoice.period_end
    means = PaymentMeans()
    if invoice.seller_iban:
        means.type_code = SEPA_CREDIT_TRANSFER
        means.payee_account.iban = invoice.seller_iban
        if invoice.seller_bic:
            means.payee_institution.bic = invoice.seller_bic
    else:
        means.type_code = "1"
    settlement.payment_means.add(means)
    if not corrected:
        terms = PaymentTerms()
        terms.description = f"Zahlbar ohne Abzug bis {invoice.due_on:%d.%m.%Y}"
        terms.due = invoice.due_on
        settlement.terms.add(terms)

    lines = list(invoice.lines.all())
    for line in lines:
        item = LineItem()
        item.document.line_id = str(line.position)
        item.product.name = line.description
        item.agreement.net.amount = line.unit_net
        item.delivery.billed_quantity = (line.quantity, UNIT_PIECE)
        item.settlement.trade_tax.type_code = "VAT"
        item.settlement.trade_tax.category_code = "S" if line.vat_rate else "E"
        item.settlement.trade_tax.rate_applicable_percent = line.vat_rate
        item.settlement.monetary_summation.total_amount = line.net_amount
        doc.trade.items.add(item)

    for group in invoice.vat_breakdown():
        tax = ApplicableTradeTax()
        # A cancellation negates an exempt line's 0.00 VAT into -0.00, which the CEN rule
        # BR-E-09 ("shall equal 0") rejects; abs() of a zero is the plain 0.00.
        tax.calculated_amount = group.vat if group.vat else abs(group.vat)
        tax.basis_amount = group.net
        tax.type_code = "VAT"
        tax.category_code = group.category
        if group.category == "E":
            tax.exemption_reason = EXEMPTION_REASON
        tax.rate_applicable_percent = group.rate
        settlement.trade_tax.add(tax)

    totals = settlement.monetary_summation
    totals.line_total = invoice.net_total
    totals.charge_total = Decimal("0.00")
    totals.allowance_total = Decimal("0.00")
    totals.tax_basis_total = invoice.net_total
    totals.tax_total = (invoice.vat_total, invoice.currency)
    totals.grand_total = invoice.gross_total
    totals.due_amount = invoice.gross_total
    return doc.serialize(schema=SCHEMA)


def _seller(party, invoice: Invoice) -> None:
    party.name = invoice.seller_name
    party.address.line_one = invoice.seller_street
    party.address.postcode = invoice.seller_postcode
    party.address.city_name = invoice.seller_city
    party.address.country_id = invoice.seller_country
    # XRechnung (BR-DE-2, BR-DE-5..7) wants a seller contact with phone and e-mail.
    party.contact.person_name = invoice.seller_name
    if invoice.seller_phone:
        party.contact.telephone.number = invoice.seller_phone
    if invoice.seller_email:
        party.contact.email.address = invoice.seller_email
        party.electronic_address.uri_ID = ("EM", invoice.seller_email)
    if invoice.seller_vat_id:
        party.tax_registrations.add(TaxRegistration(id=("VA", invoice.seller_vat_id)))
    if invoice.seller_tax_number:
        party.tax_registrations.add(TaxRegistration(id=("FC", invoice.seller_tax_number)))


def _buyer(party, invoice: Invoice) -> None:
    party.name = invoice.buyer_name
    if invoice.buyer_street:
        party.address.line_one = invoice.buyer_street
    if invoice.buyer_postcode:
        party.address.postcode = invoice.buyer_postcode
    if invoice.buyer_city:
        party.address.city_name = invoice.buyer_city
    party.address.country_id = invoice.buyer_country
    if invoice.buyer_email:
        party.electronic_address.uri_ID = ("EM", invoice.buyer_email)
    if invoice.buyer_vat_id:
        party.tax_registrations.add(TaxRegistration(id=("VA", invoice.buyer_vat_id)))
