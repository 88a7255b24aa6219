"""The matching's figure for the KPIs: needs matched (a contact the need's author
accepted), by the Berlin year of the decision."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.measuring import BERLIN, count_per_cluster, year_of
from knotenpunkt.core.registry import MeasureRow, register_measure
from knotenpunkt.matching.models import Contact

# The models these figures are computed from (core.registry.Measure.sources).
SOURCES = ("matching.Contact", "matching.Need")


def accepted_contacts():
    return Contact.objects.filter(
        status__in=[Contact.Status.ACCEPTED, Contact.Status.COOPERATION],
        decided_at__isnull=False,
    )


def _needs_matched(query) -> dict:
    return count_per_cluster(accepted_contacts(), "need__cluster", "decided_at", query)


def _rows(clusters, year) -> list[MeasureRow]:
    contacts = (
        accepted_contacts()
        .filter(need__cluster__in=clusters)
        .annotate(kpi_year=year_of("decided_at"))
        .filter(kpi_year=year)
        .select_related("need", "provider")
        .order_by("decided_at")
    )
    return [
        MeasureRow(
            label=contact.need.title,
            url=reverse("matching:need", args=[contact.need_id]),
            detail=" · ".join(
                [contact.provider.name, date_format(contact.decided_at.astimezone(BERLIN))]
            ),
            value=contact.get_status_display(),
        )
        for contact in contacts
    ]


register_measure(
    "needs_matched",
    _("Needs matched"),
    "count",
    _needs_matched,
    rows=_rows,
    definition=_(
        "Contacts between a need's author and a provider that the author accepted in the "
        "year (Berlin time); one need can be matched by several providers."
    ),
    order=50,
    sources=SOURCES,
)
