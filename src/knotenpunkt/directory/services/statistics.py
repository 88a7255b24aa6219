"""Headline figures of a cluster for the staff dashboard: members by actor type today,
entries, exits and year-end members per year, by the definitions of
`membership_spans` (docs/kpis.md): an organisation counts once, a kind change or a
renewal is no exit and entry, and notice given for a future date counts in that year."""

from datetime import date

from django.db.models import Count, Max, Min, QuerySet
from django.utils import timezone

from knotenpunkt.directory.models import Cluster, Membership, Organisation
from knotenpunkt.directory.services.membership_spans import MemberFigures, membership_figures


def memberships_of(clusters=None) -> QuerySet[Membership]:
    qs = Membership.objects.all()
    if clusters is not None:
        qs = qs.filter(cluster__in=clusters)
    return qs


def members_by_actor_type(clusters=None, day: date | None = None) -> list[tuple[str, int]]:
    """Member organisations active on `day`, counted once each, per actor type."""
    day = day or timezone.localdate()
    org_ids = memberships_of(clusters).active_on(day).values("organisation")
    counts = dict(
        Organisation.objects.filter(pk__in=org_ids)
        .values_list("actor_type")
        .annotate(n=Count("pk"))
        .values_list("actor_type", "n")
    )
    return [(label, counts.get(value, 0)) for value, label in Organisation.ActorType.choices]


def yearly_figures(clusters=None) -> list[MemberFigures]:
    """Entries, exits and year-end members of the clusters taken as one body, for every
    year from the first entry to the last movement (or this year). (Fee revenue is the
    fee invoices' business: memberships.services.figures.)"""
    if clusters is None:
        clusters = Cluster.objects.all()
    cluster_ids = [c.pk for c in clusters]
    bounds = Membership.objects.filter(cluster_id__in=cluster_ids).aggregate(
        first=Min("start_date"), last_start=Max("start_date"), last_end=Max("end_date")
    )
    if bounds["first"] is None:
        return []
    last = max(d.year for d in bounds.values() if d is not None)
    years = range(bounds["first"].year, max(last, timezone.localdate().year) + 1)
    by_year = membership_figures(cluster_ids, years)[None]
    return [by_year[year] for year in years]
