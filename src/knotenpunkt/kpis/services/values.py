"""KPI values: the apps' measures computed for a body of clusters, with the body's
targets and traffic lights.

A *body* is one cluster, or several clusters taken as one (an organisation in two of
them counts once, an event they co-host once). Its target is the cluster's own; a body
of every cluster of the installation has the installation's target (a target without a
cluster); any other body of several clusters has none.
"""

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.utils.formats import number_format

from knotenpunkt.directory.models import Cluster, Organisation
from knotenpunkt.kpis.models import Kpi, KpiTarget
from knotenpunkt.kpis.services.stored_figures import measure_values

GREEN, AMBER, RED = "green", "amber", "red"


def light(kpi: Kpi, value, target) -> str | None:
    """Green when the target is reached, amber when the value is within the KPI's amber
    band, red otherwise; None without a target or for a mix."""
    if target is None or not kpi.has_target or value is None:
        return None
    value, target = Decimal(value), Decimal(target)
    band = Decimal(kpi.amber_percent) / 100
    if kpi.higher_is_better:
        if value >= target:
            return GREEN
        return AMBER if value >= target * band else RED
    if value <= target:
        return GREEN
    return AMBER if value <= target * (2 - band) else RED


def display(kpi: Kpi, value) -> str:
    """The value as the dashboard prints it, in the active language's number format."""
    if value is None:
        return "–"
    if kpi.unit == Kpi.Unit.MIX:
        labels = dict(Organisation.ActorType.choices)
        return "; ".join(f"{labels.get(k, k)}: {number_format(v, 1)} %" for k, v in value.items())
    if kpi.unit == Kpi.Unit.EUR:
        return f"{number_format(value, 2, force_grouping=True)} €"
    if kpi.unit == Kpi.Unit.PERCENT:
        return f"{number_format(value, 1)} %"
    return number_format(value, 0, force_grouping=True)


@dataclass(frozen=True)
class KpiFigure:
    """One KPI's value for a body and year, with the body's target and its light."""

    kpi: Kpi
    year: int
    value: Any
    target: Decimal | None = None

    # Cached: a dashboard asks each of its few hundred figures several times.
    @cached_property
    def light(self) -> str | None:
        return light(self.kpi, self.value, self.target)

    @cached_property
    def display(self) -> str:
        return display(self.kpi, self.value)

    @property
    def parts(self) -> list[str]:
        """A mix as one line per share (the dashboard lists them), else the value."""
        if self.kpi.unit == Kpi.Unit.MIX and isinstance(self.value, dict):
            return display(self.kpi, self.value).split("; ")
        return [self.display]

    @property
    def target_display(self) -> str:
        return display(self.kpi, self.target) if self.target is not None else ""


def is_whole_installation(clusters) -> bool:
    return {c.pk for c in clusters} == set(Cluster.objects.values_list("pk", flat=True))


def compute(kpis, clusters, years, memo: dict | None = None, *, fresh: bool = False) -> dict:
    """{cluster id or None (the body): {kpi key: {year: value}}} for the clusters; closed
    years from the kept figures (stored_figures), unless `fresh`."""
    clusters = tuple(clusters)
    values = measure_values(
        {kpi.measure for kpi in kpis},
        clusters,
        tuple(sorted(set(years))),
        memo if memo is not None else {},
        fresh=fresh,
    )
    result: dict = {pk: {} for pk in [*(c.pk for c in clusters), None]}
    for kpi in kpis:
        for pk in result:
            result[pk][kpi.key] = values[kpi.measure].get(pk, {})
    return result


def targets(kpis, cluster: Cluster | None, years) -> dict[tuple[str, int], Decimal]:
    """{(kpi key, year): target} of one cluster, or of the installation (None)."""
    rows = KpiTarget.objects.filter(kpi__in=kpis, year__in=years, cluster=cluster)
    return {(t.kpi.key, t.year): t.target for t in rows.select_related("kpi")}


def body_targets(
    kpis, clusters, years, whole: bool | None = None
) -> dict[tuple[str, int], Decimal]:
    """The targets that apply to the body of `clusters` (see the module); `whole` says
    whether they are every cluster of the installation, if the caller knows."""
    if len(clusters) == 1:
        return targets(kpis, clusters[0], years)
    if whole if whole is not None else is_whole_installation(clusters):
        return targets(kpis, None, years)
    return {}


def figures_for_body(kpis, clusters, years) -> dict[str, dict[int, KpiFigure]]:
    """{kpi key: {year: KpiFigure}} of the body of `clusters`."""
    kpis = list(kpis)
    values = compute(kpis, clusters, years)[None]
    goals = body_targets(kpis, list(clusters), years)
    return {
        kpi.key: {
            year: KpiFigure(kpi, year, values[kpi.key].get(year), goals.get((kpi.key, year)))
            for year in years
        }
        for kpi in kpis
    }


def value_of(kpi: Kpi, clusters, year: int) -> KpiFigure:
    """One KPI for one year of the body of `clusters` (e.g. for a SWOT item or a label
    indicator linked to the KPI)."""
    return figures_for_body([kpi], list(clusters), [year])[kpi.key][year]
