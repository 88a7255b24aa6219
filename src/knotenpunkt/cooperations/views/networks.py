"""The staff's pages of partner networks and foreign clusters: list, detail with
agreements and trips (and who took part), create, edit, delete, agreements and trip
links."""

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from knotenpunkt.cooperations.forms import (
    AgreementForm,
    NetworkForm,
    TripLinkForm,
    add_service_errors,
)
from knotenpunkt.cooperations.models import PartnerNetwork
from knotenpunkt.cooperations.rules import (
    visible_agreements,
    visible_networks,
    visible_trip_destinations,
)
from knotenpunkt.cooperations.services import networks as services
from knotenpunkt.core.permissions import require_perm
from knotenpunkt.directory.models import Cluster
from knotenpunkt.directory.rules import clusters_looked_after


@login_required
def network_list(request):
    """The partner networks and foreign clusters of the clusters the user looks after."""
    require_perm(request, "cooperations.view_cooperations")
    networks = (
        visible_networks(request.user)
        .select_related("cluster")
        .annotate(
            agreement_count=Count("agreements", distinct=True),
            trip_count=Count("trip_destinations", distinct=True),
        )
        .order_by("name", "pk")
    )
    return render(request, "cooperations/network_list.html", {"networks": networks})


def _network(request, pk) -> PartnerNetwork:
    network = get_object_or_404(visible_networks(request.user).select_related("cluster"), pk=pk)
    require_perm(request, "cooperations.change_network", network)
    return network


def _detail_page(request, network, *, agreement_form=None, trip_form=None, status=200):
    return render(
        request,
        "cooperations/network_detail.html",
        {
            "network": network,
            "agreements": list(network.agreements.all()),
            "trips": services.trips_of(network),
            "agreement_form": agreement_form or AgreementForm(),
            "trip_form": trip_form or TripLinkForm(trips=services.trip_candidates(network)),
        },
        status=status,
    )


@login_required
def network_detail(request, pk):
    return _detail_page(request, _network(request, pk))


def _form_page(request, form, network=None, status=200):
    return render(
        request,
        "cooperations/network_form.html",
        {"form": form, "network": network},
        status=status,
    )


@login_required
def network_create(request):
    require_perm(request, "cooperations.view_cooperations")
    clusters = clusters_looked_after(request.user)
    form = NetworkForm(request.POST or None, clusters=clusters, initial={"kind": "network"})
    if request.method == "POST" and form.is_valid():
        cluster = form.chosen_cluster()
        require_perm(request, "cooperations.manage_cooperations", cluster)
        try:
            network = services.create_network(request.user, cluster, form.network_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The partner network has been added."))
            return redirect(network)
    return _form_page(request, form, status=400 if form.is_bound else 200)


@login_required
def network_edit(request, pk):
    network = _network(request, pk)
    form = NetworkForm(
        request.POST or None,
        clusters=Cluster.objects.filter(pk=network.cluster_id),
        initial=NetworkForm.initial_from(network),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_network(request.user, network, form.network_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(network)
    return _form_page(request, form, network, status=400 if form.is_bound else 200)


@login_required
@require_POST
def network_delete(request, pk):
    network = _network(request, pk)
    services.delete_network(request.user, network)
    messages.success(request, _("The partner network has been deleted."))
    return redirect("cooperations:networks")


@login_required
@require_POST
def agreement_add(request, pk):
    network = _network(request, pk)
    form = AgreementForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_agreement(
                request.user, network, form.agreement_data(), form.cleaned_data["document"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The agreement has been added."))
            return redirect(network)
    return _detail_page(request, network, agreement_form=form, status=400)


def _agreement(request, pk):
    agreement = get_object_or_404(
        visible_agreements(request.user).select_related("network__cluster"), pk=pk
    )
    require_perm(request, "cooperations.change_network", agreement.network)
    return agreement


@login_required
@require_POST
def agreement_delete(request, pk):
    agreement = _agreement(request, pk)
    network = agreement.network
    services.delete_agreement(request.user, agreement)
    messages.success(request, _("The agreement has been deleted."))
    return redirect(network)


@login_required
def agreement_document(request, pk):
    """Agreements leave the private storage only through this permission check."""
    agreement = _agreement(request, pk)
    if not agreement.document:
        raise Http404
    response = FileResponse(
        agreement.document.open("rb"),
        as_attachment=True,
        filename=PurePath(agreement.document.name).name,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def trip_link(request, pk):
    network = _network(request, pk)
    form = TripLinkForm(request.POST, trips=services.trip_candidates(network))
    if form.is_valid():
        try:
            services.link_trip(request.user, network, form.cleaned_data["event"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The trip has been linked."))
            return redirect(network)
    return _detail_page(request, network, trip_form=form, status=400)


@login_required
@require_POST
def trip_unlink(request, pk):
    destination = get_object_or_404(
        visible_trip_destinations(request.user).select_related("network__cluster", "event"),
        pk=pk,
    )
    require_perm(request, "cooperations.change_network", destination.network)
    network = destination.network
    services.unlink_trip(request.user, destination)
    messages.success(request, _("The trip has been removed from the network."))
    return redirect(network)
