"""The demo strategy: what staff of the digital cluster find when they open it."""

import pytest

from knotenpunkt.demo import clock
from knotenpunkt.demo.strategy import build_strategy_demo
from knotenpunkt.strategy.models import ActivityLink, FieldOfAction, Goal, ResultTarget
from knotenpunkt.strategy.services.links import figures_of_links
from knotenpunkt.strategy.services.swot import compare_with_previous_year


@pytest.fixture(scope="module")
def demo(demo, django_db_blocker):
    """What building the strategy again does: the demo has built it already."""
    with django_db_blocker.unblock(), clock.build_moment():
        return build_strategy_demo()


def test_the_digital_cluster_has_four_fields_of_action_with_mixed_priorities(demo, db):
    assert demo is False  # a second run adds nothing
    fields = FieldOfAction.objects.filter(cluster__slug="diwish")
    assert fields.count() == 4
    priorities = set(Goal.objects.filter(field__in=fields).values_list("priority", flat=True))
    assert priorities == {"high", "medium", "zero"}
    assert set(ResultTarget.objects.values_list("year", flat=True)).__len__() == 3


def test_activities_are_linked_to_the_demos_events_groups_and_mailings(demo, db):
    links = list(ActivityLink.objects.select_related("content_type"))
    kinds = {link.content_type.model for link in links}
    assert {"event", "group", "mailing"} <= kinds
    totals = {}
    for figures in figures_of_links(links).values():
        for key, number in figures.items():
            totals[key] = totals.get(key, 0) + number
    assert totals["events_held"] > 0
    assert totals["attendees"] > 0
    assert totals["group_members"] > 0


def test_this_years_swot_differs_from_last_years(demo, db):
    from knotenpunkt.directory.models import Cluster

    year = clock.today().year
    rows = compare_with_previous_year(Cluster.objects.get(slug="diwish"), year)
    assert sum(len(r.new) for r in rows) == 2
    assert sum(len(r.dropped) for r in rows) == 1
    assert sum(len(r.kept) for r in rows) == 6


def test_building_it_again_does_nothing(demo, db):
    assert build_strategy_demo() is False
