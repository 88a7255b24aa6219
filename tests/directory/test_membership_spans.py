"""The membership definitions of docs/kpis.md at their edges: continuous spans, exits on
31 December, year-end members, organisations counted once across clusters."""

from datetime import date

import pytest

from knotenpunkt.directory.models import Organisation
from knotenpunkt.directory.services.membership_spans import (
    join_spans,
    membership_figures,
    movements,
)
from tests.factories import ClusterFactory, MembershipFactory, OrganisationFactory

D = date


def test_back_to_back_and_overlapping_memberships_are_one_span():
    assert join_spans([(D(2023, 2, 7), D(2024, 12, 31)), (D(2022, 2, 12), D(2023, 2, 6))]) == [
        (D(2022, 2, 12), D(2024, 12, 31))
    ]
    assert join_spans([(D(2022, 1, 1), None), (D(2023, 1, 1), D(2023, 6, 30))]) == [
        (D(2022, 1, 1), None)
    ]
    # A day's gap is an exit and a new entry.
    assert join_spans([(D(2022, 1, 1), D(2022, 6, 30)), (D(2022, 7, 2), None)]) == [
        (D(2022, 1, 1), D(2022, 6, 30)),
        (D(2022, 7, 2), None),
    ]


def figures(clusters, year):
    result = membership_figures([c.pk for c in clusters], [year])
    return {key: result[key][year] for key in result}


@pytest.mark.django_db
def test_a_start_up_becoming_a_paying_member_is_neither_exit_nor_entry(cluster):
    start_up = OrganisationFactory()
    MembershipFactory(
        organisation=start_up,
        cluster=cluster,
        kind="startup",
        start_date=D(2022, 3, 1),
        end_date=D(2023, 2, 28),
        status="ended",
    )
    MembershipFactory(organisation=start_up, cluster=cluster, start_date=D(2023, 3, 1))
    year = figures([cluster], 2023)[cluster.pk]
    assert (year.members_start, year.entries, year.exits, year.members_end) == (1, 0, 0, 1)


@pytest.mark.django_db
def test_a_membership_ending_on_31_december_is_an_exit_of_that_year(cluster):
    MembershipFactory(cluster=cluster, start_date=D(2021, 5, 1), end_date=D(2023, 12, 31))
    MembershipFactory(cluster=cluster, start_date=D(2023, 12, 31))
    year = figures([cluster], 2023)[cluster.pk]
    # Both are members on 31 December; only the second is still one on 1 January.
    assert (year.members_start, year.entries, year.exits, year.members_end) == (1, 1, 1, 1)
    assert figures([cluster], 2024)[cluster.pk].members_start == 1


@pytest.mark.django_db
def test_an_organisation_in_two_clusters_counts_once_for_both_together(cluster, other_cluster):
    both = OrganisationFactory(actor_type=Organisation.ActorType.RESEARCH)
    MembershipFactory(organisation=both, cluster=cluster, start_date=D(2023, 1, 10))
    MembershipFactory(organisation=both, cluster=other_cluster, start_date=D(2023, 4, 1))
    result = figures([cluster, other_cluster], 2023)
    assert result[cluster.pk].entries == result[other_cluster.pk].entries == 1
    assert (result[None].entries, result[None].members_end) == (1, 1)
    assert result[None].actor_mix["research"] == 100.0


@pytest.mark.django_db
def test_a_move_to_another_cluster_the_next_day_is_nothing_for_the_installation(
    cluster, other_cluster
):
    mover = OrganisationFactory()
    MembershipFactory(
        organisation=mover,
        cluster=cluster,
        start_date=D(2020, 1, 1),
        end_date=D(2023, 6, 30),
        status="ended",
    )
    MembershipFactory(organisation=mover, cluster=other_cluster, start_date=D(2023, 7, 1))
    result = figures([cluster, other_cluster], 2023)
    assert (result[cluster.pk].exits, result[other_cluster.pk].entries) == (1, 1)
    assert (result[None].entries, result[None].exits, result[None].members_end) == (0, 0, 1)


@pytest.mark.django_db
def test_year_end_is_start_plus_entries_minus_exits_in_every_year(cluster):
    other = ClusterFactory()
    for start, end in [
        (D(2019, 3, 1), D(2021, 12, 31)),
        (D(2020, 1, 1), None),
        (D(2021, 1, 1), D(2021, 1, 1)),
        (D(2022, 6, 1), D(2024, 5, 31)),
    ]:
        MembershipFactory(cluster=cluster, start_date=start, end_date=end, status="ended")
    MembershipFactory(cluster=other, start_date=D(2021, 1, 1))
    years = range(2018, 2026)
    result = membership_figures([cluster.pk, other.pk], years)
    for key in result:
        previous_end = 0
        for year in years:
            f = result[key][year]
            assert f.members_end == f.members_start + f.entries - f.exits
            assert f.members_start == previous_end
            previous_end = f.members_end
    # A one-day membership is an entry and an exit of its year, no year-end member.
    assert (result[cluster.pk][2021].entries, result[cluster.pk][2021].exits) == (1, 2)


@pytest.mark.django_db
def test_the_lists_behind_the_figures_match_them(cluster):
    MembershipFactory(cluster=cluster, start_date=D(2021, 5, 1), end_date=D(2023, 12, 31))
    MembershipFactory(cluster=cluster, start_date=D(2023, 4, 1))
    lists = movements([cluster.pk], 2023)
    year = figures([cluster], 2023)[cluster.pk]
    assert len(lists["entries"]) == year.entries == 1
    assert len(lists["exits"]) == year.exits == 1
    assert len(lists["members_end"]) == year.members_end == 1
    assert len(lists["members_start"]) == year.members_start == 1
