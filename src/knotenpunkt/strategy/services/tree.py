"""Changing a strategy tree (fields of action, goals, activities, outputs and results, the
links of activities) and reading it with its progress.

Every change is validated against the model's rules (a title once per parent, years in
order) and written to the audit log.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import changes_between, log_action, snapshot
from knotenpunkt.directory.models import Cluster
from knotenpunkt.kpis.services.values import value_of
from knotenpunkt.strategy.models import (
    Activity,
    ActivityLink,
    FieldOfAction,
    Goal,
    Result,
    ResultTarget,
)
from knotenpunkt.strategy.services.links import FIGURES, KINDS, figures_of_links, kind_of_model

FIELD_FIELDS = ["title", "description", "order"]
GOAL_FIELDS = ["title", "description", "priority", "start_year", "end_year", "order"]
ACTIVITY_FIELDS = ["title", "description", "status", "responsible", "order"]
RESULT_FIELDS = ["kind", "title", "unit", "status", "kpi", "counted", "order"]
AUDITED = {
    FieldOfAction: ("strategy.field", FIELD_FIELDS),
    Goal: ("strategy.goal", [*GOAL_FIELDS, "kpis"]),
    Activity: ("strategy.activity", ACTIVITY_FIELDS),
    Result: ("strategy.result", RESULT_FIELDS),
}


def _save(actor, instance, data: dict, fields: list[str], *, kpis=None, cluster_id=None):
    """Set `data` on `instance`, validate it as a whole, save it and log the change."""
    code, audited = AUDITED[type(instance)]
    creating = instance.pk is None
    # From the database: a form may have set the new values on the instance already.
    before = {} if creating else snapshot(type(instance).objects.get(pk=instance.pk), audited)
    for name in fields:
        if name in data:
            setattr(instance, name, data[name])
    instance.full_clean()
    instance.save()
    if kpis is not None:
        instance.kpis.set(kpis)
    after = snapshot(instance, audited)
    changes = changes_between(before, after)
    if creating or changes:
        log_action(
            actor,
            f"{code}.{'created' if creating else 'changed'}",
            instance,
            cluster=cluster_id,
            changes=changes,
        )
    return instance


def _cluster_id(node) -> int | None:
    cluster = node.cluster
    return cluster.pk if cluster is not None else None


@transaction.atomic
def save_field(actor, cluster: Cluster | None, data: dict, field_of_action=None):
    """Create a field of action of `cluster` (None: the shared tree) or change one."""
    instance = field_of_action or FieldOfAction(cluster=cluster)
    return _save(actor, instance, data, FIELD_FIELDS, cluster_id=cluster.pk if cluster else None)


@transaction.atomic
def save_goal(actor, field_of_action: FieldOfAction, data: dict, goal=None, kpis=None):
    instance = goal or Goal(field=field_of_action)
    return _save(
        actor, instance, data, GOAL_FIELDS, kpis=kpis, cluster_id=field_of_action.cluster_id
    )


@transaction.atomic
def save_activity(actor, goal: Goal, data: dict, activity=None):
    instance = activity or Activity(goal=goal)
    return _save(actor, instance, data, ACTIVITY_FIELDS, cluster_id=goal.field.cluster_id)


@transaction.atomic
def save_result(actor, activity: Activity, data: dict, targets: dict[int, Decimal], result=None):
    """Create or change an output or result; `targets` ({year: target}) replace its
    targets."""
    if data.get("counted") and data["counted"] not in FIGURES:
        raise ValidationError({"counted": _("Unknown figure.")})
    instance = _save(
        actor,
        result or Result(activity=activity),
        data,
        RESULT_FIELDS,
        cluster_id=activity.goal.field.cluster_id,
    )
    before = {t.year: t.target for t in instance.targets.all()}
    if before != targets:
        instance.targets.all().delete()
        for year, target in sorted(targets.items()):
            row = ResultTarget(result=instance, year=year, target=target)
            row.full_clean(exclude=["result"])
            row.save()
        log_action(
            actor,
            "strategy.result.targets_set",
            instance,
            targets={str(y): str(t) for y, t in sorted(targets.items())},
        )
    return instance


@transaction.atomic
def delete_node(actor, node) -> None:
    """Delete a field of action, goal, activity or result with everything below it."""
    code, _fields = AUDITED[type(node)]
    log_action(actor, f"{code}.deleted", node, cluster=_cluster_id(node), title=node.title)
    node.delete()


@transaction.atomic
def link_object(actor, activity: Activity, kind_key: str, object_id: int) -> ActivityLink:
    """Link a platform object to an activity; only objects the actor may pick for the
    activity's cluster (see services.links)."""
    kind = KINDS.get(kind_key)
    if kind is None:
        raise ValidationError(_("Unknown kind of object."))
    target = kind.candidates(actor, activity.goal.field.cluster).filter(pk=object_id).first()
    if target is None:
        raise PermissionDenied
    content_type = ContentType.objects.get_for_model(kind.model)
    link, created = ActivityLink.objects.get_or_create(
        activity=activity, content_type=content_type, object_id=target.pk
    )
    if created:
        log_action(actor, "strategy.activity.linked", activity, kind=kind.key, object=str(target))
    return link


