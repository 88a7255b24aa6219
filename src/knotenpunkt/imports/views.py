from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from knotenpunkt.core.permissions import require_perm
from knotenpunkt.directory.rules import clusters_looked_after
from knotenpunkt.imports.forms import MappingForm, UploadForm
from knotenpunkt.imports.models import ImportRun
from knotenpunkt.imports.rules import visible_import_runs, visible_import_sources
from knotenpunkt.imports.services import runs as run_services

RECENT_RUNS = 20
PROBLEMS_SHOWN = 200


def _run_or_404(request, pk) -> ImportRun:
    require_perm(request, "imports.import_data")
    return get_object_or_404(visible_import_runs(request.user), pk=pk)


@login_required
def start(request):
    require_perm(request, "imports.import_data")
    form = UploadForm(
        request.POST or None,
        request.FILES or None,
        sources=visible_import_sources(request.user),
        clusters=clusters_looked_after(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            source = data["source"] or run_services.create_source(
                request.user,
                name=data["new_source_name"],
                kind=data["new_source_kind"],
                record_kind=data["new_source_record_kind"],
                cluster=data["new_source_cluster"],
            )
            run = run_services.start_run(request.user, source, data["file"], table=form.table)
        return redirect("imports:mapping", pk=run.pk)
    return render(
        request,
        "imports/start.html",
        {"form": form, "runs": visible_import_runs(request.user)[:RECENT_RUNS]},
    )


@login_required
def mapping(request, pk):
    run = _run_or_404(request, pk)
    if run.is_active or run.is_done:
        return redirect(run)
    table = run_services.read_run_table(run)
    form = MappingForm(
        request.POST or None,
        headers=run.headers,
        record_kind=run.source.record_kind,
        initial_choices=run_services.mapping_choices(run),
        samples=run_services.column_samples(table),
    )
    if request.method == "POST" and form.is_valid():
        try:
            run_services.save_mapping(request.user, run, form.column_choices())
        except ValidationError as error:
            form.add_mapping_errors(error)
        else:
            return redirect("imports:preview", pk=run.pk)
    return render(request, "imports/mapping.html", {"run": run, "form": form})


@login_required
def preview(request, pk):
    run = _run_or_404(request, pk)
    if run.is_active or run.is_done:
        return redirect(run)
    if not run.mapping:
        return redirect("imports:mapping", pk=run.pk)
    if request.method == "POST":
        try:
            run_services.queue_run(request.user, run)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("imports:preview", pk=run.pk)
        return redirect(run)
    result = run_services.preview_run(run)
    return render(request, "imports/preview.html", {"run": run, "preview": result})


@login_required
def run_detail(request, pk):
    run = _run_or_404(request, pk)
    context = {"run": run, "problems": run.problems.all()[:PROBLEMS_SHOWN]}
    if request.htmx:
        return render(request, "imports/run.html#status", context)
    return render(request, "imports/run.html", context)


@login_required
def problems_csv(request, pk):
    run = _run_or_404(request, pk)
    response = HttpResponse(
        run_services.problem_rows_csv(run), content_type="text/csv; charset=utf-8"
    )
    filename = _("import-%(number)s-problem-rows.csv") % {"number": run.pk}
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
