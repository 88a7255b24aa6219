import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import entries_for
from knotenpunkt.core.permissions import require_perm
from knotenpunkt.directory.rules import clusters_looked_after
from knotenpunkt.invoicing.forms import (
    BookingExportForm,
    CancelInvoiceForm,
    InvoiceFilterForm,
    MarkPaidForm,
    StatementImportForm,
)
from knotenpunkt.invoicing.models import Invoice
from knotenpunkt.invoicing.rules import visible_invoices
from knotenpunkt.invoicing.services import cancel_invoice, mark_paid
from knotenpunkt.invoicing.services.datev import datev_export
from knotenpunkt.invoicing.services.documents import file_name, invoice_pdf
from knotenpunkt.invoicing.services.einvoice import einvoice_xml
from knotenpunkt.invoicing.services.statement_import import import_statement

PAGE_SIZE = 50


def _invoice(request, pk) -> Invoice:
    invoice = get_object_or_404(
        Invoice.objects.select_related("cluster", "cancels", "corrects"), pk=pk
    )
    require_perm(request, "invoicing.manage_invoice", invoice)
    return invoice


@login_required
def invoice_list(request):
    require_perm(request, "invoicing.view_invoices")
    clusters = clusters_looked_after(request.user)
    form = InvoiceFilterForm(request.GET or None, clusters=clusters)
    invoices = visible_invoices(request.user).select_related("cluster", "cancels", "corrects")
    if form.is_valid():
        data = form.cleaned_data
        if data["cluster"]:
            invoices = invoices.filter(cluster=data["cluster"])
        if data["status"]:
            invoices = invoices.filter(status=data["status"])
        if data["kind"]:
            invoices = invoices.filter(kind=data["kind"])
        if data["year"]:
            invoices = invoices.filter(year=data["year"])
        if data["q"]:
            invoices = invoices.filter(
                Q(number__icontains=data["q"]) | Q(buyer_name__icontains=data["q"])
            )
    page = Paginator(invoices.order_by("-issued_on", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    return render(
        request,
        "invoicing/invoice_list.html",
        {
            "form": form,
            "page": page,
            "querystring": query_without_page.urlencode(),
            "export_form": BookingExportForm(clusters=clusters),
        },
    )


@login_required
def invoice_detail(request, pk):
    invoice = _invoice(request, pk)
    return render(
        request,
        "invoicing/invoice_detail.html",
        {
            "invoice": invoice,
            "lines": invoice.lines.all(),
            "vat_groups": invoice.vat_breakdown(),
            "paid_form": MarkPaidForm(),
            "history": entries_for(invoice)[:10],
        },
    )


@login_required
def invoice_pdf_download(request, pk):
    invoice = _invoice(request, pk)
    response = HttpResponse(invoice_pdf(invoice), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{file_name(invoice, "pdf")}"'
    return response


@login_required
def invoice_xml_download(request, pk):
    invoice = _invoice(request, pk)
    response = HttpResponse(einvoice_xml(invoice), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{file_name(invoice, "xml")}"'
    return response


@login_required
def invoice_mark_paid(request, pk):
    invoice = _invoice(request, pk)
    if request.method != "POST":
        return redirect(invoice)
    form = MarkPaidForm(request.POST)
    if form.is_valid():
        try:
            mark_paid(request.user, invoice, form.cleaned_data["paid_on"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Invoice %(number)s is marked paid.") % {"number": invoice.number}
            )
            return redirect(invoice)
    return render(
        request,
        "invoicing/invoice_detail.html",
        {
            "invoice": invoice,
            "lines": invoice.lines.all(),
            "vat_groups": invoice.vat_breakdown(),
            "paid_form": form,
            "history": entries_for(invoice)[:10],
        },
        status=400,
    )


@login_required
def invoice_cancel(request, pk):
    invoice = _invoice(request, pk)
    form = CancelInvoiceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            cancellation = cancel_invoice(request.user, invoice, form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Invoice %(number)s is cancelled by cancellation invoice %(cancellation)s.")
                % {"number": invoice.number, "cancellation": cancellation.number},
            )
            return redirect(cancellation)
    return render(
        request,
        "invoicing/invoice_cancel.html",
        {"invoice": invoice, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def booking_export(request):
    require_perm(request, "invoicing.view_invoices")
    form = BookingExportForm(request.GET or None, clusters=clusters_looked_after(request.user))
    if not form.is_valid():
        status = 400 if request.GET else 200
        return render(request, "invoicing/booking_export.html", {"form": form}, status=status)
    cluster, year, month = (form.cleaned_data[k] for k in ("cluster", "year", "month"))
    require_perm(request, "invoicing.export_bookings", cluster)
    try:
        export = datev_export(cluster, year, month)
    except ValidationError as error:
        form.add_error(None, error)
        return render(request, "invoicing/booking_export.html", {"form": form}, status=400)
    if request.GET.get("file") == "debtors":
        content, name = export.debtors, export.debtors_name
    else:
        content, name = export.bookings, export.bookings_name
    return FileResponse(
        io.BytesIO(content),
        as_attachment=True,
        filename=name,
        content_type="text/csv; charset=windows-1252",
    )


@login_required
def statement_import(request):
    require_perm(request, "invoicing.view_invoices")
    form = StatementImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = import_statement(
                request.user,
                clusters_looked_after(request.user),
                form.cleaned_data["statement"].read(),
                dry_run=form.cleaned_data["dry_run"],
            )
        except ValidationError as error:
            form.add_error("statement", error)
    return render(
        request,
        "invoicing/statement_import.html",
        {"form": form, "result": result},
        status=400 if form.errors else 200,
    )
