"""Figures of closed years are kept, so that a dashboard computes only the current year
live; a change through the platform clears them, `refresh-kpis` and the dashboard's
recompute button catch bulk changes."""

import json
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.directory.models import Membership
from knotenpunkt.kpis.models import Kpi, StoredFigure
from knotenpunkt.kpis.services.definitions import active_kpis
from knotenpunkt.kpis.services.values import compute
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


def last_year() -> int:
    return timezone.localdate().year - 1


@pytest.fixture
def two_members(cluster):
    """Two members of the cluster since the year before last."""
    start = date(last_year() - 1, 3, 1)
    return [
        MembershipFactory(
            organisation=OrganisationFactory(name=name), cluster=cluster, start_date=start
        )
        for name in ("Nordlicht", "Förde Digital")
    ]


def members_end(clusters, year):
    return compute([Kpi.objects.get(key="members_end")], clusters, [year])[None]["members_end"][
        year
    ]


@pytest.mark.django_db
def test_a_closed_years_figure_is_kept_and_a_change_through_the_platform_clears_it(
    cluster, two_members
):
    year = last_year()
    assert members_end([cluster], year) == 2
    assert StoredFigure.objects.filter(measure="members_end", year=year).exists()

    # A bulk update sends no signal: the kept figure stays until it is recomputed.
    Membership.objects.filter(pk=two_members[0].pk).update(end_date=date(year, 6, 30))
    assert members_end([cluster], year) == 2

    # Saving a membership (as every page of the platform does) clears it at once.
    two_members[1].end_date = date(year, 6, 30)
    two_members[1].save()
    assert not StoredFigure.objects.filter(measure="members_end").exists()
    assert members_end([cluster], year) == 0


@pytest.mark.django_db
def test_the_current_year_is_always_computed_live(cluster, two_members):
    year = timezone.localdate().year
    assert members_end([cluster], year) == 2
    assert not StoredFigure.objects.filter(year=year).exists()
    Membership.objects.filter(pk=two_members[0].pk).update(end_date=date(year - 1, 12, 30))
    assert members_end([cluster], year) == 1


@pytest.mark.django_db
def test_refresh_kpis_recomputes_what_a_bulk_change_left_behind(cluster, two_members):
    year = last_year()
    assert members_end([cluster], year) == 2
    Membership.objects.filter(pk=two_members[0].pk).update(end_date=date(year, 6, 30))
    out = StringIO()
    call_command("refresh_kpis", stdout=out)
    summary = json.loads(out.getvalue().splitlines()[-1])
    assert summary["figures"] > 0
    assert members_end([cluster], year) == 1


@pytest.mark.django_db
def test_kept_figures_equal_the_live_ones_for_every_kpi(cluster, other_cluster, two_members):
    """Decimals (fee revenue), shares (the actor mix) and counts come back from the store
    exactly as computed, for each cluster and for the body."""
    MembershipFactory(
        organisation=two_members[0].organisation,
        cluster=other_cluster,
        start_date=date(last_year(), 5, 1),
    )
    kpis = active_kpis()
    years = [last_year() - 1, last_year()]
    live = compute(kpis, [cluster, other_cluster], years, fresh=True)
    kept = compute(kpis, [cluster, other_cluster], years)
    assert StoredFigure.objects.filter(year__in=years).count() > 0
    assert kept == live
    assert live[None]["members_end"][last_year()] == 2  # the organisation in both once
    assert isinstance(kept[None]["fee_revenue"].get(last_year(), Decimal(0)), Decimal)


@pytest.mark.django_db
def test_the_dashboard_says_when_past_years_were_computed_and_recomputes_them(
    client_for, cluster, alice, two_members, django_capture_on_commit_callbacks
):
    year = last_year()
    client = client_for(alice)
    url = reverse("kpis:trend") + f"?year={year}"
    page = client.get(url).content.decode()
    assert "Werte vergangener Jahre berechnet am" in page
    Membership.objects.filter(pk=two_members[0].pk).update(end_date=date(year, 6, 30))
    with django_capture_on_commit_callbacks(execute=True):  # the task is enqueued on commit
        response = client.post(reverse("kpis:recompute") + f"?year={year}", follow=True)
    assert "werden neu berechnet" in response.content.decode()
    assert members_end([cluster], year) == 1


@pytest.mark.django_db
def test_recompute_needs_a_dashboard_viewer_and_a_post(client_for, cluster, two_members):
    client = client_for(UserFactory(email="dave@example.org"))
    assert client.post(reverse("kpis:recompute")).status_code == 403
    assert client.get(reverse("kpis:recompute")).status_code == 405
