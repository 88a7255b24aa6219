import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from knotenpunkt.kpis.models import Kpi
from knotenpunkt.strategy.models import Activity, FieldOfAction, Goal, Result, ResultTarget


def make_kpi(key="events_held", name="Veranstaltungen"):
    return Kpi.objects.create(
        key=key,
        measure=key,
        name_de=name,
        name_en=name,
        definition_de="…",
        definition_en="…",
        unit=Kpi.Unit.COUNT,
    )


def build_tree(cluster, *, prefix=""):
    """Two fields of action; the first with two goals, activities and results with targets."""
    kpi = Kpi.objects.filter(key="events_held").first() or make_kpi()
    digital = FieldOfAction.objects.create(
        cluster=cluster,
        title=f"{prefix}Digitale Transformation des Mittelstands",
        description="KMU auf dem Weg in die Cloud begleiten.\nMit Praxisbeispielen.",
        order=0,
    )
    FieldOfAction.objects.create(cluster=cluster, title=f"{prefix}Fachkräfte und Bildung", order=1)
    goal = Goal.objects.create(
        field=digital,
        title="KI im Mittelstand verankern",
        description="=Formel? Nein, Text; – mit Gedankenstrich",
        priority=Goal.Priority.HIGH,
        start_year=2025,
        end_year=2027,
        order=0,
    )
    goal.kpis.add(kpi)
    Goal.objects.create(
        field=digital, title="Cloud-Souveränität", priority=Goal.Priority.ZERO, order=1
    )
    activity = Activity.objects.create(
        goal=goal,
        title="KI-Sprechstunden",
        status=Activity.Status.RUNNING,
        responsible="Clustermanagement",
        order=0,
    )
    Activity.objects.create(goal=goal, title="KI-Lotsen ausbilden", order=1)
    result = Result.objects.create(
        activity=activity,
        kind=Result.Kind.OUTPUT,
        title="Sprechstunden durchgeführt",
        unit="Termine",
        status=Result.Status.ON_TRACK,
        counted="events_held",
        order=0,
    )
    for year, target in [(2025, "4"), (2026, "6.5"), (2027, "8")]:
        ResultTarget.objects.create(result=result, year=year, target=Decimal(target))
    Result.objects.create(
        activity=activity,
        kind=Result.Kind.RESULT,
        title="Unternehmen setzen KI ein",
        status=Result.Status.OPEN,
        kpi=kpi,
        order=1,
    )
    return digital


def past(days=30):
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def tree(cluster):
    return build_tree(cluster)
