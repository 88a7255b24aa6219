"""The Land of a cluster, read from the districts of the organisations the platform knows."""

import pytest

from knotenpunkt.directory.models import Region
from knotenpunkt.opendata.services.geocoding import state_key
from tests.factories import ClusterFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def located(postcode, ags, cluster=None):
    org = OrganisationFactory(postcode=postcode, region=Region.objects.get(ags=ags))
    if cluster is not None:
        MembershipFactory(organisation=org, cluster=cluster)
    return org


def test_the_nearest_postcode_decides_over_the_members():
    cluster = ClusterFactory(postcode="22767")
    for _ in range(3):
        located("24103", "01002", cluster)  # members in Kiel
    located("22765", "02000")  # a firm in Hamburg-Ottensen
    assert state_key(cluster) == "02"


def test_the_members_decide_when_no_postcode_is_near():
    cluster = ClusterFactory(postcode="99084")
    located("24103", "01002", cluster)
    located("24105", "01002", cluster)
    located("20095", "02000", cluster)
    assert state_key(cluster) == "01"


def test_no_region_means_no_land():
    assert state_key(ClusterFactory(postcode="")) is None
