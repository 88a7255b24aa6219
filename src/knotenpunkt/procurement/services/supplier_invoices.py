"""The provider's e-invoice for an order: an XRechnung 3.0 to the public buyer.

The invoice copies the seller's data from the provider organisation and the buyer's from
the administration, the way the cluster's own invoices do, and is built as XML once while
it is stored: an invoice the builder or the checks below reject is never saved.

Validation covers what a maintained tool lets us check offline: the CII schema that ships
with drafthorse (the Factur-X EN 16931 XSD), plus the XRechnung rules the schema cannot
express and that matter for a public buyer (guideline ID, Leitweg-ID in BT-10, buyer
address and electronic address, seller contact, tax registration, totals), the same
guard the cluster's own XRechnungen pass (`einvoice.xrechnung_problems`). The KoSIT
Schematron (the full EN 16931 and XRechnung business rules) is not run here; a buyer's
receiving portal may still run it (docs/operations.md says how to run it by hand).
"""

import datetime
import functools
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

import drafthorse
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from lxml import etree
from stdnum import bic as stdnum_bic
from stdnum import iban as stdnum_iban
from stdnum.exceptions import ValidationError as StdnumError

from knotenpunkt.core.audit import log_action
from knotenpunkt.directory.validators import validate_vat_id
from knotenpunkt.invoicing.export_sources import (
    KIND_INVOICE,
    STATUS_OPEN,
    STATUS_PAID,
    ExportedInvoice,
)
from knotenpunkt.invoicing.leitweg import is_valid_leitweg_id
from knotenpunkt.invoicing.services.documents import invoice_pdf
from knotenpunkt.invoicing.services.einvoice import (
    XRECHNUNG_GUIDELINE,
    einvoice_xml,
    xrechnung_problems,
)
from knotenpunkt.outbox.services import queue_mail
from knotenpunkt.procurement.models.orders import Order, SupplierInvoice, SupplierInvoiceLine

SCHEMA_FILE = Path(drafthorse.__file__).parent / "schema" / "Factur-X_1.0.07_EN16931.xsd"
NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
}
AMOUNT = re.compile(r"^-?[0-9]+(\.[0-9]{1,2})?$")

# (description, quantity, unit price net, VAT rate in %)
LineInput = tuple[str, Decimal, Decimal, Decimal]


def _validation_error(errors: dict[str, list[str]]) -> ValidationError:
    return ValidationError(dict(errors))


