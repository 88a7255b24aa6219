from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from knotenpunkt.core.audit import log_action
from knotenpunkt.core.params import bounded_int
from knotenpunkt.core.permissions import require_perm
from knotenpunkt.core.registry import measure
from knotenpunkt.directory.rules import clusters_looked_after
from knotenpunkt.kpis.forms import KpiForm, TargetForm
from knotenpunkt.kpis.models import Kpi, KpiTarget
from knotenpunkt.kpis.services import dashboard as dashboards
from knotenpunkt.kpis.services import exports
from knotenpunkt.kpis.services.targets import set_target
from knotenpunkt.kpis.services.values import value_of
from knotenpunkt.kpis.tasks import refresh_kept_figures


def _year(request) -> int:
    today = timezone.localdate().year
    return bounded_int(request.GET.get("year"), today, minimum=1990, maximum=today + 10)


def _view(request):
    """The clusters in view (one chosen, or all the user looks after) and the chosen one."""
    require_perm(request, "kpis.view_dashboard")
    looked_after = list(clusters_looked_after(request.user).order_by("name"))
    slug = request.GET.get("cluster")
    if not slug:
        return looked_after, looked_after, None
    selected = next((c for c in looked_after if c.slug == slug), None)
    if selected is None:
        raise Http404
    require_perm(request, "kpis.view_cluster_figures", selected)
    return looked_after, [selected], selected


def _query(selected, year) -> str:
    params = {"year": year}
    if selected:
        params["cluster"] = selected.slug
    return urlencode(params)


@login_required
def dashboard(request):
    looked_after, clusters, selected = _view(request)
    year = _year(request)
    board = dashboards.build(clusters, year, trend=False)
    return render(
        request,
        "kpis/dashboard.html",
        {
            "board": board,
            "looked_after": looked_after,
            "selected": selected,
            "year": year,
            "year_choices": range(timezone.localdate().year + 1, board.years[0] - 1, -1),
            "query": _query(selected, year),
            "may_set_installation_targets": request.user.has_perm("kpis.set_target", None),
        },
    )


@login_required
def trend(request):
    """The body's figures over up to ten years with their charts: loaded by the dashboard
    when the reader scrolls to it (HTMX), or as a page of its own without JavaScript."""
    _looked_after, clusters, selected = _view(request)
    year = _year(request)
    board = dashboards.build(clusters, year)
    template = "kpis/_trend.html" if request.htmx else "kpis/trend.html"
    return render(
        request,
        template,
        {
            "board": board,
            "year": year,
            "query": _query(selected, year),
            "back": f"{reverse('kpis:dashboard')}?{_query(selected, year)}",
        },
    )


@login_required
@require_http_methods(["POST"])
def recompute(request):
    """Recompute the kept figures of closed years of the clusters in view (a correction
    that sent no signal shows at once instead of the next night)."""
    _looked_after, clusters, selected = _view(request)
    cluster_ids = [cluster.pk for cluster in clusters]
    transaction.on_commit(lambda: refresh_kept_figures.enqueue(cluster_ids))
    messages.success(
        request,
        _(
            "The figures of past years are being recomputed. If they have not changed yet, "
            "reload the page in a minute."
        ),
    )
    return redirect(f"{reverse('kpis:dashboard')}?{_query(selected, _year(request))}")


@login_required
def drill_down(request, key, year):
    looked_after, clusters, selected = _view(request)
    kpi = get_object_or_404(Kpi, key=key)
    column = request.GET.get("column")
    if column:
        clusters = [c for c in clusters if c.slug == column]
        if not clusters:
            raise Http404
    found = measure(kpi.measure)
    rows = found.rows(clusters, year) if found.rows else []
    return render(
        request,
        "kpis/drill_down.html",
        {
            "kpi": kpi,
            "year": year,
            "clusters": clusters,
            "figure": value_of(kpi, clusters, year),
            "rows": rows,
            "back": f"{reverse('kpis:dashboard')}?{_query(selected, year)}",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def target_edit(request, key, year):
    require_perm(request, "kpis.view_dashboard")
    kpi = get_object_or_404(Kpi, key=key)
    slug = request.GET.get("cluster") or request.POST.get("cluster") or ""
    cluster = get_object_or_404(clusters_looked_after(request.user), slug=slug) if slug else None
    require_perm(request, "kpis.set_target", cluster)
    if not 1990 <= year <= 2100:
        raise Http404
    current = KpiTarget.objects.filter(kpi=kpi, cluster=cluster, year=year).first()
    form = TargetForm(
        request.POST or None,
        initial={
            "target": current.target if current else None,
            "note": current.note if current else "",
        },
    )
    back = f"{reverse('kpis:dashboard')}?{_query(cluster, year)}"
    if request.method == "POST" and form.is_valid():
        try:
            set_target(
                request.user,
                kpi,
                cluster,
                year,
                form.cleaned_data["target"],
                form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The target has been saved."))
            return redirect(back)
    return render(
        request,
        "kpis/target_form.html",
        {
            "kpi": kpi,
            "cluster": cluster,
            "year": year,
            "form": form,
            "figure": value_of(
                kpi, [cluster] if cluster else clusters_looked_after(request.user), year
            ),
            "back": back,
        },
    )


@login_required
def definitions(request):
    require_perm(request, "kpis.view_dashboard")
    return render(
        request,
        "kpis/definitions.html",
        {"kpis": Kpi.objects.all(), "may_change": request.user.has_perm("kpis.edit_definitions")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def kpi_edit(request, key):
    require_perm(request, "kpis.edit_definitions")
    kpi = get_object_or_404(Kpi, key=key)
    form = KpiForm(request.POST or None, instance=kpi)
    if request.method == "POST" and form.is_valid():
        form.save()
        log_action(request.user, "kpis.kpi.changed", kpi, fields=sorted(form.changed_data))
        messages.success(request, _("The KPI has been saved."))
        return redirect("kpis:definitions")
    return render(request, "kpis/kpi_form.html", {"kpi": kpi, "form": form})


@login_required
def report(request, fmt):
    _looked_after, clusters, selected = _view(request)
    year = _year(request)
    board = dashboards.build(clusters, year, charts=fmt == "pdf")
    name = exports.file_name(board, fmt)
    if fmt == "xlsx":
        content, content_type = exports.report_xlsx(board), exports.XLSX
    else:
        content, content_type = exports.report_pdf(board), "application/pdf"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
