import datetime
from decimal import Decimal

import pytest

from knotenpunkt.directory.models import Organisation
from knotenpunkt.directory.services import statistics
from tests.factories import MembershipFactory, OrganisationFactory

D = datetime.date


@pytest.fixture
def history(cluster, other_cluster):
    research = OrganisationFactory(actor_type=Organisation.ActorType.RESEARCH)
    MembershipFactory(cluster=cluster, start_date=D(2022, 1, 1), annual_fee=Decimal("1200"))
    MembershipFactory(
        cluster=cluster,
        start_date=D(2022, 7, 15),
        end_date=D(2023, 3, 31),
        annual_fee=Decimal("600"),
        status="ended",
    )
    MembershipFactory(
        cluster=cluster,
        organisation=research,
        start_date=D(2023, 2, 1),
        annual_fee=Decimal("0"),
        kind="free",
    )
    MembershipFactory(cluster=other_cluster, start_date=D(2023, 1, 1), annual_fee=Decimal("99"))


def test_entries_and_exits_are_counted_per_year_and_cluster(history, cluster):
    years = {y.year: (y.entries, y.exits) for y in statistics.yearly_figures([cluster])}
    assert (years[2022], years[2023]) == ((2, 0), (1, 1))


def test_members_by_actor_type_counts_active_members_on_a_day(history, cluster):
    figures = dict(statistics.members_by_actor_type([cluster], day=D(2023, 6, 1)))
    assert figures[Organisation.ActorType.BUSINESS.label] == 1
    assert figures[Organisation.ActorType.RESEARCH.label] == 1


def test_year_figures_give_net_change(history, cluster):
    years = {y.year: y for y in statistics.yearly_figures([cluster])}
    assert years[2022].net == 2
    assert years[2023].net == 0