@transaction.atomic
def unlink(actor, link: ActivityLink) -> None:
    target = link.target
    log_action(
        actor,
        "strategy.activity.unlinked",
        link.activity,
        kind=link.content_type.model,
        object=str(target) if target is not None else str(link.object_id),
    )
    link.delete()


# --- reading the tree with its progress -------------------------------------------------


def tree_nodes(cluster: Cluster | None):
    """The fields of action of `cluster`'s tree (None: shared) with everything below."""
    results = Result.objects.select_related("kpi").prefetch_related("targets")
    links = ActivityLink.objects.select_related("content_type")
    activities = Activity.objects.prefetch_related(
        Prefetch("links", queryset=links), Prefetch("results", queryset=results)
    )
    goals = Goal.objects.prefetch_related("kpis", Prefetch("activities", queryset=activities))
    return FieldOfAction.objects.filter(cluster=cluster).prefetch_related(
        Prefetch("goals", queryset=goals)
    )


@dataclass
class YearFigure:
    year: int
    target: Decimal | None
    value: object = None
    display: str = ""

    @property
    def reached(self) -> bool | None:
        if self.target is None or self.value is None or isinstance(self.value, dict):
            return None
        return Decimal(self.value) >= self.target


def _clusters_of(cluster: Cluster | None) -> list[Cluster]:
    return [cluster] if cluster is not None else list(Cluster.objects.all())


def _kpi_value(kpi, clusters, year, memo):
    key = (kpi.pk, year)
    if key not in memo:
        try:
            memo[key] = value_of(kpi, clusters, year)
        except LookupError:  # the KPI's measure is not registered (app switched off)
            memo[key] = None
    return memo[key]


def resolve_targets(links) -> None:
    """Set `link.object` (None if it was deleted) and `link.kind` on each link, with one
    query per kind."""
    by_type = defaultdict(list)
    for link in links:
        by_type[link.content_type_id].append(link)
    for rows in by_type.values():
        model = rows[0].content_type.model_class()
        kind = kind_of_model(model) if model is not None else None
        objects = (
            model._default_manager.select_related(*kind.select).in_bulk([r.object_id for r in rows])
            if kind
            else {}
        )
        for link in rows:
            link.kind = kind
            link.object = objects.get(link.object_id)


def annotate_progress(fields, cluster: Cluster | None) -> None:
    """Attach the counted progress to every activity (`activity.figures`) and the yearly
    values to every result (`result.years`)."""
    activities = [a for f in fields for g in f.goals.all() for a in g.activities.all()]
    links = [link for a in activities for link in a.links.all()]
    resolve_targets(links)
    totals = figures_of_links(links)
    years = sorted({t.year for a in activities for r in a.results.all() for t in r.targets.all()})
    counted_years = {}
    if any(r.counted for a in activities for r in a.results.all()):
        counted_years = {year: figures_of_links(links, year) for year in years}
    clusters = _clusters_of(cluster)
    memo: dict = {}
    for activity in activities:
        activity.figures = [
            (FIGURES[key], number) for key, number in totals.get(activity.pk, {}).items()
        ]
        for result in activity.results.all():
            targets = {t.year: t.target for t in result.targets.all()}
            result.years = []
            for year in sorted(targets):
                row = YearFigure(year, targets[year])
                if result.kpi_id:
                    figure = _kpi_value(result.kpi, clusters, year, memo)
                    if figure is not None:
                        row.value, row.display = figure.value, figure.display
                elif result.counted:
                    row.value = counted_years[year].get(activity.pk, {}).get(result.counted, 0)
                    row.display = str(row.value)
                result.years.append(row)
