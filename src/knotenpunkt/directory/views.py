from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from knotenpunkt.core.audit import entries_for
from knotenpunkt.core.charts import bar_chart, bars_across
from knotenpunkt.core.permissions import is_platform_admin, require_perm
from knotenpunkt.core.registry import dashboard_sections, organisation_sections
from knotenpunkt.core.richtext import render_markdown
from knotenpunkt.directory.forms import (
    AddColleagueForm,
    DirectoryFilterForm,
    OrganisationProfileForm,
    PositionForm,
)
from knotenpunkt.directory.models import Cluster, Organisation, Position
from knotenpunkt.directory.rules import clusters_looked_after, is_staff_for_organisation
from knotenpunkt.directory.services import organisations as organisation_services
from knotenpunkt.directory.services import statistics
from knotenpunkt.directory.services.listing_cache import cached_listing
from knotenpunkt.directory.services.search import (
    DirectoryFilters,
    directory_page,
    listed_organisations,
)
from knotenpunkt.directory.validators import HEX_COLOUR

PAGE_SIZE = 20
FILTER_NAMES = ("cluster", "actor_type", "topic", "region", "size_class")


def organisation_list(request):
    fragments = cached_listing(request.GET, get_language(), lambda: _render_listing(request.GET))
    # Rendered by our own templates (autoescaped there), so safe to insert as they are.
    fragments = {name: mark_safe(html) for name, html in fragments.items()}  # noqa: S308
    if request.htmx:
        # The count travels along for the form's hx-select-oob.
        return HttpResponse(fragments["count"] + fragments["results"])
    return render(request, "directory/organisation_list.html", fragments)


def _render_listing(params) -> dict:
    """The filter form and the results, rendered without the request: they are the same
    for every visitor and are cached (listing_cache)."""
    form = DirectoryFilterForm(params or None)
    filters = DirectoryFilters()
    active_filters = 0
    if form.is_valid():
        data = form.cleaned_data
        # The filters behind the disclosure that are set; the search box stands apart.
        active_filters = sum(1 for name in FILTER_NAMES if data[name])
        filters = DirectoryFilters(
            query=data["q"],
            cluster=data["cluster"],
            actor_type=data["actor_type"],
            topic=data["topic"],
            region=data["region"],
            size_class=data["size_class"],
        )
    page = directory_page(filters, params.get("page"), PAGE_SIZE)
    query_without_page = params.copy()
    query_without_page.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "querystring": query_without_page.urlencode(),
        "active_filters": active_filters,
    }
    template = "directory/organisation_list.html"
    return {
        "count": render_to_string(f"{template}#count", context),
        "filters": render_to_string(f"{template}#filters", context),
        "results": render_to_string(f"{template}#results", context),
    }


def cluster_detail(request, slug):
    """A cluster's public page: who it is, how many members it has, where to read on."""
    cluster = get_object_or_404(Cluster, slug=slug)
    return render(
        request,
        "directory/cluster_detail.html",
        {
            "cluster": cluster,
            "description_html": render_markdown(cluster.description),
            "member_count": listed_organisations(cluster).count(),
        },
    )


def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation.objects.select_related("region"), slug=slug)
    require_perm(request, "directory.view_organisation", organisation)
    return render(
        request,
        "directory/organisation_detail.html",
        {
            "organisation": organisation,
            "description_html": render_markdown(organisation.description),
            "people": organisation_services.public_people(organisation),
            "topics": organisation.topics.all(),
            "memberships": organisation.memberships.active_on(timezone.localdate()).select_related(
                "cluster"
            ),
            "sections": _organisation_sections(request, organisation),
        },
    )


def _organisation_sections(request, organisation) -> list[dict]:
    """The later apps' parts of the page (core.registry.register_organisation_section);
    staff-only ones for the staff who look after the organisation."""
    user, staff = request.user, None
    shown = []
    for section in organisation_sections():
        if section.staff_only:
            if staff is None:
                staff = is_platform_admin(user) or is_staff_for_organisation(user, organisation)
            if not staff:
                continue
        context = section.context(request, organisation)
        if context is not None:
            shown.append({"template": section.template, "context": context})
    return shown


