"""Staff pages of the merge: side by side, history with undo, bulk merge with its report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from knotenpunkt.core.permissions import require_perm
from knotenpunkt.directory.rules import visible_people
from knotenpunkt.quality.forms.merge import BulkMergeForm, MergeForm
from knotenpunkt.quality.models import BulkMergeRun, MergeKind, MergeRecord
from knotenpunkt.quality.services import bulk_merge
from knotenpunkt.quality.services.merge import (
    LOSER,
    SURVIVOR,
    TARGETS,
    MergeError,
    default_choices,
    default_survivor,
    merge_records,
    related_counts,
    relation_names,
    undo_blockers,
    undo_merge,
)
from knotenpunkt.quality.services.scope import records_in_scope

PAGE_SIZE = 50


def _display(record, name: str) -> str:
    field = record._meta.get_field(name)
    if field.choices:
        value = getattr(record, f"get_{name}_display")()
    elif field.is_relation:
        value = getattr(record, name) or ""
    elif isinstance(getattr(record, name), bool):
        value = _("yes") if getattr(record, name) else _("no")
    else:
        value = getattr(record, name)
    return str(value) if value not in (None, "") else ""


@login_required
def merge(request, kind, a, b):
    """Two records side by side: which one stays, and which value each field keeps."""
    require_perm(request, "quality.merge_records")
    if a == b:
        raise Http404
    scope = records_in_scope(kind, request.user)
    record_a, record_b = get_object_or_404(scope, pk=a), get_object_or_404(scope, pk=b)
    target = TARGETS[kind]
    survivor, loser = default_survivor(kind, record_a, record_b)
    defaults = default_choices(kind, survivor, loser)
    survivor_side = "a" if survivor is record_a else "b"
    other_side = "b" if survivor_side == "a" else "a"
    fields = [(name, target.model._meta.get_field(name).verbose_name) for name in target.fields]
    form = MergeForm(
        request.POST or None,
        fields=fields,
        initial_sides={
            n: survivor_side if s == SURVIVOR else other_side for n, s in defaults.items()
        },
        initial={"keep": survivor_side},
    )
    if request.method == "POST" and form.is_valid():
        keep = form.cleaned_data["keep"]
        survivor, loser = (record_a, record_b) if keep == "a" else (record_b, record_a)
        choices = {n: SURVIVOR if s == keep else LOSER for n, s in form.field_sides().items()}
        try:
            record = merge_records(kind, survivor, loser, choices, request.user)
        except MergeError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("%(loser)s (#%(loser_id)s) was merged into %(survivor)s (#%(survivor_id)s).")
                % {
                    "loser": record.loser_repr,
                    "loser_id": record.loser_id,
                    "survivor": record.survivor_repr,
                    "survivor_id": record.survivor_id,
                },
            )
            return redirect("quality:merge_detail", pk=record.pk)
    counts_a, counts_b = related_counts(kind, record_a), related_counts(kind, record_b)
    rows = [
        (
            form[f"field_{name}"],
            _display(record_a, name),
            _display(record_b, name),
        )
        for name, _label in fields
    ]
    return render(
        request,
        "quality/merge_compare.html",
        {
            "kind": kind,
            "kind_label": target.label,
            "form": form,
            "record_a": record_a,
            "record_b": record_b,
            "rows": rows,
            "relations": [
                (name, counts_a[key], counts_b[key]) for key, name in relation_names(kind).items()
            ],
        },
        status=400 if form.errors else 200,
    )


def _merges_in_scope(user):
    merges = MergeRecord.objects.select_related("merged_by", "undone_by")
    if user.is_superuser:
        return merges
    # A merge is shown while its survivor is one of the user's records; an undone merge
    # also through its restored record.
    people = visible_people(user).values("pk")
    organisations = records_in_scope(MergeKind.ORGANISATION, user).values("pk")
    return merges.filter(
        Q(kind=MergeKind.PERSON, survivor_id__in=people)
        | Q(kind=MergeKind.PERSON, loser_id__in=people)
        | Q(kind=MergeKind.ORGANISATION, survivor_id__in=organisations)
        | Q(kind=MergeKind.ORGANISATION, loser_id__in=organisations)
    )


@login_required
def merge_history(request):
    require_perm(request, "quality.merge_records")
    page = Paginator(_merges_in_scope(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "quality/merge_history.html", {"page": page})


@login_required
def merge_detail(request, pk):
    require_perm(request, "quality.merge_records")
    record = get_object_or_404(_merges_in_scope(request.user), pk=pk)
    return render(
        request,
        "quality/merge_detail.html",
        {
            "record": record,
            "blockers": [] if record.is_undone else undo_blockers(record),
            "relations": [
                (name, record.moved_counts.get(key, {}))
                for key, name in relation_names(record.kind).items()
                if key in record.moved_counts
            ],
            "from_merged_away": [
                TARGETS[record.kind].model._meta.get_field(name).verbose_name
                for name, side in record.field_choices.items()
                if side == LOSER
            ],
        },
    )


@login_required
@require_POST
def merge_undo(request, pk):
    require_perm(request, "quality.merge_records")
    record = get_object_or_404(_merges_in_scope(request.user), pk=pk)
    try:
        undo_merge(record, request.user)
    except MergeError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("The merge was undone: %(loser)s is back.") % {"loser": record.loser_repr}
        )
    return redirect("quality:merge_detail", pk=record.pk)


@login_required
def bulk_merge_start(request):
    """Shows how many pairs qualify for the chosen threshold, then starts the run."""
    require_perm(request, "quality.merge_records")
    # The first visit already counts for the defaults: that number is what staff want first.
    defaults = {"kind": MergeKind.PERSON, "threshold": bulk_merge.DEFAULT_THRESHOLD}
    form = BulkMergeForm(request.POST if request.method == "POST" else (request.GET or defaults))
    qualifying = None
    if form.is_valid():
        kind, threshold = form.cleaned_data["kind"], form.cleaned_data["threshold"]
        qualifying = bulk_merge.qualifying_pairs(kind, threshold, request.user).count()
        if request.method == "POST":
            run = bulk_merge.start_bulk_merge(kind, threshold, request.user)
            messages.success(request, _("The bulk merge has started."))
            return redirect("quality:bulk_merge_report", pk=run.pk)
    runs = BulkMergeRun.objects.filter(started_by=request.user)[:10]
    return render(
        request,
        "quality/merge_bulk.html",
        {"form": form, "qualifying": qualifying, "runs": runs},
        status=400 if form.errors else 200,
    )


@login_required
def bulk_merge_report(request, pk):
    require_perm(request, "quality.merge_records")
    runs = BulkMergeRun.objects.all()
    if not request.user.is_superuser:
        runs = runs.filter(started_by=request.user)
    run = get_object_or_404(runs, pk=pk)
    items = run.items.select_related("merge")
    page = Paginator(items, PAGE_SIZE * 2).get_page(request.GET.get("page"))
    return render(request, "quality/merge_bulk_report.html", {"run": run, "page": page})
