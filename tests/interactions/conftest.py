import datetime

import pytest

from knotenpunkt.interactions.models import Interaction
from knotenpunkt.interactions.services.interactions import record_interaction
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture
def anke(alice, member_org, cluster):
    """A second staff member of the cluster (alice's colleague)."""
    user = UserFactory(email="anke@cluster.example", is_staff=True, first_name="Anke")
    cluster.staff.add(user)
    return user


@pytest.fixture
def berta(other_cluster):
    """Staff of the other cluster."""
    user = UserFactory(email="berta@logistik.example", is_staff=True)
    other_cluster.staff.add(user)
    return user


@pytest.fixture
def other_org(other_cluster):
    org = OrganisationFactory(name="Hafenlogistik GmbH", slug="hafenlogistik")
    MembershipFactory(organisation=org, cluster=other_cluster)
    return org


@pytest.fixture
def record(cluster, member_org, alice):
    """Record an interaction of the cluster with the member organisation."""

    def make(by=None, organisation=None, **fields):
        values = {
            "cluster": cluster,
            "kind": Interaction.Kind.COMPANY_VISIT,
            "date": datetime.date(2026, 3, 10),
            "summary": "Besuch in der Werkstatt",
        }
        values.update(fields)
        return record_interaction(by or alice, organisation or member_org, **values)

    return make
