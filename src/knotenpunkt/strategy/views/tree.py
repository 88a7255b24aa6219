"""The strategy tree pages: overview with progress, the forms of its nodes, and an
activity's page where staff link the platform objects that realise it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from knotenpunkt.core.params import bounded_int
from knotenpunkt.core.permissions import require_perm
from knotenpunkt.strategy.forms import (
    ActivityForm,
    FieldOfActionForm,
    GoalForm,
    ResultForm,
    add_service_errors,
)
from knotenpunkt.strategy.models import Activity, ActivityLink, FieldOfAction, Goal, Result
from knotenpunkt.strategy.rules import (
    may_edit_tree,
    may_read_tree,
    strategy_clusters,
    visible_fields_of_action,
)
from knotenpunkt.strategy.services import tree as tree_services
from knotenpunkt.strategy.services.links import FIGURES, available_kinds, figures_of_links

# The scope of the tree shared by all clusters, in place of a cluster's slug.
SHARED = "shared"
# How many objects of each kind the link picker offers (newest first).
PICKER_LIMIT = 200


def scope_of(cluster) -> str:
    return cluster.slug if cluster is not None else SHARED


def tree_url(cluster) -> str:
    return reverse("strategy:tree", args=[scope_of(cluster)])


def resolve_scope(request, scope: str):
    """The cluster of a tree page (None: the shared tree), for a user who may read it;
    another cluster's tree answers 404."""
    if scope == SHARED:
        require_perm(request, "strategy.view_tree", None)
        return None
    cluster = get_object_or_404(strategy_clusters(request.user), slug=scope)
    require_perm(request, "strategy.view_tree", cluster)
    return cluster


def _node(request, model, pk, *, edit=True):
    """A node of a tree the user reads (404 otherwise), with its cluster; 403 unless the
    user may edit that tree."""
    fields = visible_fields_of_action(request.user)
    lookups = {
        FieldOfAction: "pk__in",
        Goal: "field__in",
        Activity: "goal__field__in",
        Result: "activity__goal__field__in",
    }
    node = get_object_or_404(model.objects.filter(**{lookups[model]: fields}), pk=pk)
    cluster = node.cluster
    if edit:
        require_perm(request, "strategy.edit_tree", cluster)
    elif not may_read_tree(request.user, cluster):
        raise Http404
    return node, cluster


@login_required
def index(request):
    """The trees the user reads: the shared one and those of their clusters."""
    require_perm(request, "strategy.view_strategy")
    clusters = list(strategy_clusters(request.user))
    return render(
        request,
        "strategy/index.html",
        {
            "clusters": clusters,
            "shared": may_read_tree(request.user, None),
            "shared_scope": SHARED,
            "year": timezone.localdate().year,
        },
    )


@login_required
def tree(request, scope):
    cluster = resolve_scope(request, scope)
    fields = list(tree_services.tree_nodes(cluster))
    tree_services.annotate_progress(fields, cluster)
    return render(
        request,
        "strategy/tree.html",
        {
            "cluster": cluster,
            "scope": scope,
            "fields": fields,
            "may_edit": may_edit_tree(request.user, cluster),
            "may_swot": cluster is not None
            and request.user.has_perm("strategy.edit_swot", cluster),
            "year": timezone.localdate().year,
        },
    )


