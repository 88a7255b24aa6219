"""Invoices to the token's user: those addressed to their person or to an organisation
they administer (knotenpunkt.invoicing.rules.invoices_received_by); an organisation
token sees its organisation's only. With the PDF and the e-invoice (CII XML: XRechnung
for buyers with a Leitweg-ID, else Factur-X EN 16931) to download, made by the same
services as the cluster management's pages."""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from knotenpunkt.api.auth import TokenAuth, require_scope
from knotenpunkt.api.openapi import SLUG, choice_of
from knotenpunkt.api.pagination import PageNumbers
from knotenpunkt.api.scopes import INVOICES_READ
from knotenpunkt.invoicing.models import Invoice
from knotenpunkt.invoicing.rules import invoices_received_by
from knotenpunkt.invoicing.services.documents import file_name, invoice_pdf
from knotenpunkt.invoicing.services.einvoice import einvoice_xml

router = Router(tags=["invoices"])

ORDERINGS = {
    "issued_on": ("issued_on", "number"),
    "-issued_on": ("-issued_on", "-number"),
    "due_on": ("due_on", "number"),
    "-due_on": ("-due_on", "-number"),
}
STATES = ("open", "overdue", "paid", "cancelled", "issued")


def state_of(invoice: Invoice, today=None) -> str:
    """open, overdue (past its due date), paid or cancelled; `issued` for the documents
    that ask for no payment (cancellation invoices, credit notes)."""
    if invoice.status == Invoice.Status.CANCELLED:
        return "cancelled"
    if invoice.status == Invoice.Status.PAID:
        return "paid"
    if invoice.kind != Invoice.Kind.INVOICE:
        return "issued"
    today = today or timezone.localdate()
    return "overdue" if invoice.due_on < today else "open"


class InvoiceOut(Schema):
    number: str
    kind: choice_of(Invoice.Kind)
    status: Literal[STATES] = Field(
        description="open, overdue, paid, cancelled; issued for cancellation invoices and "
        "credit notes."
    )
    issued_on: datetime.date
    service_date: datetime.date
    period_start: datetime.date | None
    period_end: datetime.date | None
    due_on: datetime.date
    paid_on: datetime.date | None
    currency: str
    net_total: Decimal
    vat_total: Decimal
    gross_total: Decimal
    amount_due: Decimal = Field(description="What is still owed, less credit notes.")
    seller: str = Field(description="The issuing cluster's legal name.")
    cluster: str = Field(description="The issuing cluster's slug.")
    buyer_name: str
    organisation: str | None = Field(description="Slug of the organisation billed.")
    corrects: str | None = Field(description="The number of the invoice this one corrects.")
    pdf_url: str
    einvoice_url: str
    einvoice_format: Literal["xrechnung", "factur-x"]

    @staticmethod
    def resolve_status(invoice) -> str:
        return state_of(invoice)

    @staticmethod
    def resolve_seller(invoice) -> str:
        return invoice.seller_name

    @staticmethod
    def resolve_cluster(invoice) -> str:
        return invoice.cluster.slug

    @staticmethod
    def resolve_organisation(invoice) -> str | None:
        return invoice.organisation.slug if invoice.organisation_id else None

    @staticmethod
    def resolve_corrects(invoice) -> str | None:
        corrected = invoice.corrected_invoice
        return corrected.number if corrected else None

    @staticmethod
    def resolve_pdf_url(invoice, context) -> str:
        path = reverse("api:invoice_pdf", args=[invoice.number])
        return context["request"].build_absolute_uri(path)

    @staticmethod
    def resolve_einvoice_url(invoice, context) -> str:
        path = reverse("api:invoice_einvoice", args=[invoice.number])
        return context["request"].build_absolute_uri(path)

    @staticmethod
    def resolve_einvoice_format(invoice) -> str:
        return "xrechnung" if invoice.is_xrechnung else "factur-x"


