"""Staff pages of dunning: open items, one organisation's fees, reminder levels."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from knotenpunkt.core.csv_export import csv_writer
from knotenpunkt.core.permissions import require_perm
from knotenpunkt.directory.models import Organisation
from knotenpunkt.directory.rules import clusters_looked_after
from knotenpunkt.invoicing.models import Invoice
from knotenpunkt.memberships.forms.dunning import (
    OpenItemsFilterForm,
    PauseForm,
    PaymentForm,
    ReminderLevelForm,
)
from knotenpunkt.memberships.models import PaymentRecord, Reminder, ReminderLevel
from knotenpunkt.memberships.rules import visible_dunning_pauses, visible_reminder_levels
from knotenpunkt.memberships.services import dunning
from knotenpunkt.memberships.services.figures import summarise
from knotenpunkt.memberships.services.open_items import (
    fee_invoices,
    open_items,
    per_organisation,
    with_balance,
)

PAGE_SIZE = 50


def _filtered_items(request):
    """The open items the filter asks for, within the user's clusters; and the form."""
    clusters = clusters_looked_after(request.user)
    form = OpenItemsFilterForm(request.GET or None, clusters=clusters)
    scope, level = clusters, None
    if form.is_valid():
        if form.cleaned_data["cluster"]:
            scope = clusters.filter(pk=form.cleaned_data["cluster"].pk)
        level = form.cleaned_data["level"]
    return form, open_items(scope, timezone.localdate(), level=level)


@login_required
def open_items_list(request):
    """Open fee items per organisation, with the figures per dunning level."""
    require_perm(request, "memberships.view_fees")
    form, items = _filtered_items(request)
    page = Paginator(per_organisation(items), PAGE_SIZE).get_page(request.GET.get("page"))
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    return render(
        request,
        "memberships/open_items.html",
        {
            "form": form,
            "page": page,
            "summary": summarise(items),
            "querystring": query_without_page.urlencode(),
        },
    )


@login_required
def open_items_csv(request):
    """The open items the filter shows, one row per invoice, for a spreadsheet."""
    require_perm(request, "memberships.view_fees")
    _form, items = _filtered_items(request)
    buffer = io.StringIO()
    writer = csv_writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            _("Cluster"),
            _("Organisation"),
            _("Invoice"),
            _("Invoice date"),
            _("Due"),
            _("Total"),
            _("Credit notes"),
            _("Reminder fees"),
            _("Return fees"),
            _("Balance"),
            _("Days overdue"),
            _("Dunning level"),
            _("Direct debit with the bank"),
            _("Dunning paused"),
        ]
    )
    for item in items:
        invoice = item.invoice
        writer.writerow(
            [
                invoice.cluster.name,
                item.organisation.name,
                invoice.number,
                invoice.issued_on.isoformat(),
                invoice.due_on.isoformat(),
                invoice.gross_total,
                item.credited,
                item.reminder_fees,
                item.return_fees,
                item.balance,
                item.days_overdue,
                item.level,
                _("yes") if item.debit_submitted else _("no"),
                _("yes") if item.paused else _("no"),
            ]
        )
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="offene-posten-{stamp}.csv"'
    return response


def _organisation_in_scope(request, slug):
    """The organisation and the clusters (of the user's) where it is or was a member or
    has fee invoices; 404 when there are none."""
    organisation = get_object_or_404(Organisation, slug=slug)
    looked_after = clusters_looked_after(request.user)
    invoices = fee_invoices(looked_after).filter(fee_charge__membership__organisation=organisation)
    clusters = (
        looked_after.filter(
            Q(memberships__organisation=organisation) | Q(pk__in=invoices.values("cluster_id"))
        )
        .distinct()
        .order_by("name")
    )
    if not clusters.exists():
        raise Http404
    return organisation, clusters, invoices


def _organisation_page(request, slug, *, payment_form=None, pause_form=None, status=200):
    require_perm(request, "memberships.view_fees")
    organisation, clusters, invoices = _organisation_in_scope(request, slug)
    today = timezone.localdate()
    items = open_items(clusters, today, organisation=organisation)
    for item in items:
        if payment_form is not None and payment_form.invoice_pk == item.invoice.pk:
            item.payment_form = payment_form
        else:
            item.payment_form = PaymentForm(
                initial={"amount": item.balance}, prefix=f"invoice-{item.invoice.pk}"
            )
    pauses = (
        visible_dunning_pauses(request.user)
        .filter(organisation=organisation)
        .select_related("cluster", "paused_by")
        .order_by("-paused_at")
    )
    paused_clusters = {p.cluster_id for p in pauses if p.ended_at is None}
    pausable = clusters.exclude(pk__in=paused_clusters)
    return render(
        request,
        "memberships/open_items_organisation.html",
        {
            "organisation": organisation,
            "items": items,
            "settled": with_balance(invoices.exclude(status=Invoice.Status.ISSUED))
            .prefetch_related("cancellation")
            .order_by("-issued_on", "-pk"),
            "reminders": Reminder.objects.filter(invoice__in=invoices)
            .select_related("invoice")
            .order_by("-sent_on", "-level"),
            "payments": PaymentRecord.objects.filter(invoice__in=invoices)
            .select_related("invoice", "recorded_by")
            .order_by("-paid_on", "-pk"),
            "pauses": pauses,
            "memberships": organisation.memberships.filter(cluster__in=clusters)
            .select_related("cluster", "fee_override")
            .order_by("-start_date"),
            "pause_form": pause_form or PauseForm(clusters=pausable),
            "may_pause": pausable.exists(),
        },
        status=status,
    )