def _form_page(request, form, *, title, cluster, back, save):
    """Render or save a node's form; `save(cleaned_data)` calls the service."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(back)
    return render(
        request,
        "strategy/node_form.html",
        {"form": form, "title": title, "cluster": cluster, "back": back},
    )


@login_required
def field_create(request, scope):
    cluster = resolve_scope(request, scope)
    require_perm(request, "strategy.edit_tree", cluster)
    form = FieldOfActionForm(request.POST or None)
    return _form_page(
        request,
        form,
        title=_("New field of action"),
        cluster=cluster,
        back=tree_url(cluster),
        save=lambda data: tree_services.save_field(request.user, cluster, data),
    )


@login_required
def field_edit(request, pk):
    foa, cluster = _node(request, FieldOfAction, pk)
    form = FieldOfActionForm(request.POST or None, instance=foa)
    return _form_page(
        request,
        form,
        title=_("Change field of action"),
        cluster=cluster,
        back=tree_url(cluster),
        save=lambda data: tree_services.save_field(request.user, cluster, data, foa),
    )


@login_required
def goal_create(request, pk):
    foa, cluster = _node(request, FieldOfAction, pk)
    form = GoalForm(request.POST or None)
    return _form_page(
        request,
        form,
        title=_("New goal in “%(field)s”") % {"field": foa.title},
        cluster=cluster,
        back=tree_url(cluster),
        save=lambda data: tree_services.save_goal(
            request.user, foa, data, kpis=data.get("kpis", [])
        ),
    )


@login_required
def goal_edit(request, pk):
    goal, cluster = _node(request, Goal, pk)
    form = GoalForm(request.POST or None, instance=goal, initial={"kpis": goal.kpis.all()})
    return _form_page(
        request,
        form,
        title=_("Change goal"),
        cluster=cluster,
        back=tree_url(cluster),
        save=lambda data: tree_services.save_goal(
            request.user, goal.field, data, goal, kpis=data.get("kpis", [])
        ),
    )


@login_required
def activity_create(request, pk):
    goal, cluster = _node(request, Goal, pk)
    form = ActivityForm(request.POST or None)
    return _form_page(
        request,
        form,
        title=_("New activity for “%(goal)s”") % {"goal": goal.title},
        cluster=cluster,
        back=tree_url(cluster),
        save=lambda data: tree_services.save_activity(request.user, goal, data),
    )


@login_required
def activity_edit(request, pk):
    activity, cluster = _node(request, Activity, pk)
    form = ActivityForm(request.POST or None, instance=activity)
    return _form_page(
        request,
        form,
        title=_("Change activity"),
        cluster=cluster,
        back=reverse("strategy:activity", args=[activity.pk]),
        save=lambda data: tree_services.save_activity(request.user, activity.goal, data, activity),
    )


def _target_years(request, result=None) -> list[int]:
    """The years a result's form offers targets for: the ones it has, else three from
    this year (or from the year asked for)."""
    start = bounded_int(request.GET.get("from"), minimum=1990, maximum=2098)
    if start is None:
        held = sorted(t.year for t in result.targets.all()) if result else []
        start = held[0] if held else timezone.localdate().year
        if held:
            return sorted(set(held) | {held[-1] + 1})
    return [start, start + 1, start + 2]


@login_required
def result_create(request, pk):
    activity, cluster = _node(request, Activity, pk)
    form = ResultForm(request.POST or None, years=_target_years(request))
    return _form_page(
        request,
        form,
        title=_("New output or result of “%(activity)s”") % {"activity": activity.title},
        cluster=cluster,
        back=reverse("strategy:activity", args=[activity.pk]),
        save=lambda data: tree_services.save_result(request.user, activity, data, form.targets()),
    )


@login_required
def result_edit(request, pk):
    result, cluster = _node(request, Result, pk)
    form = ResultForm(request.POST or None, instance=result, years=_target_years(request, result))
    return _form_page(
        request,
        form,
        title=_("Change output or result"),
        cluster=cluster,
        back=reverse("strategy:activity", args=[result.activity_id]),
        save=lambda data: tree_services.save_result(
            request.user, result.activity, data, form.targets(), result
        ),
    )


@login_required
def node_delete(request, kind, pk):
    """Ask, then delete a node with everything below it."""
    model = {"field": FieldOfAction, "goal": Goal, "activity": Activity, "result": Result}.get(kind)
    if model is None:
        raise Http404
    node, cluster = _node(request, model, pk)
    back = (
        reverse("strategy:activity", args=[node.activity_id])
        if isinstance(node, Result)
        else tree_url(cluster)
    )
    if request.method == "POST":
        tree_services.delete_node(request.user, node)
        messages.success(request, _("“%(title)s” is deleted.") % {"title": node.title})
        return redirect(back)
    return render(
        request,
        "strategy/node_delete.html",
        {"node": node, "cluster": cluster, "back": back},
    )


@login_required
def activity(request, pk):
    """An activity with its linked objects, counted progress and results; staff link
    further objects of their cluster here."""
    activity, cluster = _node(request, Activity, pk, edit=False)
    links = list(activity.links.select_related("content_type"))
    tree_services.resolve_targets(links)
    fields = list(tree_services.tree_nodes(cluster).filter(goals__activities=activity))
    tree_services.annotate_progress(fields, cluster)
    annotated = next(
        a for f in fields for g in f.goals.all() for a in g.activities.all() if a.pk == activity.pk
    )
    may_edit = may_edit_tree(request.user, cluster)
    pickers = []
    if may_edit:
        linked = {(link.content_type_id, link.object_id) for link in links}
        for kind in available_kinds():
            type_id = ContentType.objects.get_for_model(kind.model).pk
            candidates = [
                obj
                for obj in kind.candidates(request.user, cluster)[:PICKER_LIMIT]
                if (type_id, obj.pk) not in linked
            ]
            pickers.append((kind, candidates))
    totals = figures_of_links(links).get(activity.pk, {})
    return render(
        request,
        "strategy/activity.html",
        {
            "activity": annotated,
            "cluster": cluster,
            "links": links,
            "figures": [(FIGURES[k], n) for k, n in totals.items()],
            "pickers": pickers,
            "may_edit": may_edit,
            "back": tree_url(cluster),
        },
    )


@login_required
@require_POST
def link(request, pk):
    activity, _cluster = _node(request, Activity, pk)
    kind = request.POST.get("kind", "")
    object_id = bounded_int(request.POST.get("object"), minimum=1)
    if object_id is None:
        messages.error(request, _("Please pick an object to link."))
    else:
        try:
            tree_services.link_object(request.user, activity, kind, object_id)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Linked."))
    return redirect("strategy:activity", pk=activity.pk)


@login_required
@require_POST
def unlink(request, pk):
    link = get_object_or_404(
        ActivityLink.objects.filter(
            activity__goal__field__in=visible_fields_of_action(request.user)
        ),
        pk=pk,
    )
    require_perm(request, "strategy.edit_tree", link.activity.cluster)
    activity_pk = link.activity_id
    tree_services.unlink(request.user, link)
    messages.success(request, _("The link is removed."))
    return redirect("strategy:activity", pk=activity_pk)
