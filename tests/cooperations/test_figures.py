"""The KPI figures: documented and initiated cooperations, trips and their participants,
per cluster and for the clusters as one body, with few queries."""

import datetime

import pytest

from knotenpunkt.core.registry import MeasureQuery, measure
from tests.cooperations.conftest import make_cooperation
from tests.factories import EventFactory, PersonFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def _compute(key, clusters, years=(2025, 2026)):
    return measure(key).compute(MeasureQuery(tuple(clusters), tuple(years)))


@pytest.fixture
def two_clusters(cluster, other_cluster, member_org, partner_org):
    make_cooperation(cluster, [member_org, partner_org], start_date=datetime.date(2025, 1, 1))
    make_cooperation(
        cluster,
        [member_org, partner_org],
        start_date=datetime.date(2025, 12, 31),
        cluster_role="moderated",
    )
    make_cooperation(
        cluster,
        [member_org, partner_org],
        start_date=datetime.date(2026, 2, 1),
        cluster_role="none",
    )
    make_cooperation(
        cluster, [member_org, partner_org], start_date=datetime.date(2025, 6, 1), status="planned"
    )
    make_cooperation(
        other_cluster,
        [member_org, partner_org],
        start_date=datetime.date(2025, 5, 5),
        cluster_role="participated",
        status="stopped",
    )
    return cluster, other_cluster


def test_cooperations_started_in_the_year_per_cluster_and_for_the_body(two_clusters):
    a, b = two_clusters
    values = _compute("cooperations", [a, b])
    assert values == {a.pk: {2025: 2, 2026: 1}, b.pk: {2025: 1, 2026: 0}, None: {2025: 3, 2026: 1}}


def test_cooperations_the_cluster_initiated_or_moderated(two_clusters):
    a, b = two_clusters
    values = _compute("cooperations_initiated", [a, b])
    assert values == {a.pk: {2025: 2, 2026: 0}, b.pk: {2025: 0, 2026: 0}, None: {2025: 2, 2026: 0}}


def test_a_body_of_one_cluster_counts_only_its_own(two_clusters):
    a, _b = two_clusters
    assert _compute("cooperations", [a])[None] == {2025: 2, 2026: 1}


def test_the_rows_behind_the_figure_link_to_the_cooperations(two_clusters):
    a, b = two_clusters
    rows = measure("cooperations").rows([a, b], 2025)
    assert len(rows) == 3
    assert all(r.url.startswith("/cooperations/") for r in rows)
    assert "Nordlicht Software GmbH" in rows[0].detail


def _trip(clusters, starts_at, **fields):
    return EventFactory(
        title=fields.pop("title", "Delegationsreise"),
        kind="trip",
        starts_at=starts_at,
        clusters=clusters,
        **fields,
    )


def test_a_trip_at_half_past_eleven_utc_on_new_years_eve_counts_for_the_next_year(cluster):
    _trip([cluster], datetime.datetime(2025, 12, 31, 23, 30, tzinfo=UTC))
    _trip([cluster], datetime.datetime(2025, 12, 31, 22, 30, tzinfo=UTC))  # 23:30 in Berlin
    values = _compute("international_trips", [cluster])
    assert values[cluster.pk] == {2025: 1, 2026: 1}
    assert [r.label for r in measure("international_trips").rows([cluster], 2026)] == [
        "Delegationsreise"
    ]


def test_a_trip_two_clusters_organise_counts_for_each_and_once_for_the_body(cluster, other_cluster):
    starts = datetime.datetime(2025, 5, 5, 8, 0, tzinfo=UTC)
    _trip([cluster, other_cluster], starts)
    _trip([cluster], starts, is_published=False)
    _trip([cluster], starts, cancelled_at=starts)
    EventFactory(kind="networking", starts_at=starts, clusters=[cluster])
    values = _compute("international_trips", [cluster, other_cluster])
    assert values == {
        cluster.pk: {2025: 1, 2026: 0},
        other_cluster.pk: {2025: 1, 2026: 0},
        None: {2025: 1, 2026: 0},
    }


def test_trip_participants_are_the_people_checked_in(cluster, other_cluster):
    trip = _trip([cluster, other_cluster], datetime.datetime(2025, 5, 5, 8, 0, tzinfo=UTC))
    for _n in range(3):
        RegistrationFactory(
            ticket_type__event=trip, person=PersonFactory(), checked_in_at=trip.starts_at
        )
    RegistrationFactory(ticket_type__event=trip, person=PersonFactory())
    RegistrationFactory(
        ticket_type__event=trip,
        person=PersonFactory(),
        status="cancelled",
        checked_in_at=trip.starts_at,
    )
    values = _compute("trip_participants", [cluster, other_cluster])
    assert values[None] == {2025: 3, 2026: 0}
    assert values[cluster.pk][2025] == values[other_cluster.pk][2025] == 3
    rows = measure("trip_participants").rows([cluster, other_cluster], 2025)
    assert [(r.label, r.value) for r in rows] == [("Delegationsreise", 3)]


@pytest.mark.parametrize(
    "key", ["cooperations", "cooperations_initiated", "international_trips", "trip_participants"]
)
def test_each_figure_takes_at_most_two_queries(key, two_clusters, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        _compute(key, list(two_clusters), years=(2023, 2024, 2025, 2026))


def test_every_figure_has_a_definition_and_answers_for_no_cluster():
    for key in (
        "cooperations",
        "cooperations_initiated",
        "international_trips",
        "trip_participants",
    ):
        assert str(measure(key).definition)
        assert _compute(key, []) == {None: {2025: 0, 2026: 0}}


def test_the_trip_rows_name_the_networks_visited(cluster):
    from knotenpunkt.cooperations.models import PartnerNetwork, TripDestination

    trip = _trip([cluster], datetime.datetime(2025, 5, 5, 8, 0, tzinfo=UTC))
    network = PartnerNetwork.objects.create(
        cluster=cluster, name="Digital Hub Aarhus", country="DK"
    )
    TripDestination.objects.create(event=trip, network=network)
    (row,) = measure("international_trips").rows([cluster], 2025)
    assert "Digital Hub Aarhus" in row.detail
    assert row.url == f"/events/{trip.slug}/" or trip.slug in row.url
