"""The yearly figure sets of `kpi-report` and of the dashboards' headline: for a year,
each cluster's figures and those of the clusters as one body (the installation)."""

from decimal import Decimal

from knotenpunkt.core.registry import MeasureQuery, measure

# The figures of the report's contract (docs/kpis.md), in its order.
REPORT_FIGURES = (
    "members_start",
    "entries",
    "exits",
    "net",
    "members_end",
    "actor_mix",
    "fee_revenue",
    "events_held",
    "participants",
)


def _plain(value):
    """A value as the report's JSON writes it: amounts as text with two decimals."""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return value


def figure_sets(clusters, year: int) -> dict:
    """{"year", "installation": {figure: value}, "clusters": {slug: {figure: value}}} of
    `clusters` (the installation: all of them taken as one body)."""
    clusters = list(clusters)
    query = MeasureQuery(tuple(clusters), (year,))
    values = {key: measure(key).compute(query) for key in REPORT_FIGURES}

    def figures(pk) -> dict:
        return {key: _plain(values[key][pk][year]) for key in REPORT_FIGURES}

    return {
        "year": year,
        "installation": figures(None),
        "clusters": {cluster.slug: figures(cluster.pk) for cluster in clusters},
    }