@login_required
def organisation_fees(request, slug):
    """One organisation's fee invoices, reminders, payments and dunning pauses."""
    return _organisation_page(request, slug)


@login_required
@require_POST
def pause(request, slug):
    require_perm(request, "memberships.view_fees")
    organisation, clusters, _invoices = _organisation_in_scope(request, slug)
    form = PauseForm(request.POST, clusters=clusters)
    if form.is_valid():
        cluster = form.cleaned_data["cluster"]
        require_perm(request, "memberships.manage_fees", cluster)
        try:
            dunning.pause_dunning(request.user, organisation, cluster, form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Dunning of %(organisation)s in %(cluster)s is paused.")
                % {"organisation": organisation.name, "cluster": cluster.name},
            )
            return redirect("memberships:organisation_fees", slug=organisation.slug)
    return _organisation_page(request, slug, pause_form=form, status=400)


@login_required
@require_POST
def resume(request, pk):
    pause = get_object_or_404(
        visible_dunning_pauses(request.user).select_related("organisation", "cluster"), pk=pk
    )
    require_perm(request, "memberships.manage_fees", pause.cluster)
    try:
        dunning.resume_dunning(request.user, pause)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Dunning of %(organisation)s in %(cluster)s is resumed.")
            % {"organisation": pause.organisation.name, "cluster": pause.cluster.name},
        )
    return redirect("memberships:organisation_fees", slug=pause.organisation.slug)


@login_required
@require_POST
def record_payment(request, pk):
    invoice = get_object_or_404(
        fee_invoices(clusters_looked_after(request.user)).select_related(
            "fee_charge__membership__organisation"
        ),
        pk=pk,
    )
    require_perm(request, "memberships.manage_fees", invoice.cluster)
    organisation = invoice.organisation or invoice.fee_charge.membership.organisation
    form = PaymentForm(request.POST, prefix=f"invoice-{invoice.pk}")
    form.invoice_pk = invoice.pk
    if form.is_valid():
        data = form.cleaned_data
        try:
            dunning.record_payment(
                request.user,
                invoice,
                method=data["method"],
                amount=data["amount"],
                paid_on=data["paid_on"],
                note=data["note"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("Invoice %(number)s is marked paid.") % {"number": invoice.number}
            )
            return redirect("memberships:organisation_fees", slug=organisation.slug)
    return _organisation_page(request, organisation.slug, payment_form=form, status=400)


def _add_errors(form, error: ValidationError) -> None:
    """A service's errors on the form: those naming a field beside that field."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


# Reminder levels ---------------------------------------------------------------------------


@login_required
def reminder_levels(request):
    """Per cluster its reminder levels, and the button for the usual three."""
    require_perm(request, "memberships.view_fees")
    clusters = list(clusters_looked_after(request.user).order_by("name"))
    levels = visible_reminder_levels(request.user).order_by("level")
    per_cluster = [
        (cluster, [lv for lv in levels if lv.cluster_id == cluster.pk]) for cluster in clusters
    ]
    return render(request, "memberships/dunning_levels.html", {"per_cluster": per_cluster})


def _cluster(request, slug):
    cluster = get_object_or_404(clusters_looked_after(request.user), slug=slug)
    require_perm(request, "memberships.manage_fees", cluster)
    return cluster


@login_required
@require_POST
def reminder_level_defaults(request, slug):
    cluster = _cluster(request, slug)
    had = ReminderLevel.objects.filter(cluster=cluster).exists()
    dunning.default_levels(cluster, request.user)
    if had:
        messages.info(request, _("%(cluster)s has reminder levels already.") % {"cluster": cluster})
    else:
        messages.success(
            request, _("%(cluster)s has the usual three reminder levels.") % {"cluster": cluster}
        )
    return redirect("memberships:reminder_levels")


def _level_form(request, cluster, level):
    form = ReminderLevelForm(request.POST or None, instance=level)
    if request.method == "POST" and form.is_valid():
        try:
            dunning.save_reminder_level(request.user, form.save(commit=False))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The reminder level has been saved."))
            return redirect("memberships:reminder_levels")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "memberships/dunning_level_form.html",
        {"form": form, "cluster": cluster, "level": level},
        status=status,
    )


@login_required
def reminder_level_create(request, slug):
    cluster = _cluster(request, slug)
    following = ReminderLevel.objects.filter(cluster=cluster).order_by("-level").first()
    level = ReminderLevel(
        cluster=cluster,
        level=following.level + 1 if following else 1,
        days_after_due=following.days_after_due + 14 if following else 14,
    )
    return _level_form(request, cluster, level)


@login_required
def reminder_level_edit(request, pk):
    level = get_object_or_404(
        visible_reminder_levels(request.user).select_related("cluster"), pk=pk
    )
    require_perm(request, "memberships.manage_fees", level.cluster)
    return _level_form(request, level.cluster, level)
