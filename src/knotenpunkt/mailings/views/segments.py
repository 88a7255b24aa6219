"""Staff pages for target groups: list, create and edit (the tree as JSON), preview."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from knotenpunkt.directory.models import Cluster
from knotenpunkt.directory.rules import clusters_looked_after
from knotenpunkt.mailings.forms.segments import PreviewForm, SegmentForm
from knotenpunkt.mailings.models import Segment
from knotenpunkt.mailings.rules import visible_segments
from knotenpunkt.mailings.services.segments import (
    SMALLEST_COUNT_SHOWN,
    field_help,
    preview,
    save_segment,
)

EXAMPLE = {
    "all": [
        {"field": "member", "op": "is"},
        {"field": "function", "op": "in", "value": ["cio", "cto"]},
        {"not": {"field": "organisation.size", "op": "in", "value": ["micro"]}},
    ]
}


def _segment(request, pk) -> Segment:
    segment = get_object_or_404(Segment.objects.select_related("cluster"), pk=pk)
    if not request.user.has_perm("mailings.manage_segments", segment):
        raise PermissionDenied
    return segment


def _edit_page(request, form, segment=None, status=200):
    return render(
        request,
        "mailings/segment_edit.html",
        {
            "form": form,
            "segment": segment,
            "fields": field_help(),
            "example": json.dumps(EXAMPLE, indent=2),
        },
        status=status,
    )


@login_required
def segment_list(request):
    if not request.user.has_perm("mailings.view_segments"):
        raise PermissionDenied
    segments = visible_segments(request.user).select_related("cluster")
    return render(request, "mailings/segment_list.html", {"segments": segments})


@login_required
def segment_create(request):
    if not request.user.has_perm("mailings.view_segments"):
        raise PermissionDenied
    clusters = clusters_looked_after(request.user)
    form = SegmentForm(
        request.POST or None,
        clusters=clusters,
        initial={"definition": EXAMPLE, "cluster": clusters.first()},
    )
    if request.method == "POST" and form.is_valid():
        segment = Segment(cluster=form.cleaned_data["cluster"])
        if not request.user.has_perm("mailings.manage_segments", segment):
            raise PermissionDenied
        return _saved(request, form, segment)
    return _edit_page(request, form, status=400 if form.is_bound else 200)


@login_required
def segment_edit(request, pk):
    segment = _segment(request, pk)
    form = SegmentForm(
        request.POST or None,
        instance=segment,
        clusters=Cluster.objects.filter(pk=segment.cluster_id),
    )
    if request.method == "POST" and form.is_valid():
        return _saved(request, form, segment)
    return _edit_page(request, form, segment, status=400 if form.is_bound else 200)


def _saved(request, form, segment):
    data = {name: form.cleaned_data[name] for name in ("name", "description", "definition")}
    try:
        save_segment(request.user, segment, data)
    except ValidationError as error:
        form.add_error("definition", error)
        return _edit_page(request, form, segment if segment.pk else None, status=400)
    messages.success(request, _("The target group “%(name)s” is saved.") % {"name": segment.name})
    return redirect("mailings:segment_preview", segment.pk)


@login_required
def segment_preview(request, pk):
    segment = _segment(request, pk)
    form = PreviewForm(request.GET or None, cluster=segment.cluster)
    mailing_list = form.cleaned_data["mailing_list"] if form.is_valid() else None
    count, sample, errors, withheld = None, [], [], False
    try:
        count, sample = preview(segment, mailing_list)
        withheld = count is None
    except ValidationError as error:
        # The data may have changed since saving (a topic or event deleted): say so.
        errors = error.messages
    return render(
        request,
        "mailings/segment_preview.html",
        {
            "segment": segment,
            "form": form,
            "mailing_list": mailing_list,
            "count": count,
            "withheld": withheld,
            "smallest": SMALLEST_COUNT_SHOWN,
            "sample": sample,
            "errors": errors,
        },
    )
