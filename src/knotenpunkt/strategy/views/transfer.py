"""Export of a strategy tree (CSV, XLSX) and its import: upload, preview with every
problem named by row and column, then apply."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from knotenpunkt.core.permissions import require_perm
from knotenpunkt.imports.reading import check_upload, read_table
from knotenpunkt.strategy.forms import ImportForm
from knotenpunkt.strategy.services import transfer
from knotenpunkt.strategy.views.tree import resolve_scope, scope_of, tree_url

# A preview can be applied for this long (seconds).
PREVIEW_MAX_AGE = 3600
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filename(cluster, suffix: str) -> str:
    stamp = timezone.localdate().isoformat()
    return f"strategie-{scope_of(cluster)}-{stamp}.{suffix}"


@login_required
def export(request, scope, file_format):
    cluster = resolve_scope(request, scope)
    if file_format == "xlsx":
        response = HttpResponse(transfer.export_xlsx(cluster), content_type=XLSX_TYPE)
    else:
        response = HttpResponse(
            transfer.export_csv(cluster), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{_filename(cluster, file_format)}"'
    return response


def _salt(request, cluster) -> str:
    return f"strategy.import:{scope_of(cluster)}:{request.user.pk}"


@login_required
def import_tree(request, scope):
    """Upload a file and see what it would change (or what is wrong with it); a second
    step applies exactly the checked table."""
    cluster = resolve_scope(request, scope)
    require_perm(request, "strategy.edit_tree", cluster)
    context = {"cluster": cluster, "scope": scope, "back": tree_url(cluster)}
    if request.method == "POST" and "table" in request.POST:
        try:
            data = signing.loads(
                request.POST["table"], salt=_salt(request, cluster), max_age=PREVIEW_MAX_AGE
            )
        except signing.BadSignature:
            messages.error(request, _("The preview has expired; please upload the file again."))
            return redirect("strategy:import", scope=scope)
        plan = transfer.check_table(transfer.table_from_data(data))
        try:
            summary = transfer.apply_plan(request.user, cluster, plan)
        except ValidationError:
            # The tree changed since the preview in a way that makes the file clash.
            context.update(form=ImportForm(), plan=plan)
            return render(request, "strategy/import.html", context)
        messages.success(
            request,
            _("Imported: %(created)s added, %(changed)s changed.")
            % {"created": summary.created, "changed": summary.changed},
        )
        return redirect(tree_url(cluster))

    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            file_format = check_upload(upload)
            table = read_table(upload, file_format)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            plan = transfer.check_table(table)
            context["plan"] = plan
            if plan.is_valid:
                context["summary"] = transfer.apply_plan(request.user, cluster, plan, dry_run=True)
                context["table"] = signing.dumps(
                    transfer.table_data(table), salt=_salt(request, cluster), compress=True
                )
    context["form"] = form
    return render(request, "strategy/import.html", context)
