"""SEPA direct debit pages: the organisation admin's mandate; staff's creditor settings,
mandates, export files and returns."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import describe, entries_for
from knotenpunkt.core.permissions import require_perm
from knotenpunkt.directory.models import Cluster, Organisation
from knotenpunkt.directory.rules import clusters_looked_after
from knotenpunkt.memberships.forms.sepa import (
    AmendMandateForm,
    DirectDebitSettingsForm,
    ExportForm,
    MandateFilterForm,
    MandateGiveForm,
    ManualReturnForm,
    PaperMandateForm,
    ReturnsImportForm,
    RevokeMandateForm,
    add_errors,
)
from knotenpunkt.memberships.models import DirectDebitSettings, Mandate
from knotenpunkt.memberships.rules import (
    visible_debit_batches,
    visible_direct_debits,
    visible_mandates,
)
from knotenpunkt.memberships.services import mandates as mandate_services
from knotenpunkt.memberships.services.creditor import (
    creditor_name,
    creditor_settings,
    save_direct_debit_settings,
)
from knotenpunkt.memberships.services.returns import import_returns, reason_text, record_return
from knotenpunkt.memberships.services.sepa_export import export_debits
from knotenpunkt.memberships.services.target2 import earliest_collection_date

PAGE_SIZE = 50


def _mandate_details(data) -> dict:
    return {
        key: data[key]
        for key in (
            "account_holder",
            "iban",
            "bic",
            "street",
            "postcode",
            "city",
            "country",
            "scheme",
            "signed_by",
        )
    }


# --- the organisation's admin --------------------------------------------------------


@login_required
def mandate_give(request, organisation, cluster):
    """The organisation's admin reads the mandate text and gives the cluster a mandate;
    the page shows the current mandate and the earlier ones."""
    organisation = get_object_or_404(Organisation, slug=organisation)
    cluster = get_object_or_404(Cluster, slug=cluster)
    require_perm(request, "memberships.give_mandate", organisation)
    if not organisation.memberships.filter(cluster=cluster).exists():
        raise Http404
    current = mandate_services.active_mandate(organisation, cluster)
    history = mandate_services.mandate_history(organisation, cluster)
    try:
        debit_settings = creditor_settings(cluster)
    except ValidationError:
        debit_settings = None
    form = MandateGiveForm(
        request.POST or None,
        initial={
            "account_holder": organisation.name[:70],
            "street": organisation.street[:70],
            "postcode": organisation.postcode,
            "city": organisation.city[:35],
            "country": "DE",
        },
    )
    if request.method == "POST" and current is None and debit_settings and form.is_valid():
        try:
            mandate = mandate_services.give_mandate_online(
                request.user, organisation, cluster, **_mandate_details(form.cleaned_data)
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Thank you: the mandate %(reference)s is given.")
                % {"reference": mandate.reference},
            )
            return redirect("memberships:mandate_give", organisation.slug, cluster.slug)
    texts = {}
    if debit_settings is not None:
        reference = mandate_services.next_mandate_reference(cluster, organisation)
        for scheme in Mandate.Scheme:
            texts[scheme.value] = mandate_services.mandate_text(
                scheme,
                creditor=creditor_name(cluster, debit_settings),
                creditor_id=debit_settings.creditor_id,
                reference=reference,
            )
    return render(
        request,
        "memberships/mandate_give.html",
        {
            "organisation": organisation,
            "cluster": cluster,
            "current": current,
            "history": history,
            "form": form,
            "texts": texts,
            "can_collect": debit_settings is not None,
            "revoke_form": RevokeMandateForm(initial={"on": timezone.localdate()}),
        },
        status=400 if form.errors else 200,
    )


# --- staff: creditor settings ----------------------------------------------------------


@login_required
def settings_list(request):
    """Per cluster of the user: its creditor identifier and return fee."""
    require_perm(request, "memberships.view_fees")
    clusters = clusters_looked_after(request.user).order_by("name")
    found = {s.cluster_id: s for s in DirectDebitSettings.objects.filter(cluster__in=clusters)}
    rows = [(cluster, found.get(cluster.pk)) for cluster in clusters]
    return render(request, "memberships/sepa_settings_list.html", {"rows": rows})


@login_required
def settings_edit(request, cluster):
    cluster = get_object_or_404(Cluster, slug=cluster)
    require_perm(request, "memberships.manage_fees", cluster)
    current = DirectDebitSettings.objects.filter(cluster=cluster).first()
    initial = (
        {
            "creditor_id": current.creditor_id,
            "creditor_name": current.creditor_name,
            "mandate_prefix": current.mandate_prefix,
            "return_fee": current.return_fee,
        }
        if current
        else {}
    )
    form = DirectDebitSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            save_direct_debit_settings(request.user, cluster, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The direct debit settings are saved."))
            return redirect("memberships:sepa_settings")
    return render(
        request,
        "memberships/sepa_settings_form.html",
        {"form": form, "cluster": cluster},
        status=400 if form.errors else 200,
    )


# --- staff: mandates ---------------------------------------------------------------------


@login_required
def mandate_list(request):
    require_perm(request, "memberships.view_fees")
    form = MandateFilterForm(request.GET or None)
    mandates = visible_mandates(request.user).select_related("organisation", "cluster")
    if form.is_valid() and form.cleaned_data["status"]:
        mandates = mandates.filter(status=form.cleaned_data["status"])
    page = Paginator(mandates, PAGE_SIZE).get_page(request.GET.get("page"))
    clusters = clusters_looked_after(request.user).order_by("name")
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    return render(
        request,
        "memberships/mandate_list.html",
        {
            "form": form,
            "page": page,
            "clusters": clusters,
            "querystring": query_without_page.urlencode(),
        },
    )


def _staff_mandate(request, pk) -> Mandate:
    mandate = get_object_or_404(
        visible_mandates(request.user).select_related("organisation", "cluster"), pk=pk
    )
    require_perm(request, "memberships.manage_fees", mandate.cluster)
    return mandate


@login_required
def mandate_detail(request, pk):
    """One mandate with its text, every version of the organisation's mandates and the
    audit log of each."""
    mandate = _staff_mandate(request, pk)
    history = mandate_services.mandate_history(mandate.organisation, mandate.cluster)
    log = [entry for version in history for entry in entries_for(version)]
    log.sort(key=lambda entry: entry.timestamp, reverse=True)
    log = [(entry, describe(entry)) for entry in log]
    return render(
        request,
        "memberships/mandate_detail.html",
        {
            "mandate": mandate,
            "history": history,
            "log": log,
            "debits": mandate.debits.select_related("batch", "invoice").order_by("-pk")[:50],
        },
    )


@login_required
def mandate_amend(request, pk):
    mandate = _staff_mandate(request, pk)
    fields = list(AmendMandateForm.base_fields)
    form = AmendMandateForm(
        request.POST or None, initial={name: getattr(mandate, name) for name in fields}
    )
    if request.method == "POST" and form.is_valid():
        try:
            new = mandate_services.amend_mandate(request.user, mandate, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The mandate is amended."))
            return redirect("memberships:mandate_detail", new.pk)
    return render(
        request,
        "memberships/mandate_form.html",
        {"form": form, "mandate": mandate, "title": _("Amend a mandate")},
        status=400 if form.errors else 200,
    )


@login_required
def mandate_revoke(request, pk):
    """Staff (or the organisation's admin) end a mandate with a reason."""
    mandate = get_object_or_404(Mandate.objects.select_related("organisation", "cluster"), pk=pk)
    if not request.user.has_perm("memberships.change_mandate", mandate):
        # Not the user's: the same answer as a mandate that does not exist.
        raise Http404
    staff = request.user.has_perm("memberships.manage_fees", mandate.cluster)
    form = RevokeMandateForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            mandate_services.revoke_mandate(
                request.user, mandate, form.cleaned_data["reason"], form.cleaned_data["on"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The mandate is revoked."))
            if staff:
                return redirect("memberships:mandate_detail", mandate.pk)
            return redirect(
                "memberships:mandate_give", mandate.organisation.slug, mandate.cluster.slug
            )
    return render(
        request,
        "memberships/mandate_revoke.html",
        {"form": form, "mandate": mandate},
        status=400 if form.errors else 200,
    )


@login_required
def mandate_paper(request, cluster):
    """Staff enter a mandate the organisation signed on paper."""
    cluster = get_object_or_404(Cluster, slug=cluster)
    require_perm(request, "memberships.manage_fees", cluster)
    organisations = Organisation.objects.filter(memberships__cluster=cluster).distinct()
    form = PaperMandateForm(
        request.POST or None,
        organisations=organisations.order_by("name"),
        initial={"signed_on": timezone.localdate(), "country": "DE"},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            mandate = mandate_services.enter_paper_mandate(
                request.user,
                data["organisation"],
                cluster,
                signed_on=data["signed_on"],
                reference=data["reference"],
                **_mandate_details(data),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("The mandate %(reference)s is entered.") % {"reference": mandate.reference},
            )
            return redirect("memberships:mandate_detail", mandate.pk)
    return render(
        request,
        "memberships/mandate_form.html",
        {"form": form, "cluster": cluster, "title": _("Enter a paper mandate")},
        status=400 if form.errors else 200,
    )


# --- staff: export files -----------------------------------------------------------------


@login_required
def export(request):
    """Choose cluster and collection date; "check" shows what would be collected and
    why the others are not; "create" stores the file and offers it for download."""
    require_perm(request, "memberships.view_fees")
    clusters = clusters_looked_after(request.user).order_by("name")
    today = timezone.localdate()
    form = ExportForm(
        request.POST or None,
        clusters=clusters,
        initial={"collection_date": earliest_collection_date(today)},
    )
    result = None
    if request.method == "POST" and form.is_valid():
        cluster = form.cleaned_data["cluster"]
        require_perm(request, "memberships.manage_fees", cluster)
        create = request.POST.get("action") == "create"
        try:
            result = export_debits(
                request.user,
                cluster,
                form.cleaned_data["collection_date"],
                scheme=form.cleaned_data["scheme"],
                dry_run=not create,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            if create and result.batch is not None:
                messages.success(
                    request,
                    _("The direct debit file with %(count)s debits is created.")
                    % {"count": result.transactions},
                )
                return redirect("memberships:debit_batch", result.batch.pk)
            if create:
                messages.info(request, _("Nothing to collect: no file was created."))
    return render(
        request,
        "memberships/sepa_export.html",
        {"form": form, "result": result},
        status=400 if form.errors else 200,
    )


@login_required
def batch_list(request):
    require_perm(request, "memberships.view_fees")
    batches = visible_debit_batches(request.user).select_related("cluster", "created_by")
    page = Paginator(batches, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "memberships/sepa_batches.html", {"page": page})


def _staff_batch(request, pk):
    batch = get_object_or_404(visible_debit_batches(request.user).select_related("cluster"), pk=pk)
    require_perm(request, "memberships.manage_fees", batch.cluster)
    return batch


@login_required
def batch_detail(request, pk):
    batch = _staff_batch(request, pk)
    debits = batch.debits.select_related(
        "invoice", "mandate", "mandate__organisation", "return_entry"
    ).order_by("end_to_end_id")
    page = Paginator(debits, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "memberships/sepa_batch.html", {"batch": batch, "page": page})


@login_required
def batch_download(request, pk):
    batch = _staff_batch(request, pk)
    return FileResponse(
        io.BytesIO(batch.xml.encode()),
        as_attachment=True,
        filename=f"pain008-{batch.cluster.slug}-{batch.collection_date:%Y-%m-%d}-{batch.pk}.xml",
        content_type="application/xml",
    )


# --- staff: returns ------------------------------------------------------------------------


@login_required
def returns_import(request):
    """Upload a CAMT.054 notification: every returned debit in it is recorded."""
    require_perm(request, "memberships.view_fees")
    clusters = clusters_looked_after(request.user).order_by("name")
    form = ReturnsImportForm(request.POST or None, request.FILES or None, clusters=clusters)
    result = None
    if request.method == "POST" and form.is_valid():
        cluster = form.cleaned_data["cluster"]
        require_perm(request, "memberships.manage_fees", cluster)
        try:
            result = import_returns(request.user, cluster, form.cleaned_data["notification"].read())
        except ValidationError as error:
            add_errors(form, error)
    return render(
        request,
        "memberships/sepa_returns.html",
        {"form": form, "result": result},
        status=400 if form.errors else 200,
    )


@login_required
def debit_return(request, pk):
    """Staff record a returned debit by hand (e.g. from a paper notice of the bank)."""
    debit = get_object_or_404(
        visible_direct_debits(request.user).select_related("batch__cluster", "invoice"), pk=pk
    )
    require_perm(request, "memberships.manage_fees", debit.batch.cluster)
    form = ManualReturnForm(request.POST or None, initial={"returned_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            entry = record_return(
                request.user,
                debit,
                form.cleaned_data["reason_code"],
                form.cleaned_data["returned_on"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("The return is recorded (%(reason)s); the invoice is open again.")
                % {"reason": reason_text(entry.reason_code)},
            )
            return redirect("memberships:debit_batch", debit.batch_id)
    return render(
        request,
        "memberships/sepa_return_form.html",
        {"form": form, "debit": debit},
        status=400 if form.errors else 200,
    )
