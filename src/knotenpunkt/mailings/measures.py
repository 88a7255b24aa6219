"""The mailings' figures for the KPIs: newsletter reach and openings (docs/kpis.md)."""

from datetime import date, datetime, time

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.measuring import BERLIN, year_of
from knotenpunkt.core.registry import MeasureRow, register_measure
from knotenpunkt.mailings.models import Mailing, Subscription

# The models these figures are computed from (core.registry.Measure.sources).
SOURCES = ("mailings.Subscription", "mailings.Mailing")


def _new_year(year: int) -> datetime:
    """The first moment of the following year in Berlin: the end of `year`."""
    return datetime.combine(date(year + 1, 1, 1), time.min, tzinfo=BERLIN)


def _subscribed_at_year_end(year: int) -> Q:
    end = _new_year(year)
    return Q(confirmed_at__lt=end) & (
        Q(status=Subscription.Status.ACTIVE)
        | Q(status=Subscription.Status.UNSUBSCRIBED, unsubscribed_at__gte=end)
    )


def _reach(query) -> dict:
    """Confirmed subscribers at year end, each person once per cluster and per body."""
    subscriptions = Subscription.objects.filter(
        mailing_list__cluster_id__in=query.cluster_ids, confirmed_at__isnull=False
    )
    per_year = {
        f"y{year}": Count("person", distinct=True, filter=_subscribed_at_year_end(year))
        for year in query.years
    }
    result = {pk: dict.fromkeys(query.years, 0) for pk in [*query.cluster_ids, None]}
    for row in subscriptions.values("mailing_list__cluster").annotate(**per_year).order_by():
        for year in query.years:
            result[row["mailing_list__cluster"]][year] = row[f"y{year}"]
    body = subscriptions.aggregate(**per_year) if query.years else {}
    for year in query.years:
        result[None][year] = body[f"y{year}"]
    return result


def _reach_rows(clusters, year) -> list[MeasureRow]:
    """Per list: how many subscribed at the year's end (no names: the list is the unit)."""
    lists = (
        Subscription.objects.filter(mailing_list__cluster__in=clusters)
        .filter(_subscribed_at_year_end(year))
        .values("mailing_list__name", "mailing_list__cluster__name")
        .annotate(n=Count("person", distinct=True))
        .order_by("mailing_list__cluster__name", "mailing_list__name")
    )
    return [
        MeasureRow(
            label=row["mailing_list__name"],
            detail=row["mailing_list__cluster__name"],
            value=row["n"],
        )
        for row in lists
    ]


def _counted_mailings():
    return Mailing.objects.filter(track_engagement=True, started_at__isnull=False)


def _openings(query) -> dict:
    """Opens of mailings that counted them (only in total, never per person)."""
    result = {pk: dict.fromkeys(query.years, 0) for pk in [*query.cluster_ids, None]}
    rows = (
        _counted_mailings()
        .filter(cluster_id__in=query.cluster_ids)
        .annotate(kpi_year=year_of("started_at"))
        .filter(kpi_year__in=query.years)
        .values_list("cluster_id", "kpi_year")
        .annotate(n=Sum("open_count"))
        .order_by()
    )
    for cluster, year, n in rows:
        result[cluster][year] = n
        result[None][year] += n
    return result


def _opening_rows(clusters, year) -> list[MeasureRow]:
    mailings = (
        _counted_mailings()
        .filter(cluster__in=clusters)
        .annotate(kpi_year=year_of("started_at"))
        .filter(kpi_year=year)
        .order_by("started_at")
    )
    return [
        MeasureRow(
            label=str(mailing),
            url=reverse("mailings:mailing_detail", args=[mailing.pk]),
            detail=date_format(mailing.started_at.astimezone(BERLIN)),
            value=mailing.open_count,
        )
        for mailing in mailings
    ]


register_measure(
    "newsletter_reach",
    _("Newsletter reach"),
    "count",
    _reach,
    rows=_reach_rows,
    definition=_(
        "People with a confirmed subscription to one of the cluster's lists at the end of "
        "the year (after double opt-in, not unsubscribed), each person once."
    ),
    order=40,
    sources=SOURCES,
)
register_measure(
    "newsletter_openings",
    _("Newsletter openings"),
    "count",
    _openings,
    rows=_opening_rows,
    definition=_(
        "Opens of the mailings sent in the year that counted opens (only where the "
        "cluster switched counting on; counted in total, never per person)."
    ),
    order=41,
    sources=SOURCES,
)
