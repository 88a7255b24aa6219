"""Keeping the matching index current when profiles change."""

import pytest

from knotenpunkt.matching.models import CompetenceProfile, MatchDocument, Need
from knotenpunkt.matching.services.indexing import reindex_all, reindex_organisation
from knotenpunkt.matching.services.ranking import rank_providers
from knotenpunkt.matching.tasks import reindex_organisation_task
from tests.factories import ClusterFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def time_need():
    return Need.objects.create(
        cluster=ClusterFactory(),
        organisation=OrganisationFactory(name="Autor"),
        title="Stundenzettel",
        text="Wir suchen eine digitale Zeiterfassung.",
    )


def test_profile_change_is_found_after_reindexing(time_need):
    organisation = OrganisationFactory(name="Wandel", description="Wir reparieren Fahrräder.")
    profile = CompetenceProfile.objects.create(organisation=organisation)
    reindex_organisation(organisation.pk)
    assert organisation not in [m.organisation for m in rank_providers(time_need)]
    profile.keywords = "Zeiterfassung\nStundenzettel-App"
    profile.save()
    reindex_organisation_task.enqueue(organisation.pk)  # immediate backend in tests
    assert [m.organisation for m in rank_providers(time_need)][0] == organisation


def test_unlisted_organisation_is_not_suggested(time_need):
    organisation = OrganisationFactory(
        name="Versteckt", description="Zeiterfassung per App.", is_listed=False
    )
    reindex_organisation(organisation.pk)
    assert rank_providers(time_need) == []


def test_deleted_organisation_leaves_the_index(time_need):
    organisation = OrganisationFactory(name="Weg", description="Zeiterfassung per App.")
    reindex_organisation(organisation.pk)
    pk = organisation.pk
    organisation.delete()
    reindex_organisation(pk)
    assert not MatchDocument.objects.filter(organisation_id=pk).exists()
    assert rank_providers(time_need) == []


def test_reindex_all_stores_one_document_per_organisation():
    OrganisationFactory.create_batch(3, description="Webdesign")
    assert reindex_all() == 3
    assert MatchDocument.objects.count() == 3
