"""The public open-data page, the downloads and the catalogue; the staff's page to choose
what their cluster publishes."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from knotenpunkt.core.permissions import require_perm
from knotenpunkt.directory.models import Cluster
from knotenpunkt.directory.rules import clusters_looked_after
from knotenpunkt.opendata.forms import DatasetForm
from knotenpunkt.opendata.models import Dataset, Distribution
from knotenpunkt.opendata.rules import published_datasets
from knotenpunkt.opendata.services import catalogue, datasets

MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}
# Content negotiation of /opendata/catalog; on a tie (or */*) the first, Turtle.
NEGOTIATED = {
    "text/turtle": "ttl",
    "application/rdf+xml": "rdf",
    "application/ld+json": "jsonld",
}


def index(request):
    return render(request, "opendata/index.html", {"datasets": list(catalogue.listed_datasets())})


def dataset(request, cluster, kind):
    """A dataset's URI (its identifier in the catalogue) leads to its entry on the page."""
    found = get_object_or_404(published_datasets(), cluster__slug=cluster, kind=kind)
    return redirect(f"{reverse('opendata:index')}#{found.anchor}")


def download(request, cluster, kind, fmt):
    distribution = get_object_or_404(
        Distribution.objects.select_related("dataset__cluster"),
        dataset__in=published_datasets(),
        dataset__cluster__slug=cluster,
        dataset__kind=kind,
        format=fmt,
    )
    response = FileResponse(
        io.BytesIO(bytes(distribution.content)),
        as_attachment=True,
        filename=distribution.file_name,
        content_type=MEDIA_TYPES[fmt],
    )
    response["ETag"] = f'"{distribution.checksum}"'
    return response


def _catalogue_response(fmt: str) -> HttpResponse:
    return HttpResponse(catalogue.catalogue_bytes(fmt), content_type=catalogue.content_type(fmt))


def catalog_file(request, fmt):
    if fmt not in catalogue.FORMATS:
        raise Http404
    return _catalogue_response(fmt)


def catalog(request):
    """The catalogue in the RDF format the client asks for (Turtle unless it says)."""
    fmt = NEGOTIATED.get(request.get_preferred_type(list(NEGOTIATED)), "ttl")
    response = _catalogue_response(fmt)
    patch_vary_headers(response, ["Accept"])
    return response


@login_required
def manage(request):
    require_perm(request, "opendata.manage_any")
    clusters = list(clusters_looked_after(request.user).order_by("name"))
    if len(clusters) == 1:
        return redirect("opendata:manage_cluster", clusters[0].slug)
    return render(request, "opendata/manage.html", {"clusters": clusters})


@login_required
def manage_cluster(request, cluster):
    found = get_object_or_404(Cluster, slug=cluster)
    require_perm(request, "opendata.manage_cluster", found)
    rows = found.open_datasets.select_related("cluster").prefetch_related(
        Prefetch("distributions", queryset=Distribution.objects.defer("content"))
    )
    return render(
        request,
        "opendata/manage_cluster.html",
        {
            "cluster": found,
            "datasets": list(rows.order_by("kind")),
            "missing": datasets.missing_kinds(found),
        },
    )


@login_required
@require_POST
def add(request, cluster, kind):
    found = get_object_or_404(Cluster, slug=cluster)
    require_perm(request, "opendata.manage_cluster", found)
    if kind not in Dataset.Kind.values:
        raise Http404
    created = datasets.create_dataset(request.user, found, kind)
    return redirect("opendata:edit", found.slug, created.kind)


def _managed_dataset(request, cluster, kind) -> Dataset:
    found = get_object_or_404(
        Dataset.objects.select_related("cluster"), cluster__slug=cluster, kind=kind
    )
    require_perm(request, "opendata.change_dataset", found)
    return found


@login_required
def edit(request, cluster, kind):
    found = _managed_dataset(request, cluster, kind)
    form = DatasetForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        datasets.update_dataset(request.user, found, form.cleaned_data)
        messages.success(request, _("The dataset was saved."))
        return redirect("opendata:manage_cluster", found.cluster.slug)
    return render(request, "opendata/edit.html", {"dataset": found, "form": form})


@login_required
@require_POST
def refresh(request, cluster, kind):
    found = _managed_dataset(request, cluster, kind)
    datasets.request_refresh(found)
    messages.success(request, _("The files of the dataset are being generated again."))
    return redirect("opendata:manage_cluster", found.cluster.slug)
