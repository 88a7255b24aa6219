"""The shop's figure for the KPIs: orders. The shop serves the whole installation; an
order counts for a cluster when its provider was a member of the cluster on the order
date, and once for the clusters as one body."""

from collections import defaultdict

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.registry import MeasureRow, register_measure
from knotenpunkt.directory.models import Membership
from knotenpunkt.procurement.models import Order

# The models these figures are computed from (core.registry.Measure.sources).
SOURCES = ("procurement.Order", "directory.Membership")


def _orders(cluster_ids, years):
    """(order, clusters of which its provider was a member on the order date)."""
    orders = list(
        Order.objects.exclude(status=Order.Status.CANCELLED)
        .filter(ordered_on__year__in=years)
        .only("pk", "provider_id", "ordered_on", "title", "net_value")
    )
    periods = defaultdict(list)
    for organisation, cluster, start, end in Membership.objects.filter(
        cluster_id__in=cluster_ids, organisation_id__in={o.provider_id for o in orders}
    ).values_list("organisation_id", "cluster_id", "start_date", "end_date"):
        periods[organisation].append((cluster, start, end))
    for order in orders:
        clusters = {
            cluster
            for cluster, start, end in periods[order.provider_id]
            if start <= order.ordered_on and (end is None or order.ordered_on <= end)
        }
        if clusters:
            yield order, clusters


def _shop_orders(query) -> dict:
    result = {pk: dict.fromkeys(query.years, 0) for pk in [*query.cluster_ids, None]}
    for order, clusters in _orders(query.cluster_ids, query.years):
        year = order.ordered_on.year
        for cluster in clusters:
            result[cluster][year] += 1
        result[None][year] += 1
    return result


def _rows(clusters, year) -> list[MeasureRow]:
    found = sorted(_orders([c.pk for c in clusters], [year]), key=lambda o: o[0].ordered_on)
    return [
        MeasureRow(
            label=order.title,
            url=reverse("procurement:order", args=[order.pk]),
            detail=date_format(order.ordered_on),
            value=order.net_value,
        )
        for order, _clusters in found
    ]


register_measure(
    "shop_orders",
    _("Shop orders"),
    "count",
    _shop_orders,
    rows=_rows,
    definition=_(
        "Orders placed through the shop in the year (not cancelled) with a provider that "
        "was a member of the cluster on the order date."
    ),
    order=60,
    sources=SOURCES,
)
