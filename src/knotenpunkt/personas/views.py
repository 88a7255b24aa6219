"""The cluster management's personas page: what was found, the staff's words, recompute.

No view lists the people of a persona; the page shows sizes and what is typical only.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from knotenpunkt.core.permissions import require_perm
from knotenpunkt.directory.models import Topic
from knotenpunkt.directory.rules import clusters_looked_after
from knotenpunkt.personas.forms import PersonaForm
from knotenpunkt.personas.models import Computation, Persona
from knotenpunkt.personas.rules import visible_personas
from knotenpunkt.personas.services import (
    describe_persona,
    request_recomputation,
    typical_formats_display,
)
from knotenpunkt.personas.services.clustering import MIN_SIZE


def _cluster(request, slug):
    require_perm(request, "personas.view_personas")
    cluster = get_object_or_404(clusters_looked_after(request.user), slug=slug)
    require_perm(request, "personas.view_cluster_personas", cluster)
    return cluster


@login_required
def index(request):
    require_perm(request, "personas.view_personas")
    clusters = list(clusters_looked_after(request.user).order_by("name"))
    if len(clusters) == 1:
        return redirect("personas:cluster", clusters[0].slug)
    return render(request, "personas/index.html", {"clusters": clusters})


@login_required
def cluster_personas(request, cluster):
    cluster = _cluster(request, cluster)
    personas = list(Persona.objects.filter(cluster=cluster, is_active=True).order_by("-size", "pk"))
    topic_ids = {t for p in personas for t in p.typical_topic_ids}
    topics = {t.pk: str(t) for t in Topic.objects.filter(pk__in=topic_ids)}
    for persona in personas:
        persona.topic_names = [topics[t] for t in persona.typical_topic_ids if t in topics]
        persona.format_names = typical_formats_display(persona.typical_formats)
    return render(
        request,
        "personas/cluster.html",
        {
            "cluster": cluster,
            "personas": personas,
            "retired": Persona.objects.filter(cluster=cluster, is_active=False).order_by("name"),
            "computation": Computation.objects.filter(cluster=cluster).first(),
            "min_size": MIN_SIZE,
            "may_recompute": request.user.has_perm("personas.recompute", cluster),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def persona_edit(request, cluster, persona):
    cluster = _cluster(request, cluster)
    persona = get_object_or_404(visible_personas(request.user), cluster=cluster, slug=persona)
    require_perm(request, "personas.describe_persona", persona)
    form = PersonaForm(
        request.POST or None,
        initial={"name": persona.name, "description": persona.description, "goals": persona.goals},
    )
    if request.method == "POST" and form.is_valid():
        if describe_persona(request.user, persona, **form.cleaned_data):
            messages.success(request, _("The persona has been saved."))
        return redirect("personas:cluster", cluster.slug)
    context = {"cluster": cluster, "persona": persona, "form": form}
    return render(request, "personas/edit.html", context)


@login_required
@require_POST
def recompute(request, cluster):
    cluster = _cluster(request, cluster)
    require_perm(request, "personas.recompute", cluster)
    request_recomputation(request.user, cluster)
    messages.success(
        request,
        _("The personas are being recomputed. Reload the page in a minute to see the result."),
    )
    return redirect("personas:cluster", cluster.slug)