def _check_input(order, number, issued_on, service_date, due_on, lines, seller) -> dict:
    errors: dict[str, list[str]] = {}

    def error(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if order.status == Order.Status.CANCELLED:
        error("__all__", _("This order was cancelled; it cannot be invoiced."))
    if not number.strip():
        error("number", _("Give your invoice number."))
    elif SupplierInvoice.objects.filter(provider_id=order.provider_id, number=number).exists():
        error("number", _("Your organisation has already used this invoice number."))
    if due_on and issued_on and due_on < issued_on:
        error("due_on", _("The due date cannot be before the invoice date."))
    if service_date and issued_on and service_date > issued_on + datetime.timedelta(days=366):
        error("service_date", _("The date of service lies more than a year after the invoice."))
    # XRechnung BR-DE-5/6/7: the seller's contact with phone and e-mail is mandatory.
    if not seller["seller_email"]:
        error("seller_email", _("An XRechnung needs the seller's e-mail address (BR-DE-7)."))
    if not seller["seller_phone"]:
        error("seller_phone", _("An XRechnung needs the seller's phone number (BR-DE-6)."))
    # BR-DE-16 / § 14 UStG: the VAT ID or the tax number.
    if not seller["seller_vat_id"] and not seller["seller_tax_number"]:
        error(
            "seller_vat_id",
            _("Give your VAT ID or your tax number: an invoice must show one of them."),
        )
    elif seller["seller_vat_id"]:
        try:
            validate_vat_id(seller["seller_vat_id"])
        except ValidationError as invalid:
            for message in invalid.messages:
                error("seller_vat_id", message)
    if seller["seller_iban"]:
        try:
            stdnum_iban.validate(seller["seller_iban"])
        except StdnumError:
            error(
                "seller_iban",
                _("This is not a valid IBAN (check the digits and the country code)."),
            )
    if seller["seller_bic"]:
        try:
            stdnum_bic.validate(seller["seller_bic"])
        except StdnumError:
            error("seller_bic", _("This is not a valid BIC."))
    if not seller["seller_postcode"] or not seller["seller_city"]:
        error(
            "__all__",
            _(
                "Your organisation's postal address is incomplete (postcode and city are "
                "needed on an invoice); complete it in the directory first."
            ),
        )
    if not lines:
        error("lines", _("An invoice needs at least one line."))
    for description, quantity, unit_net, vat_rate in lines:
        if not (description or "").strip():
            error("lines", _("Every invoice line needs a description."))
        if Decimal(quantity) <= 0:
            error("lines", _("The quantity of a line must be greater than zero."))
        if Decimal(unit_net) < 0:
            error("lines", _("A unit price cannot be negative."))
        if not Decimal(0) <= Decimal(vat_rate) <= Decimal(100):
            error("lines", _("A VAT rate lies between 0 and 100 %."))
    return errors


def _buyer_data(order) -> tuple[dict, dict[str, list[str]]]:
    buyer = order.buyer
    organisation = buyer.organisation
    leitweg_id = order.leitweg_id or buyer.leitweg_id
    errors: dict[str, list[str]] = {}
    if not is_valid_leitweg_id(leitweg_id):
        errors["__all__"] = [
            _(
                "The administration has no valid Leitweg-ID on file; ask them for it. An "
                "XRechnung cannot be routed to them without it."
            )
        ]
    if not organisation.postcode or not organisation.city:
        errors.setdefault("__all__", []).append(
            _(
                "The administration's postal address is incomplete (postcode and city are "
                "needed on an XRechnung); ask the cluster staff to complete it."
            )
        )
    if not (buyer.invoice_email or "").strip():
        errors.setdefault("__all__", []).append(
            _(
                "The administration has no e-mail address for e-invoices on file (the "
                "buyer's electronic address, BT-49, which an XRechnung must carry); ask the "
                "cluster staff to add it."
            )
        )
    data = {
        "buyer_name": organisation.name,
        "buyer_street": organisation.street,
        "buyer_postcode": organisation.postcode,
        "buyer_city": organisation.city,
        "buyer_email": buyer.invoice_email,
        "buyer_leitweg_id": leitweg_id,
    }
    return data, errors


def seller_defaults(order) -> dict[str, str]:
    """Bank and contact data for the form, taken from the provider's last supplier invoice
    (or its directory entry), so that a provider types them once."""
    provider = order.provider
    last = SupplierInvoice.objects.filter(provider=provider).order_by("-created_at", "-pk").first()
    if last is not None:
        return {
            "seller_email": last.seller_email,
            "seller_phone": last.seller_phone,
            "seller_vat_id": last.seller_vat_id,
            "seller_tax_number": last.seller_tax_number,
            "seller_iban": last.seller_iban,
            "seller_bic": last.seller_bic,
            "seller_bank": last.seller_bank,
        }
    return {
        "seller_email": provider.email,
        "seller_phone": provider.phone.as_international if provider.phone else "",
        "seller_vat_id": provider.vat_id,
        "seller_tax_number": "",
        "seller_iban": "",
        "seller_bic": "",
        "seller_bank": "",
    }


def file_name(invoice: SupplierInvoice, extension: str) -> str:
    # The provider's own number may contain slashes or spaces.
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", invoice.number).strip("_") or str(invoice.pk)
    return f"{stem}.{extension}"


def create_supplier_invoice(
    actor,
    order: Order,
    *,
    number: str,
    issued_on: datetime.date,
    service_date: datetime.date,
    due_on: datetime.date,
    lines: list[LineInput],
    seller_iban: str = "",
    seller_bic: str = "",
    seller_phone: str = "",
    seller_email: str = "",
    seller_vat_id: str = "",
    seller_tax_number: str = "",
    seller_bank: str = "",
) -> SupplierInvoice:
    """Store the provider's XRechnung for `order` and mail it to the administration.

    Raises ValidationError with the problems per form field ("lines" for the lines,
    "__all__" for the rest); nothing is stored then.
    """
    if not actor.has_perm("procurement.invoice_order", order):
        raise PermissionDenied
    order = Order.objects.select_related("buyer__organisation", "provider").get(pk=order.pk)
    provider = order.provider
    number = (number or "").strip()
    seller = {
        "seller_name": provider.name,
        "seller_street": provider.street,
        "seller_postcode": provider.postcode,
        "seller_city": provider.city,
        "seller_country": "DE",
        "seller_email": (seller_email or "").strip(),
        "seller_phone": (seller_phone or "").strip(),
        "seller_vat_id": (seller_vat_id or provider.vat_id or "").replace(" ", "").upper(),
        "seller_tax_number": (seller_tax_number or "").strip(),
        "seller_iban": stdnum_iban.compact(seller_iban) if seller_iban else "",
        "seller_bic": stdnum_bic.compact(seller_bic) if seller_bic else "",
        "seller_bank": (seller_bank or "").strip(),
    }
    errors = _check_input(order, number, issued_on, service_date, due_on, lines, seller)
    buyer, buyer_errors = _buyer_data(order)
    for field, messages in buyer_errors.items():
        errors.setdefault(field, []).extend(messages)
    if errors:
        raise _validation_error(errors)

    rows = [
        SupplierInvoiceLine.priced(position, description.strip(), quantity, unit_net, vat_rate)
        for position, (description, quantity, unit_net, vat_rate) in enumerate(lines, start=1)
    ]
    invoice = SupplierInvoice(
        order=order,
        provider=provider,
        number=number,
        issued_on=issued_on,
        service_date=service_date,
        due_on=due_on,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **seller,
        **buyer,
    )
    invoice.set_totals(rows)
    # The one XRechnung guard the cluster's invoices pass too; the checks above have
    # already named most of it per form field.
    if problems := xrechnung_problems(invoice):
        raise _validation_error({"__all__": problems})
    try:
        with transaction.atomic():
            invoice.save()
            for row in rows:
                row.invoice = invoice
            SupplierInvoiceLine.objects.bulk_create(rows)
            # Built once here: if the builder's schema check or ours fails, nothing is kept.
            try:
                xml = einvoice_xml(invoice)
            except Exception as failure:  # drafthorse raises plain exceptions on schema errors
                raise ValidationError(
                    _("The e-invoice could not be built: %(error)s") % {"error": failure}
                ) from failure
            problems = validate_xrechnung(xml)
            if problems:
                raise ValidationError(problems)
            log_action(
                actor,
                "procurement.invoice.issued",
                invoice,
                order=order.pk,
                gross_total=str(invoice.gross_total),
            )
            if order.buyer.invoice_email:
                queue_mail(
                    "procurement_supplier_invoice",
                    order.buyer.invoice_email,
                    {"invoice": invoice, "order": order},
                    attachments=[
                        (file_name(invoice, "xml"), xml, "application/xml"),
                        (file_name(invoice, "pdf"), invoice_pdf(invoice), "application/pdf"),
                    ],
                )
    except IntegrityError as clash:
        # Two people saving the same number at once: the constraint decides.
        raise ValidationError(
            {"number": [_("Your organisation has already used this invoice number.")]}
        ) from clash
    return invoice


def exported_invoices(since: datetime.date | None) -> list[ExportedInvoice]:
    """The providers' e-invoices for the invoice export (registered in apps.py); the
    issuer is "supplier:" and the provider's slug."""
    invoices = SupplierInvoice.objects.select_related("provider").prefetch_related("lines")
    if since is not None:
        invoices = invoices.filter(issued_on__gte=since)
    return [
        ExportedInvoice(
            document=invoice,
            number=invoice.number,
            issuer=f"supplier:{invoice.provider.slug}",
            kind=KIND_INVOICE,
            status=STATUS_PAID if invoice.paid_on else STATUS_OPEN,
            due=Decimal("0.00") if invoice.paid_on else invoice.gross_total,
        )
        for invoice in invoices.order_by("issued_on", "pk")
    ]


def supplier_invoice_xml(invoice: SupplierInvoice) -> bytes:
    """The invoice as XRechnung 3.0 CII XML."""
    return einvoice_xml(invoice)


@functools.cache
def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_FILE)))


