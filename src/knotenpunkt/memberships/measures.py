"""The fees' figure for the KPIs: fee revenue (services/figures.py, docs/kpis.md)."""

from datetime import date

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.registry import MeasureRow, register_measure
from knotenpunkt.memberships.services.figures import (
    CENT,
    exact_shares,
    fee_documents,
    fee_revenue,
    signed_net,
)

# The models these figures are computed from (core.registry.Measure.sources).
SOURCES = ("invoicing.Invoice", "memberships.FeeCharge", "directory.Membership")


def _revenue(query) -> dict:
    return fee_revenue(query.cluster_ids, query.years)


def _revenue_rows(clusters, year) -> list[MeasureRow]:
    """The fee documents whose service period touches the year, with their share."""
    documents = (
        fee_documents([c.pk for c in clusters])
        .filter(start__lte=date(year, 12, 31), end__gte=date(year, 1, 1))
        .order_by("start", "number")
    )
    rows = []
    for invoice in documents:
        share = exact_shares(
            signed_net(invoice.kind, invoice.net_total), invoice.start, invoice.end
        )
        rows.append(
            MeasureRow(
                label=f"{invoice.number} · {invoice.buyer_name}",
                url=reverse("invoicing:invoice", args=[invoice.pk]),
                detail=_("%(start)s to %(end)s")
                % {
                    "start": date_format(invoice.start),
                    "end": date_format(invoice.end),
                },
                value=share[year].quantize(CENT),
            )
        )
    return rows


register_measure(
    "fee_revenue",
    _("Fee revenue"),
    "eur",
    _revenue,
    rows=_revenue_rows,
    definition=_(
        "Net amounts of the fee invoices, less credit notes on fees, spread over their "
        "service period by days and summed per year; cancelled invoices count nothing. "
        "Rounded to cents at the end."
    ),
    order=20,
    sources=SOURCES,
)
