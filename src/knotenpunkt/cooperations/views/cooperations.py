"""The staff's pages of documented cooperations: list with filters, CSV, detail, create
(by hand or from an accepted matchmaking contact), edit and delete; and the read-only
list of an organisation admin's own cooperations."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from knotenpunkt.cooperations.forms import (
    CooperationFilterForm,
    CooperationForm,
    PartnerFormSet,
    add_service_errors,
)
from knotenpunkt.cooperations.models import Cooperation
from knotenpunkt.cooperations.rules import (
    cooperations_of_own_organisations,
    readable_cooperations,
    visible_cooperations,
)
from knotenpunkt.cooperations.services import cooperations as services
from knotenpunkt.core.audit import entries_for
from knotenpunkt.core.csv_export import csv_writer
from knotenpunkt.core.params import bounded_int
from knotenpunkt.core.permissions import require_perm
from knotenpunkt.directory.models import Cluster, Organisation
from knotenpunkt.directory.rules import clusters_looked_after, visible_organisations
from knotenpunkt.matching.models import Contact

PAGE_SIZE = 50


def _listed(cooperations):
    return cooperations.select_related("cluster").prefetch_related(
        "partners__organisation", "topics"
    )


def _filtered(request):
    clusters = clusters_looked_after(request.user)
    form = CooperationFilterForm(request.GET or None, clusters=clusters)
    cooperations = form.filter(visible_cooperations(request.user))
    return form, _listed(cooperations).order_by("-start_date", "-pk")


@login_required
def cooperation_list(request):
    """The cooperations of the clusters the user looks after, newest start first."""
    require_perm(request, "cooperations.view_cooperations")
    form, cooperations = _filtered(request)
    page = Paginator(cooperations, PAGE_SIZE).get_page(
        bounded_int(request.GET.get("page"), 1, minimum=1)
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cooperations/cooperation_list.html",
        {
            "form": form,
            "page": page,
            "querystring": query.urlencode(),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def cooperation_export(request):
    """The cooperations the filter shows, one row each, for a spreadsheet."""
    require_perm(request, "cooperations.view_cooperations")
    _form, cooperations = _filtered(request)
    buffer = io.StringIO()
    writer = csv_writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            _("Cluster"),
            _("Title"),
            _("Start"),
            _("End"),
            _("Status"),
            _("Part of the cluster"),
            _("Partners"),
            _("Topics"),
            _("Funding programme"),
            _("Funding (EUR)"),
            _("Outputs"),
            _("From matchmaking"),
        ]
    )
    for c in cooperations:
        writer.writerow(
            [
                c.cluster.name,
                c.title,
                c.start_date.isoformat(),
                c.end_date.isoformat() if c.end_date else "",
                c.get_status_display(),
                c.get_cluster_role_display(),
                ", ".join(
                    f"{p.organisation.name} ({p.get_role_display()})" for p in c.partners.all()
                ),
                ", ".join(t.label for t in c.topics.all()),
                c.funding_programme,
                c.funding_amount,
                c.outputs,
                _("yes") if c.origin_id else _("no"),
            ]
        )
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="cooperations-{stamp}.csv"'
    return response


def _organisation_choices(user, held_ids=()):
    """Organisations staff may name as partners: those they see in the directory, plus
    those the cooperation (or the contact) already names."""
    visible = visible_organisations(user).values("pk")
    return Organisation.objects.filter(Q(pk__in=visible) | Q(pk__in=list(held_ids))).order_by(
        "name", "pk"
    )


def _form_page(request, form, partners, *, cooperation=None, contact=None, status=200):
    return render(
        request,
        "cooperations/cooperation_form.html",
        {"form": form, "partners": partners, "cooperation": cooperation, "contact": contact},
        status=status,
    )


def _contact(request, clusters) -> Contact:
    contact_id = bounded_int(request.GET.get("contact"), 0, minimum=1)
    return get_object_or_404(
        Contact.objects.select_related("need__cluster", "need__organisation", "provider"),
        pk=contact_id,
        need__cluster__in=clusters,
    )


@login_required
def cooperation_create(request):
    """Document a cooperation; with ?contact=<id> prefilled from an accepted contact."""
    require_perm(request, "cooperations.view_cooperations")
    clusters = clusters_looked_after(request.user)
    contact = None
    initial, partner_initial = {}, []
    if "contact" in request.GET:
        contact = _contact(request, clusters)
        existing = Cooperation.objects.filter(origin=contact).first()
        if existing is not None:
            messages.info(request, _("This contact has already been documented as a cooperation."))
            return redirect(existing)
        try:
            services.contact_for_cooperation(contact)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect(contact.need)
        initial = services.initial_from_contact(contact)
        partner_initial = PartnerFormSet.initial_from(initial.pop("partners"))
        clusters = Cluster.objects.filter(pk=contact.need.cluster_id)
    held = [row["organisation"].pk for row in partner_initial]
    organisations = _organisation_choices(request.user, held)
    data = request.POST if request.method == "POST" else None
    form = CooperationForm(data, initial=initial, clusters=clusters)
    partners = PartnerFormSet(
        data,
        initial=partner_initial,
        prefix="partners",
        form_kwargs={"organisations": organisations},
    )
    if request.method == "POST" and form.is_valid() and partners.is_valid():
        cluster = form.chosen_cluster()
        require_perm(request, "cooperations.manage_cooperations", cluster)
        try:
            cooperation = services.create_cooperation(
                request.user,
                cluster,
                form.cooperation_data(),
                partners.partners(),
                form.cleaned_data["topics"],
                origin=contact,
            )
        except ValidationError as error:
            add_service_errors(form, error, partners)
        else:
            messages.success(request, _("The cooperation has been documented."))
            return redirect(cooperation)
    return _form_page(
        request,
        form,
        partners,
        contact=contact,
        status=400 if request.method == "POST" else 200,
    )


def _staff_cooperation(request, pk) -> Cooperation:
    cooperation = get_object_or_404(
        visible_cooperations(request.user).select_related("cluster"), pk=pk
    )
    require_perm(request, "cooperations.change_cooperation", cooperation)
    return cooperation


@login_required
def cooperation_detail(request, pk):
    cooperation = get_object_or_404(
        _listed(readable_cooperations(request.user)).select_related(
            "origin__need", "origin__provider", "created_by"
        ),
        pk=pk,
    )
    require_perm(request, "cooperations.view_cooperation", cooperation)
    may_change = request.user.has_perm("cooperations.change_cooperation", cooperation)
    return render(
        request,
        "cooperations/cooperation_detail.html",
        {
            "cooperation": cooperation,
            "may_change": may_change,
            "history": list(entries_for(cooperation)[:50]) if may_change else [],
        },
    )


@login_required
def cooperation_edit(request, pk):
    cooperation = _staff_cooperation(request, pk)
    current = list(cooperation.partners.select_related("organisation"))
    organisations = _organisation_choices(request.user, [p.organisation_id for p in current])
    data = request.POST if request.method == "POST" else None
    form = CooperationForm(
        data,
        initial=CooperationForm.initial_from(cooperation),
        clusters=Cluster.objects.filter(pk=cooperation.cluster_id),
    )
    partners = PartnerFormSet(
        data,
        initial=PartnerFormSet.initial_from(current),
        prefix="partners",
        form_kwargs={"organisations": organisations},
    )
    if request.method == "POST" and form.is_valid() and partners.is_valid():
        try:
            services.update_cooperation(
                request.user,
                cooperation,
                form.cooperation_data(),
                partners.partners(),
                form.cleaned_data["topics"],
            )
        except ValidationError as error:
            add_service_errors(form, error, partners)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(cooperation)
    return _form_page(
        request,
        form,
        partners,
        cooperation=cooperation,
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def cooperation_delete(request, pk):
    cooperation = _staff_cooperation(request, pk)
    services.delete_cooperation(request.user, cooperation)
    messages.success(request, _("The cooperation has been deleted."))
    return redirect("cooperations:list")


@login_required
def own_cooperations(request):
    """The cooperations the organisations the user administers take part in."""
    require_perm(request, "cooperations.view_own_cooperations")
    cooperations = _listed(cooperations_of_own_organisations(request.user)).order_by(
        "-start_date", "-pk"
    )
    page = Paginator(cooperations, PAGE_SIZE).get_page(
        bounded_int(request.GET.get("page"), 1, minimum=1)
    )
    return render(request, "cooperations/own_cooperations.html", {"page": page})