def _amount(text: str | None) -> Decimal | None:
    if text is None or not AMOUNT.match(text.strip()):
        return None
    try:
        return Decimal(text.strip())
    except InvalidOperation:
        return None


def validate_xrechnung(xml: bytes) -> list[str]:
    """Problems of an XRechnung 3.0 in CII syntax, in words; an empty list means valid.

    Checks the Factur-X EN 16931 XSD shipped with drafthorse and, beyond the schema:
    the XRechnung 3.0 guideline ID (BT-24), a valid Leitweg-ID as buyer reference (BT-10,
    BR-DE-15), the buyer's postcode, city and electronic address (BR-DE-8/9,
    PEPPOL-EN16931-R010), the seller's phone and e-mail (BR-DE-6/7), a seller VAT ID or tax number
    (BR-DE-16) and that the totals add up (BR-CO-10/13/15). The KoSIT Schematron with the
    complete rule set is not available offline and is not run.
    """
    try:
        root = etree.fromstring(xml)
    except etree.XMLSyntaxError as error:
        return [_("The file is not well-formed XML: %(error)s") % {"error": error}]
    problems = []
    schema = _schema()
    if not schema.validate(root):
        for entry in schema.error_log:
            problems.append(
                _("Schema (line %(line)s): %(message)s")
                % {"line": entry.line, "message": entry.message}
            )

    def texts(path: str) -> list[str]:
        return [(node.text or "").strip() for node in root.xpath(path, namespaces=NS)]

    guideline = texts("//ram:GuidelineSpecifiedDocumentContextParameter/ram:ID")
    if guideline != [XRECHNUNG_GUIDELINE]:
        problems.append(
            _("The guideline ID (BT-24) is not the XRechnung 3.0 one (%(expected)s).")
            % {"expected": XRECHNUNG_GUIDELINE}
        )
    reference = texts("//ram:ApplicableHeaderTradeAgreement/ram:BuyerReference")
    if not reference or not reference[0]:
        problems.append(_("The buyer reference (BT-10, the Leitweg-ID) is missing (BR-DE-15)."))
    elif not is_valid_leitweg_id(reference[0]):
        problems.append(
            _("The buyer reference (BT-10) %(value)s is not a valid Leitweg-ID.")
            % {"value": reference[0]}
        )
    buyer = "//ram:ApplicableHeaderTradeAgreement/ram:BuyerTradeParty"
    if not any(texts(f"{buyer}/ram:PostalTradeAddress/ram:PostcodeCode")):
        problems.append(_("The buyer's postcode (BT-53) is missing (BR-DE-9)."))
    if not any(texts(f"{buyer}/ram:PostalTradeAddress/ram:CityName")):
        problems.append(_("The buyer's city (BT-52) is missing (BR-DE-8)."))
    if not any(texts(f"{buyer}/ram:URIUniversalCommunication/ram:URIID")):
        problems.append(
            _("The buyer's electronic address (BT-49) is missing (PEPPOL-EN16931-R010).")
        )
    seller = "//ram:ApplicableHeaderTradeAgreement/ram:SellerTradeParty"
    if not any(texts(f"{seller}/ram:DefinedTradeContact/ram:TelephoneUniversalCommunication/*")):
        problems.append(_("The seller's phone number (BT-42) is missing (BR-DE-6)."))
    if not any(texts(f"{seller}/ram:DefinedTradeContact/ram:EmailURIUniversalCommunication/*")):
        problems.append(_("The seller's e-mail address (BT-43) is missing (BR-DE-7)."))
    if not any(texts(f"{seller}/ram:SpecifiedTaxRegistration/ram:ID")):
        problems.append(_("The seller's VAT ID or tax number is missing (BR-DE-16)."))
    problems += _total_problems(root)
    return problems


