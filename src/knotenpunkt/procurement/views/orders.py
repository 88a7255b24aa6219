"""Orders: direct orders from the catalogue, the order pages, and the provider's e-invoice."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from knotenpunkt.core.permissions import require_perm
from knotenpunkt.invoicing.services.documents import invoice_pdf
from knotenpunkt.procurement.forms.orders import (
    CancelOrderForm,
    DirectOrderForm,
    InvoiceLineFormSet,
    SupplierInvoiceForm,
)
from knotenpunkt.procurement.models.buyers import PublicBuyer
from knotenpunkt.procurement.models.catalogue import Offering
from knotenpunkt.procurement.models.orders import Order, SupplierInvoice
from knotenpunkt.procurement.service_errors import add_service_errors
from knotenpunkt.procurement.services import orders as order_services
from knotenpunkt.procurement.services import supplier_invoices as invoice_services
from knotenpunkt.procurement.services.roles import verified_buyers

DEFAULT_VAT_RATE = "19.00"
PAYMENT_DAYS = 30


@login_required
def order_list(request):
    orders = list(order_services.orders_for(request.user))
    buyer_ids = {b.pk for b in verified_buyers(request.user)}
    return render(
        request,
        "procurement/orders/order_list.html",
        {
            "bought": [o for o in orders if o.buyer_id in buyer_ids],
            "sold": [o for o in orders if o.buyer_id not in buyer_ids],
        },
    )


def _order(request, pk) -> Order:
    order = get_object_or_404(
        Order.objects.select_related(
            "buyer__organisation", "provider", "offering_version__offering", "ordered_by"
        ),
        pk=pk,
    )
    require_perm(request, "procurement.view_order", order)
    return order


@login_required
def order_detail(request, pk, cancel_form=None):
    order = _order(request, pk)
    is_buyer = order.buyer_id in {b.pk for b in verified_buyers(request.user)}
    return render(
        request,
        "procurement/orders/order_detail.html",
        {
            "order": order,
            "invoices": order.invoices.all(),
            "is_buyer": is_buyer,
            "may_invoice": request.user.has_perm("procurement.invoice_order", order)
            and order.status != Order.Status.CANCELLED,
            "may_change": is_buyer and order.status == Order.Status.PLACED,
            "cancel_form": cancel_form or CancelOrderForm(),
        },
        status=400 if cancel_form is not None else 200,
    )


@login_required
@require_POST
def order_complete(request, pk):
    order = _order(request, pk)
    try:
        order_services.complete_order(request.user, order)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The order is marked as completed."))
    return redirect(order)


@login_required
@require_POST
def order_cancel(request, pk):
    order = _order(request, pk)
    form = CancelOrderForm(request.POST)
    if form.is_valid():
        try:
            order_services.cancel_order(request.user, order, form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The order is cancelled."))
            return redirect(order)
    return order_detail(request, pk, cancel_form=form)


@login_required
def order_direct(request, slug):
    require_perm(request, "procurement.buy")
    offering = get_object_or_404(
        Offering.objects.select_related("provider", "published"), slug=slug
    )
    if not offering.is_listed:
        raise Http404
    version = offering.published
    buyers = PublicBuyer.objects.filter(
        pk__in=[b.pk for b in verified_buyers(request.user)]
    ).select_related("organisation")
    form = DirectOrderForm(request.POST or None, buyers=buyers, initial={"title": version.name})
    check = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {
            "net_value": data["net_value"],
            "monthly_value": data["monthly_value"],
            "term_months": data["term_months"],
        }
        try:
            check = order_services.check_direct_order(data["buyer"], version, **values)
            if "place" in request.POST and check.allowed:
                order = order_services.place_direct_order(
                    request.user, data["buyer"], version, title=data["title"], **values
                )
                messages.success(
                    request,
                    _("Your order is placed; %(provider)s has been informed.")
                    % {"provider": offering.provider},
                )
                return redirect(order)
        except ValidationError as error:
            add_service_errors(form, error)
    return render(
        request,
        "procurement/orders/order_direct.html",
        {"offering": offering, "version": version, "form": form, "check": check},
        status=400 if form.errors or (check and not check.allowed) else 200,
    )


def _initial_lines(order: Order) -> list[dict]:
    return [
        {
            "description": order.title,
            "quantity": "1",
            "unit_net": order.net_value,
            "vat_rate": DEFAULT_VAT_RATE,
        }
    ]


@login_required
def invoice_create(request, pk):
    order = _order(request, pk)
    require_perm(request, "procurement.invoice_order", order)
    if order.status == Order.Status.CANCELLED:
        raise PermissionDenied
    today = timezone.localdate()
    initial = {
        "issued_on": today,
        "service_date": today,
        "due_on": today + datetime.timedelta(days=PAYMENT_DAYS),
        **invoice_services.seller_defaults(order),
    }
    form = SupplierInvoiceForm(request.POST or None, initial=initial)
    lines = InvoiceLineFormSet(request.POST or None, initial=_initial_lines(order), prefix="lines")
    line_errors: list[str] = []
    if request.method == "POST" and form.is_valid() and lines.is_valid():
        try:
            invoice = invoice_services.create_supplier_invoice(
                request.user, order, lines=lines.lines(), **form.invoice_data()
            )
        except ValidationError as error:
            line_errors = _show_invoice_errors(form, error)
        else:
            messages.success(
                request,
                _("The e-invoice %(number)s is created.") % {"number": invoice.number}
                + (
                    " " + _("It was sent to %(email)s.") % {"email": order.buyer.invoice_email}
                    if order.buyer.invoice_email
                    else ""
                ),
            )
            return redirect("procurement:supplier_invoice", pk=invoice.pk)
    return render(
        request,
        "procurement/orders/invoice_form.html",
        {"order": order, "form": form, "lines": lines, "line_errors": line_errors},
        status=400 if form.is_bound else 200,
    )


def _show_invoice_errors(form, error: ValidationError) -> list[str]:
    """Spread the service's problems over the form; return those about the lines."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return []
    errors = dict(error.message_dict)
    line_errors = errors.pop("lines", [])
    if errors:
        add_service_errors(form, ValidationError(errors))
    return line_errors


def _invoice(request, pk) -> SupplierInvoice:
    invoice = get_object_or_404(
        SupplierInvoice.objects.select_related(
            "order__buyer__organisation", "order__provider", "provider"
        ),
        pk=pk,
    )
    # Only the two parties (and platform admins): the same rule as for the order.
    require_perm(request, "procurement.view_order", invoice.order)
    return invoice


@login_required
def supplier_invoice(request, pk):
    invoice = _invoice(request, pk)
    return render(
        request,
        "procurement/orders/supplier_invoice.html",
        {"invoice": invoice, "order": invoice.order, "lines": invoice.lines.all()},
    )


@login_required
def supplier_invoice_xml(request, pk):
    invoice = _invoice(request, pk)
    response = HttpResponse(
        invoice_services.supplier_invoice_xml(invoice), content_type="application/xml"
    )
    name = invoice_services.file_name(invoice, "xml")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def supplier_invoice_pdf(request, pk):
    invoice = _invoice(request, pk)
    response = HttpResponse(invoice_pdf(invoice), content_type="application/pdf")
    name = invoice_services.file_name(invoice, "pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
