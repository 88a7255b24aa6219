"""A merge goes through the directory's write path: the survivor is searchable by what the
merged-away record held, the duplicate warning and matching's index follow."""

import pytest

from knotenpunkt.directory.models import Position
from knotenpunkt.directory.services.search import DirectoryFilters, search_organisations
from knotenpunkt.matching.models import MatchDocument, Need
from knotenpunkt.matching.services.indexing import reindex_organisation, reset_index
from knotenpunkt.matching.services.ranking import rank_providers
from knotenpunkt.quality.services.lookup import similar_organisations, similar_people
from knotenpunkt.quality.services.merge import merge_organisations, merge_people
from tests.factories import ClusterFactory, MembershipFactory, OrganisationFactory, PersonFactory

TAKE_NAME_AND_DESCRIPTION = {"name": "loser", "description": "loser"}


@pytest.fixture
def fresh_match_index():
    # The engine keeps an in-memory index per process; each test's database is new.
    reset_index()
    yield
    reset_index()


@pytest.fixture
def twins(cluster):
    """One firm twice: the merged-away record knows its name and what it does."""
    survivor = OrganisationFactory(name="Hansen Technik GmbH", description="Ein Betrieb.")
    loser = OrganisationFactory(
        name="Kranwerk Nord", description="Wir bauen Windkraftanlagen und Turmdrehkrane."
    )
    for org in (survivor, loser):
        MembershipFactory(organisation=org, cluster=cluster)
        reindex_organisation(org.pk)
    return survivor, loser


def test_a_merge_makes_the_survivor_searchable_by_what_the_merged_away_one_said(twins, alice):
    survivor, loser = twins
    merge_organisations(survivor, loser, TAKE_NAME_AND_DESCRIPTION, user=alice)
    assert [o.pk for o in search_organisations(DirectoryFilters(query="Turmdrehkrane"))] == [
        survivor.pk
    ]
    assert [r.record.pk for r in similar_organisations(alice, name="Kranwerk Nord")] == [
        survivor.pk
    ]


def test_a_merge_reindexes_matching_so_the_survivor_is_suggested_for_the_need(
    twins, alice, django_capture_on_commit_callbacks, fresh_match_index
):
    survivor, loser = twins
    need = Need.objects.create(
        cluster=ClusterFactory(),
        organisation=OrganisationFactory(name="Hafenbetrieb"),
        title="Turmdrehkran",
        text="Wir suchen jemanden, der Turmdrehkrane baut.",
    )
    assert [m.organisation for m in rank_providers(need)] == [loser]
    with django_capture_on_commit_callbacks(execute=True):
        merge_organisations(survivor, loser, TAKE_NAME_AND_DESCRIPTION, user=alice)
    assert [m.organisation for m in rank_providers(need)] == [survivor]
    assert not MatchDocument.objects.filter(organisation_id=loser.pk).exists()


def test_a_merge_of_people_keeps_the_duplicate_warning_current(alice, member_org):
    survivor = PersonFactory(first_name="Hauke", last_name="Kranich")
    loser = PersonFactory(first_name="Hauke", last_name="Kraanich")
    for person in (survivor, loser):
        Position.objects.create(person=person, organisation=member_org)
    merge_people(survivor, loser, {"last_name": "loser"}, user=alice)
    found = similar_people(alice, first_name="Hauke", last_name="Kraanich")
    assert [r.record.pk for r in found] == [survivor.pk]
