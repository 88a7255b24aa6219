"""Demo KPI targets: three years of targets for both demo clusters and the installation,
set the way a cluster management sets them (round numbers a little above or below what
was reached), so that the dashboard shows a mix of green, amber and red.

Runs last: the figures it aims at come from every other part of the demo. Safe to run
again: it does nothing once a demo cluster has a target.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction

from knotenpunkt.demo import clock
from knotenpunkt.demo.plan import DIGITAL, MARITIME
from knotenpunkt.directory.models import Cluster
from knotenpunkt.kpis.models import KpiTarget
from knotenpunkt.kpis.services.definitions import active_kpis
from knotenpunkt.kpis.services.targets import set_target
from knotenpunkt.kpis.services.values import compute

# Target = reached value x factor, by the KPI's place in the list: reached (green),
# just missed (amber), clearly missed (red), in turn; figures that should stay low the
# other way round.
FACTORS = (Decimal("0.9"), Decimal("1.05"), Decimal("1.3"), Decimal("0.8"))


def _round(value: Decimal) -> Decimal:
    """A target as people set it: whole numbers, large ones to tens."""
    step = Decimal(10) if value >= 200 else Decimal(1)
    return (value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


@transaction.atomic
def build_kpis_demo() -> bool:
    clusters = list(Cluster.objects.filter(slug__in=[DIGITAL["slug"], MARITIME["slug"]]))
    if not clusters or KpiTarget.objects.filter(cluster__in=clusters).exists():
        return False
    this_year = clock.today().year
    years = [this_year - 2, this_year - 1, this_year]
    kpis = [kpi for kpi in active_kpis() if kpi.has_target]
    everything = list(Cluster.objects.all())
    values = compute(kpis, everything, years)
    for cluster in [*clusters, None]:
        reached = values[cluster.pk if cluster else None]
        for index, kpi in enumerate(kpis):
            for year in years:
                value = reached[kpi.key].get(year)
                if not value:
                    continue
                factor = FACTORS[(index + year) % len(FACTORS)]
                if not kpi.higher_is_better:
                    factor = 2 - factor
                target = _round(Decimal(value) * factor)
                set_target(None, kpi, cluster, year, max(target, Decimal(1)), "Jahresplanung")
    return True
