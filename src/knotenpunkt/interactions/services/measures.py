"""The interactions' figures for the KPIs: company visits, consultations (with funding
advice) and introductions per year.

An interaction counts in the year of its date, for the cluster in whose name it was
recorded; a body of several clusters adds its clusters' figures up, since every
interaction belongs to one cluster and so counts once.
"""

from functools import partial

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.measuring import count_per_cluster
from knotenpunkt.core.registry import MeasureQuery, MeasureRow, register_measure
from knotenpunkt.interactions.models import Interaction

Kind = Interaction.Kind

MEASURES = {
    "company_visits": (
        _("Company visits"),
        (Kind.COMPANY_VISIT,),
        _(
            "Company visits of the cluster management in the year: interactions of the kind "
            "“company visit” dated in it. Each counts for the cluster it was recorded for; "
            "clusters taken together count every visit once."
        ),
    ),
    "consultations": (
        _("Consultations"),
        (Kind.CONSULTATION, Kind.FUNDING_ADVICE),
        _(
            "Consultations of member and other organisations in the year, funding advice "
            "included: interactions of the kinds “consultation” and “funding advice” dated "
            "in it. Each counts for the cluster it was recorded for."
        ),
    ),
    "introductions": (
        _("Introductions"),
        (Kind.INTRODUCTION,),
        _(
            "Introductions the cluster management made in the year (an organisation "
            "introduced to another): interactions of the kind “introduction” dated in it."
        ),
    ),
}

# The models these figures are computed from (core.registry.Measure.sources).
SOURCES = ("interactions.Interaction",)


def count_kinds(kinds, query: MeasureQuery) -> dict:
    """{cluster id or None: {year: count}} of the interactions of `kinds`, in one query."""
    return count_per_cluster(Interaction.objects.filter(kind__in=kinds), "cluster", "date", query)


def rows_of(kinds, clusters, year: int) -> list[MeasureRow]:
    """The interactions behind a figure, by date."""
    interactions = (
        Interaction.objects.filter(cluster__in=clusters, kind__in=kinds, date__year=year)
        .select_related("organisation", "cluster")
        .order_by("date", "pk")
    )
    return [
        MeasureRow(
            label=interaction.organisation.name,
            url=interaction.get_absolute_url(),
            detail=f"{date_format(interaction.date, 'SHORT_DATE_FORMAT')} · "
            f"{interaction.get_kind_display()} · {interaction.cluster}",
            value=1,
        )
        for interaction in interactions
    ]


def register_measures() -> None:
    for order, (key, (label, kinds, definition)) in enumerate(MEASURES.items()):
        register_measure(
            key,
            label,
            "count",
            partial(count_kinds, kinds),
            rows=partial(rows_of, kinds),
            definition=definition,
            order=300 + order,
            sources=SOURCES,
        )
