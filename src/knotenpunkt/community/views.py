"""The community managers' pages: people and organisations of their clusters, one enriched
profile each, and suggestions of who should meet whom with "introduce" and "dismiss"."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from knotenpunkt.community import services
from knotenpunkt.community.rules import visible_organisations, visible_people
from knotenpunkt.core.params import bounded_int
from knotenpunkt.core.permissions import require_perm
from knotenpunkt.directory.rules import clusters_looked_after

PAGE_SIZE = 50


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(
        bounded_int(request.GET.get("page"), 1, minimum=1)
    )


def _search(request, queryset, *fields):
    query = request.GET.get("q", "").strip()[:100]
    if query:
        condition = Q()
        for name in fields:
            condition |= Q(**{f"{name}__icontains": query})
        queryset = queryset.filter(condition)
    return query, queryset


SLUG = re.compile(r"[-a-zA-Z0-9_]+")


@login_required
def people(request):
    """The people of the clusters the user looks after, to open their enriched profile."""
    require_perm(request, "community.view_community")
    query, listed = _search(
        request, visible_people(request.user), "first_name", "last_name", "emails__address"
    )
    page = _page(request, listed.distinct().order_by("last_name", "first_name", "pk"))
    return render(
        request,
        "community/people.html",
        {
            "page": page,
            "q": query,
            "querystring": f"q={query}" if query else "",
            "clusters": clusters_looked_after(request.user).order_by("name"),
        },
    )


@login_required
def organisations(request):
    """The organisations of the clusters the user looks after."""
    require_perm(request, "community.view_community")
    query, listed = _search(request, visible_organisations(request.user), "name")
    page = _page(request, listed.order_by("name", "pk"))
    return render(
        request,
        "community/organisations.html",
        {
            "page": page,
            "q": query,
            "querystring": f"q={query}" if query else "",
            "clusters": clusters_looked_after(request.user).order_by("name"),
        },
    )


@login_required
def person_profile(request, pk):
    """One person's enriched profile (usage data only with their profiling consent)."""
    require_perm(request, "community.view_community")
    person = get_object_or_404(visible_people(request.user), pk=pk)
    require_perm(request, "community.view_person_profile", person)
    return render(
        request,
        "community/person_profile.html",
        {
            "profile": services.person_profile(request.user, person),
            "suggestions": services.suggestions_for_person(request.user, person),
        },
    )


@login_required
def organisation_profile(request, pk):
    """One organisation's enriched profile."""
    require_perm(request, "community.view_community")
    organisation = get_object_or_404(visible_organisations(request.user), pk=pk)
    require_perm(request, "community.view_organisation_profile", organisation)
    return render(
        request,
        "community/organisation_profile.html",
        {"profile": services.organisation_profile(request.user, organisation)},
    )


def _cluster(request, value):
    clusters = clusters_looked_after(request.user).order_by("name", "pk")
    if value:
        # A posted value is not checked by the NUL middleware (GET only) nor by a form.
        if not SLUG.fullmatch(value):
            raise Http404
        return clusters, get_object_or_404(clusters, slug=value)
    return clusters, clusters.first()


@login_required
def suggestions(request):
    """Pairs of people of one of the user's clusters who should meet, explained."""
    require_perm(request, "community.view_community")
    clusters, cluster = _cluster(request, request.GET.get("cluster"))
    found = services.suggestions_for_cluster(cluster) if cluster else []
    return render(
        request,
        "community/suggestions.html",
        {
            "clusters": clusters,
            "cluster": cluster,
            "suggestions": found,
            "decisions": services.decisions_of(cluster) if cluster else [],
        },
    )


@login_required
@require_POST
def decide(request, decision):
    """Introduce or dismiss a suggested pair, then go back to where the manager was."""
    require_perm(request, "community.view_community")
    _clusters, cluster = _cluster(request, request.POST.get("cluster") or "-")
    require_perm(request, "community.decide_suggestion", cluster)
    scope = visible_people(request.user)
    ids = [bounded_int(request.POST.get(name), minimum=1) for name in ("person_a", "person_b")]
    person_a = get_object_or_404(scope, pk=ids[0])
    person_b = get_object_or_404(scope, pk=ids[1])
    act = services.introduce if decision == "introduce" else services.dismiss
    try:
        made = act(request.user, cluster, person_a, person_b)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if decision == "introduce":
            if made.interaction_id:
                messages.success(
                    request,
                    _("The introduction of %(a)s and %(b)s was recorded as an interaction.")
                    % {"a": person_a.full_name, "b": person_b.full_name},
                )
            else:
                messages.success(
                    request,
                    _("The introduction of %(a)s and %(b)s was noted.")
                    % {"a": person_a.full_name, "b": person_b.full_name},
                )
        else:
            messages.success(request, _("The suggestion was dismissed."))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("community:suggestions") + f"?cluster={cluster.slug}"
    return redirect(back)