@login_required
def organisation_edit(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    require_perm(request, "directory.edit_organisation", organisation)
    form = OrganisationProfileForm(
        request.POST or None, request.FILES or None, instance=organisation
    )
    if request.method == "POST" and form.is_valid():
        organisation_services.save_organisation_profile(request.user, form)
        messages.success(request, _("The profile has been saved."))
        return redirect(organisation)
    return render(
        request,
        "directory/organisation_edit.html",
        {
            "organisation": organisation,
            "form": form,
            "history": entries_for(organisation)[:10],
        },
    )


@login_required
def organisation_people(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    require_perm(request, "directory.manage_people", organisation)
    form = AddColleagueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = organisation_services.add_colleague(
            request.user, organisation, **form.cleaned_data
        )
        messages.success(request, _("%(name)s has been added.") % {"name": person.full_name})
        return redirect("directory:organisation_people", slug=slug)
    positions = (
        organisation.positions.current()
        .select_related("person")
        .prefetch_related("person__emails")
        .order_by("person__last_name", "person__first_name")
    )
    return render(
        request,
        "directory/organisation_people.html",
        {
            "organisation": organisation,
            "positions": positions,
            "form": form,
        },
    )


@login_required
def position_edit(request, slug, pk):
    position = get_object_or_404(
        Position.objects.select_related("person", "organisation"),
        pk=pk,
        organisation__slug=slug,
    )
    require_perm(request, "directory.manage_people", position.organisation)
    form = PositionForm(request.POST or None, instance=position)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            organisation_services.save_position(request.user, form)
        messages.success(request, _("The function has been saved."))
        return redirect("directory:organisation_people", slug=slug)
    return render(request, "directory/position_edit.html", {"position": position, "form": form})


@login_required
@require_POST
def position_end(request, slug, pk):
    position = get_object_or_404(
        Position.objects.select_related("person", "organisation"),
        pk=pk,
        organisation__slug=slug,
    )
    require_perm(request, "directory.manage_people", position.organisation)
    organisation_services.end_position(request.user, position)
    messages.success(
        request,
        _("%(name)s is no longer listed at %(org)s.")
        % {"name": position.person.full_name, "org": position.organisation.name},
    )
    return redirect("directory:organisation_people", slug=slug)


@login_required
def dashboard(request):
    require_perm(request, "directory.view_dashboard")
    clusters = clusters_looked_after(request.user)
    selected = None
    if slug := request.GET.get("cluster"):
        selected = get_object_or_404(clusters, slug=slug)
        require_perm(request, "directory.view_cluster_figures", selected)
    scope = [selected] if selected else list(clusters)
    by_actor_type = statistics.members_by_actor_type(scope)
    years = statistics.yearly_figures(scope)
    return render(
        request,
        "directory/dashboard.html",
        {
            "clusters": clusters,
            "selected": selected,
            "by_actor_type": by_actor_type,
            "member_total": sum(n for _label, n in by_actor_type),
            "years": years,
            "actor_chart": bars_across([(str(label), [n]) for label, n in by_actor_type]),
            "movement_chart": bar_chart(
                [(str(y.year), [y.entries, y.exits]) for y in years],
                series=(_("Entries"), _("Exits")),
            ),
            # Later apps' parts (fees, applications) through core's registry.
            "sections": [
                (section.template, section.context(scope)) for section in dashboard_sections()
            ],
        },
    )


@require_GET
@cache_control(max_age=300, public=True)
def cluster_accents(request):
    """Each cluster's brand colour as a CSS class, `kp-accent--<slug>`, for cards and pages
    of that cluster. A stylesheet rather than inline styles: the CSP allows no inline
    style. Colours are public branding, so every cluster's is listed."""
    rules = [
        f".kp-accent--{slug} {{ --kp-accent: {colour}; }}"
        for slug, colour in Cluster.objects.order_by("slug").values_list("slug", "brand_colour")
        if HEX_COLOUR.fullmatch(colour)
    ]
    return HttpResponse("\n".join(rules) + "\n", content_type="text/css; charset=utf-8")
