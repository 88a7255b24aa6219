"""The yearly SWOT (four quadrants, compared with the year before) and the board members
who write it with the staff."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from knotenpunkt.core.permissions import require_perm
from knotenpunkt.directory.rules import clusters_looked_after
from knotenpunkt.strategy.forms import ContributorForm, SwotItemForm, add_service_errors
from knotenpunkt.strategy.models import SwotItem
from knotenpunkt.strategy.rules import strategy_clusters, visible_contributors, visible_swot_items
from knotenpunkt.strategy.services import swot as swot_services

MIN_YEAR, MAX_YEAR = 1990, 2100


def _cluster(request, slug):
    cluster = get_object_or_404(strategy_clusters(request.user), slug=slug)
    require_perm(request, "strategy.edit_swot", cluster)
    return cluster


def _year(year: int) -> int:
    if not MIN_YEAR < year <= MAX_YEAR:
        raise Http404
    return year


@login_required
def swot_now(request, slug):
    cluster = _cluster(request, slug)
    return redirect("strategy:swot", slug=cluster.slug, year=timezone.localdate().year)


@login_required
def swot(request, slug, year):
    """The SWOT of a year in four quadrants, with what changed since the year before."""
    cluster = _cluster(request, slug)
    year = _year(year)
    comparison = swot_services.compare_with_previous_year(cluster, year)
    items = list(swot_services.items_of(cluster, year))
    quadrants = [
        (value, label, [i for i in items if i.quadrant == value])
        for value, label in SwotItem.Quadrant.choices
    ]
    previous_count = SwotItem.objects.filter(cluster=cluster, year=year - 1).count()
    return render(
        request,
        "strategy/swot.html",
        {
            "cluster": cluster,
            "year": year,
            "quadrants": quadrants,
            "comparison": comparison,
            "previous_count": previous_count,
            "has_items": bool(items),
        },
    )


@login_required
@require_POST
def swot_copy(request, slug, year):
    cluster = _cluster(request, slug)
    year = _year(year)
    copied = swot_services.copy_from_previous_year(request.user, cluster, year)
    if copied:
        messages.success(
            request,
            _("%(count)s items of %(previous)s taken over; change or delete what no longer holds.")
            % {"count": copied, "previous": year - 1},
        )
    else:
        messages.info(
            request,
            _("There is nothing more to take over from %(previous)s.") % {"previous": year - 1},
        )
    return redirect("strategy:swot", slug=cluster.slug, year=year)


def _item_form_page(request, cluster, year, item=None):
    goals = swot_services.goals_for_swot(cluster)
    initial = {"quadrant": request.GET.get("quadrant")} if item is None else None
    form = SwotItemForm(request.POST or None, instance=item, goals=goals, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            swot_services.save_item(
                request.user, cluster, year, data, item, goals=data["goals"], kpis=data["kpis"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("strategy:swot", slug=cluster.slug, year=year)
    return render(
        request,
        "strategy/swot_item_form.html",
        {"form": form, "cluster": cluster, "year": year, "item": item},
    )


@login_required
def swot_item_create(request, slug, year):
    cluster = _cluster(request, slug)
    return _item_form_page(request, cluster, _year(year))


def _item(request, pk):
    item = get_object_or_404(visible_swot_items(request.user), pk=pk)
    require_perm(request, "strategy.edit_swot", item.cluster)
    return item


@login_required
def swot_item_edit(request, pk):
    item = _item(request, pk)
    return _item_form_page(request, item.cluster, item.year, item)


@login_required
@require_POST
def swot_item_delete(request, pk):
    item = _item(request, pk)
    swot_services.delete_item(request.user, item)
    messages.success(request, _("The item is deleted."))
    return redirect("strategy:swot", slug=item.cluster.slug, year=item.year)


@login_required
def contributors(request, slug):
    """Staff invite board members (existing logins) to write the SWOT with them."""
    cluster = get_object_or_404(clusters_looked_after(request.user), slug=slug)
    require_perm(request, "strategy.manage_contributors", cluster)
    form = ContributorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            swot_services.add_contributor(
                request.user, cluster, form.cleaned_data["email"], form.cleaned_data["role"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The board member may now write the SWOT."))
            return redirect("strategy:contributors", slug=cluster.slug)
    rows = visible_contributors(request.user).filter(cluster=cluster).select_related("user")
    return render(
        request,
        "strategy/contributors.html",
        {"cluster": cluster, "form": form, "contributors": rows},
    )


@login_required
@require_POST
def contributor_remove(request, pk):
    contributor = get_object_or_404(visible_contributors(request.user), pk=pk)
    require_perm(request, "strategy.manage_contributors", contributor.cluster)
    swot_services.remove_contributor(request.user, contributor)
    messages.success(request, _("Removed."))
    return redirect("strategy:contributors", slug=contributor.cluster.slug)