def _total_problems(root) -> list[str]:
    summation = "//ram:SpecifiedTradeSettlementHeaderMonetarySummation"

    def amount(name: str) -> Decimal | None:
        nodes = root.xpath(f"{summation}/ram:{name}", namespaces=NS)
        return _amount(nodes[0].text) if nodes else None

    names = ["LineTotalAmount", "TaxBasisTotalAmount", "TaxTotalAmount", "GrandTotalAmount"]
    values = {name: amount(name) for name in names}
    broken = [name for name, value in values.items() if value is None]
    if broken:
        return [
            _("The total %(name)s is missing or not an amount with at most two decimals.")
            % {"name": name}
            for name in broken
        ]
    problems = []
    line_sum = sum(
        (
            _amount(node.text) or Decimal(0)
            for node in root.xpath(
                "//ram:SpecifiedLineTradeSettlement/"
                "ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount",
                namespaces=NS,
            )
        ),
        Decimal(0),
    )
    if line_sum != values["LineTotalAmount"]:
        problems.append(_("The sum of the lines does not match the line total (BR-CO-10)."))
    if values["TaxBasisTotalAmount"] + values["TaxTotalAmount"] != values["GrandTotalAmount"]:
        problems.append(_("The grand total is not the net total plus VAT (BR-CO-15)."))
    return problems