class InvoiceFilters(Schema):
    status: Literal[STATES] | None = None
    organisation: str = Field(
        "", pattern=SLUG, description="An organisation's slug: the invoices addressed to it."
    )
    year: int | None = Field(None, ge=2000, le=2100, description="The invoice year.")
    ordering: Literal["", "issued_on", "-issued_on", "due_on", "-due_on"] = Field(
        "", description="Without it, latest first (-issued_on)."
    )


def _invoices(request):
    """The invoices the token may read: its user's, or its organisation's only."""
    invoices = invoices_received_by(request.user).select_related(
        "cluster", "organisation", "cancels", "corrects"
    )
    token = request.api_token
    if token.organisation_id is not None:
        invoices = invoices.filter(organisation_id=token.organisation_id)
    return invoices.prefetch_related("credit_notes")


def _status_filter(invoices, status: str):
    today = timezone.localdate()
    issued = invoices.filter(status=Invoice.Status.ISSUED)
    if status == "cancelled":
        return invoices.filter(status=Invoice.Status.CANCELLED)
    if status == "paid":
        return invoices.filter(status=Invoice.Status.PAID)
    if status == "issued":
        return issued.exclude(kind=Invoice.Kind.INVOICE)
    issued = issued.filter(kind=Invoice.Kind.INVOICE)
    if status == "overdue":
        return issued.filter(due_on__lt=today)
    return issued.filter(due_on__gte=today)


@router.get("/invoices", response=list[InvoiceOut], auth=TokenAuth(), summary="List invoices")
@paginate(PageNumbers)
def list_invoices(request, filters: Query[InvoiceFilters]):
    """Invoices addressed to the token's user or to organisations they administer (an
    organisation token: its organisation's). Scope invoices:read."""
    require_scope(request, INVOICES_READ)
    invoices = _invoices(request)
    if filters.status:
        invoices = _status_filter(invoices, filters.status)
    if filters.organisation:
        invoices = invoices.filter(organisation__slug=filters.organisation)
    if filters.year:
        invoices = invoices.filter(year=filters.year)
    return invoices.order_by(*ORDERINGS[filters.ordering or "-issued_on"])


def _invoice(request, number: str) -> Invoice:
    require_scope(request, INVOICES_READ)
    return get_object_or_404(_invoices(request), number=number)


@router.get("/invoices/{number}", response=InvoiceOut, auth=TokenAuth(), summary="One invoice")
def get_invoice(request, number: Annotated[str, Path(pattern=SLUG)]):
    """An invoice addressed to the token's user or an organisation they administer.
    Scope invoices:read."""
    return _invoice(request, number)


def _download(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@router.get(
    "/invoices/{number}/pdf",
    auth=TokenAuth(),
    url_name="invoice_pdf",
    summary="An invoice as PDF",
    response={200: None},
    openapi_extra={
        "responses": {
            "200": {
                "description": "The invoice (PDF/A-3 with the embedded e-invoice).",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def get_invoice_pdf(request, number: Annotated[str, Path(pattern=SLUG)]):
    """The invoice as the buyer received it by mail. Scope invoices:read."""
    invoice = _invoice(request, number)
    return _download(invoice_pdf(invoice), "application/pdf", file_name(invoice, "pdf"))


@router.get(
    "/invoices/{number}/einvoice",
    auth=TokenAuth(),
    url_name="invoice_einvoice",
    summary="An invoice as e-invoice (CII XML)",
    response={200: None},
    openapi_extra={
        "responses": {
            "200": {
                "description": "XRechnung (buyers with a Leitweg-ID) or Factur-X EN 16931.",
                "content": {"application/xml": {"schema": {"type": "string"}}},
            }
        }
    },
)
def get_invoice_einvoice(request, number: Annotated[str, Path(pattern=SLUG)]):
    """The invoice's structured data (UN/CEFACT CII). Scope invoices:read."""
    invoice = _invoice(request, number)
    return _download(einvoice_xml(invoice), "application/xml", file_name(invoice, "xml"))
