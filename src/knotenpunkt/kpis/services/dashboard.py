"""What the KPI dashboards show: for a year, every KPI of each cluster in view and of
them all as one body, with targets and traffic lights, and the body's trend over the
years. The yearly report (XLSX, PDF) prints the same object."""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from knotenpunkt.core.charts import BarChart, bar_chart
from knotenpunkt.directory.models import Membership
from knotenpunkt.kpis.models import Kpi, KpiTarget
from knotenpunkt.kpis.services.definitions import active_kpis
from knotenpunkt.kpis.services.stored_figures import computed_at, is_closed
from knotenpunkt.kpis.services.values import (
    KpiFigure,
    body_targets,
    compute,
    is_whole_installation,
)

# How many years the trend shows, ending with the selected one.
TREND_YEARS = 10


@dataclass(frozen=True)
class Column:
    """A cluster, or (cluster None) the clusters in view as one body."""

    cluster: object
    label: str

    @property
    def slug(self) -> str:
        return self.cluster.slug if self.cluster else ""


@dataclass
class KpiLine:
    kpi: Kpi
    cells: list[tuple[Column, KpiFigure]]  # one per column, the selected year
    trend: list[KpiFigure]  # the body's years
    chart: BarChart | None = None

    @property
    def body(self) -> KpiFigure:
        return self.cells[-1][1]


@dataclass
class Dashboard:
    year: int
    clusters: list
    columns: list[Column]
    years: list[int]
    lines: list[KpiLine] = field(default_factory=list)
    whole_installation: bool = False
    # When the oldest figure kept for a closed year was computed (None: all live).
    kept_since: datetime | None = None

    @property
    def body_label(self) -> str:
        return self.columns[-1].label

    def lights(self) -> dict[str, int]:
        """How many of the body's KPIs are green, amber and red in the year."""
        counts = {"green": 0, "amber": 0, "red": 0}
        for line in self.lines:
            if line.body.light:
                counts[line.body.light] += 1
        return counts


def trend_years(clusters, year: int) -> list[int]:
    """Up to TREND_YEARS years ending with `year`, from the first membership on."""
    first = (
        Membership.objects.filter(cluster__in=clusters)
        .order_by("start_date")
        .values_list("start_date__year", flat=True)
        .first()
    )
    start = max(year - TREND_YEARS + 1, min(first or year, year))
    return list(range(start, year + 1))


def _targets(kpis, clusters, years, whole_installation: bool) -> dict:
    """{(kpi id, cluster id or None for the body, year): target}."""
    rows = KpiTarget.objects.filter(kpi__in=kpis, year__in=years, cluster__in=clusters)
    found = {(t.kpi_id, t.cluster_id, t.year): t.target for t in rows}
    kpi_ids = {kpi.key: kpi.pk for kpi in kpis}
    for (key, year), target in body_targets(kpis, clusters, years, whole_installation).items():
        found[(kpi_ids[key], None, year)] = target
    return found


def _chart(kpi: Kpi, trend: list[KpiFigure]) -> BarChart | None:
    if kpi.unit == Kpi.Unit.MIX:
        return None
    rows = [(str(f.year), [f.value or Decimal(0)]) for f in trend]
    decimals = 2 if kpi.unit == Kpi.Unit.EUR else 0
    return bar_chart(rows, decimals=decimals, unit="€" if kpi.unit == Kpi.Unit.EUR else "")


def build(clusters, year: int, *, kpis=None, charts: bool = True, trend: bool = True) -> Dashboard:
    """The dashboard of `clusters` for `year` (see the module); without `trend`, only the
    year's figures (the page loads the trend on its own, kpis.views.trend)."""
    clusters = sorted(clusters, key=lambda c: c.name.casefold())
    kpis = list(kpis) if kpis is not None else active_kpis()
    whole = is_whole_installation(clusters)
    if len(clusters) == 1:
        columns = [Column(None, clusters[0].name)]
    else:
        body_label = _("All clusters") if whole else _("My clusters together")
        columns = [Column(c, c.name) for c in clusters] + [Column(None, body_label)]
    years = trend_years(clusters, year)
    computed = years if trend else [year]
    values = compute(kpis, clusters, computed)
    targets = _targets(kpis, clusters, computed, whole)
    dashboard = Dashboard(year, clusters, columns, years, whole_installation=whole)
    if trend:
        dashboard.kept_since = computed_at(clusters, [y for y in years if is_closed(y)])
    for kpi in kpis:

        def figure(column_pk, y, kpi=kpi):
            value = values[column_pk][kpi.key].get(y)
            return KpiFigure(kpi, y, value, targets.get((kpi.pk, column_pk, y)))

        cells = [(col, figure(col.cluster.pk if col.cluster else None, year)) for col in columns]
        line = KpiLine(kpi, cells, [figure(None, y) for y in years] if trend else [])
        if charts and trend:
            line.chart = _chart(kpi, line.trend)
        dashboard.lines.append(line)
    return dashboard
