"""The measures table as a file: export (CSV, XLSX) and import (upload, preview with
every problem named by row and column, then all of it or nothing)."""

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from knotenpunkt.imports.reading import Table, check_upload, read_table
from knotenpunkt.participation.services import measures_transfer as transfer
from knotenpunkt.participation.views.measures import (
    measures_phase,
    moderated_measures_phase,
    page_context,
    table_url,
)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PREVIEW_MAX_AGE = 3600


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("CSV or Excel workbook (.xlsx) in the format of the export."),
    )


@require_GET
def export(request, phase_id, file_format):
    phase = measures_phase(request, phase_id)
    if file_format == "xlsx":
        response = HttpResponse(transfer.export_xlsx(phase.process), content_type=XLSX_TYPE)
    elif file_format == "csv":
        response = HttpResponse(
            transfer.export_csv(phase.process), content_type="text/csv; charset=utf-8"
        )
    else:
        raise Http404
    stamp = timezone.localdate().isoformat()
    name = f"massnahmen-{phase.process.slug}-{stamp}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _salt(request, phase) -> str:
    return f"participation.measures.import:{phase.pk}:{request.user.pk}"


@require_http_methods(["GET", "POST"])
def import_measures(request, phase_id):
    """Upload a file and see what it would change (or every problem with it); a second
    step imports exactly the checked table, all of it or nothing."""
    phase = moderated_measures_phase(request, phase_id)
    context = page_context(request, phase, back=table_url(phase))
    if request.method == "POST" and "table" in request.POST:
        try:
            data = signing.loads(
                request.POST["table"], salt=_salt(request, phase), max_age=PREVIEW_MAX_AGE
            )
        except signing.BadSignature:
            messages.error(request, _("The preview has expired; please upload the file again."))
            return redirect("participation:measures_import", phase_id=phase.pk)
        table_data = Table(
            headers=list(data["headers"]), rows=[(n, list(c)) for n, c in data["rows"]]
        )
        plan = transfer.check_table(table_data)
        try:
            summary = transfer.apply_plan(request.user, phase.process, plan)
        except ValidationError as error:
            context.update(
                form=ImportForm(),
                plan=plan,
                extra_errors=[] if plan.problems else error.messages,
                problem_count=len(plan.problems) or len(error.messages),
                columns=transfer.COLUMNS,
            )
            return render(request, "participation/measures/import.html", context, status=400)
        messages.success(
            request,
            _("Imported: %(created)s added, %(changed)s changed.")
            % {"created": summary.created, "changed": summary.changed},
        )
        return redirect(table_url(phase))

    form = ImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            uploaded = read_table(upload, check_upload(upload))
        except ValidationError as error:
            form.add_error("file", error)
        else:
            plan = transfer.check_table(uploaded)
            context["plan"] = plan
            if plan.is_valid:
                context["table"] = signing.dumps(
                    {"headers": uploaded.headers, "rows": uploaded.rows},
                    salt=_salt(request, phase),
                    compress=True,
                )
            else:
                context["problem_count"] = len(plan.problems)
                status = 400
    if form.errors:
        status = 400
    context["form"] = form
    context["columns"] = transfer.COLUMNS
    return render(request, "participation/measures/import.html", context, status=status)
