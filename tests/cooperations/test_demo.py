"""The demo's cooperations: what staff opening the demo expect to find."""

import pytest

from knotenpunkt.cooperations.models import Cooperation, PartnerNetwork
from knotenpunkt.core.registry import MeasureQuery, measure
from knotenpunkt.demo import clock
from knotenpunkt.demo.cooperations import build_cooperations_demo
from knotenpunkt.directory.models import Cluster
from knotenpunkt.events.models import Event


@pytest.fixture(scope="module")
def demo(demo, django_db_blocker):
    """What building the cooperations again does: the demo has built them already."""
    with django_db_blocker.unblock(), clock.build_moment():
        return build_cooperations_demo()


def test_twenty_cooperations_in_both_clusters_over_three_years(demo, db):
    assert demo is False  # a second run adds nothing
    assert Cooperation.objects.count() == 20
    assert {c.slug for c in Cluster.objects.filter(cooperations__isnull=False)} == {
        "diwish",
        "maritim",
    }
    years = set(Cooperation.objects.values_list("start_date__year", flat=True))
    assert len(years) >= 3
    assert Cooperation.objects.exclude(funding_programme="").count() >= 10
    assert len(set(Cooperation.objects.values_list("cluster_role", flat=True))) == 4
    assert all(c.partners.count() >= 2 for c in Cooperation.objects.all())


def test_accepted_matchmaking_contacts_are_documented(demo, db):
    documented = Cooperation.objects.filter(origin__isnull=False)
    assert documented.exists()
    assert all(c.origin.status == "cooperation" for c in documented)


def test_a_domestic_network_and_a_danish_cluster_with_agreements_and_a_trip(demo, db):
    networks = {n.country: n for n in PartnerNetwork.objects.all()}
    assert set(networks) == {"DE", "DK"}
    assert all(n.agreements.exists() for n in networks.values())
    trip = Event.objects.get(trip_destinations__network=networks["DK"])
    assert trip.kind == "trip"
    assert trip.registrations.filter(checked_in_at__isnull=False).count() == 12
    year = trip.starts_at.year
    digital = Cluster.objects.get(slug="diwish")
    values = measure("international_trips").compute(MeasureQuery((digital,), (year,)))
    assert values[None][year] >= 1


def test_running_the_demo_again_adds_nothing(demo, db):
    assert build_cooperations_demo() is False
    assert Cooperation.objects.count() == 20
