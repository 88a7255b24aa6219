"""The directory's rules: each role gets what it may and is refused what it may not."""

import pytest
from django.contrib.auth.models import AnonymousUser

from knotenpunkt.directory.rules import (
    clusters_looked_after,
    visible_organisations,
    visible_people,
)
from tests.factories import ClusterFactory, MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture
def foreign_org(other_cluster):
    org = OrganisationFactory(name="Fremde Firma GmbH")
    MembershipFactory(organisation=org, cluster=other_cluster)
    return org


def test_cluster_staff_may_edit_organisations_of_their_cluster(alice, member_org):
    assert alice.has_perm("directory.edit_organisation", member_org)


def test_cluster_staff_may_not_edit_organisations_of_another_cluster(alice, foreign_org):
    assert not alice.has_perm("directory.edit_organisation", foreign_org)


def test_organisation_admin_may_edit_own_organisation_only(bob, member_org, foreign_org):
    assert bob.has_perm("directory.edit_organisation", member_org)
    assert bob.has_perm("directory.manage_people", member_org)
    assert not bob.has_perm("directory.edit_organisation", foreign_org)


def test_member_without_admin_right_may_not_edit_organisation(carol, member_org):
    assert not carol.has_perm("directory.edit_organisation", member_org)


def test_everyone_may_view_a_listed_member(member_org, dave):
    assert AnonymousUser().has_perm("directory.view_organisation", member_org)
    assert dave.has_perm("directory.view_organisation", member_org)


def test_unlisted_organisation_is_hidden_from_outsiders(member_org, dave, bob):
    member_org.is_listed = False
    member_org.save()
    assert not dave.has_perm("directory.view_organisation", member_org)
    assert bob.has_perm("directory.view_organisation", member_org)


def test_person_is_edited_by_self_admin_and_staff_not_by_colleague(alice, bob, carol, dave):
    carol_person = carol.person
    assert carol.has_perm("directory.edit_person", carol_person)
    assert bob.has_perm("directory.edit_person", carol_person)
    assert alice.has_perm("directory.edit_person", carol_person)
    assert not dave.has_perm("directory.edit_person", carol_person)
    assert not carol.has_perm("directory.edit_person", bob.person)


def test_dashboard_is_for_cluster_staff_only(alice, bob, dave):
    assert alice.has_perm("directory.view_dashboard")
    assert not bob.has_perm("directory.view_dashboard")
    assert not dave.has_perm("directory.view_dashboard")


def test_staff_see_figures_of_own_cluster_only(alice, cluster):
    assert alice.has_perm("directory.view_cluster_figures", cluster)
    assert not alice.has_perm("directory.view_cluster_figures", ClusterFactory())


def test_only_self_and_staff_may_export_or_erase_a_person(alice, bob, carol, dave):
    person = carol.person
    for perm in ("privacy.export_person_data", "privacy.erase_person"):
        assert carol.has_perm(perm, person)
        assert alice.has_perm(perm, person)
        assert not dave.has_perm(perm, person)
        assert not bob.has_perm(perm, person)


def test_clusters_looked_after_are_the_staffed_ones_and_all_for_platform_admins(
    alice, cluster, other_cluster
):
    assert list(clusters_looked_after(alice)) == [cluster]
    assert set(clusters_looked_after(UserFactory(is_superuser=True))) == {cluster, other_cluster}
    assert not clusters_looked_after(AnonymousUser()).exists()


def test_who_looks_after_no_cluster_sees_no_records_not_even_prospects(bob, member_org):
    prospect = OrganisationFactory(name="Interessent GmbH")
    for user in (bob, AnonymousUser()):
        assert not visible_organisations(user).filter(pk__in=[prospect.pk, member_org.pk])
        assert not visible_people(user).exists()


def test_staff_see_their_members_and_prospects_but_not_other_clusters(
    alice, member_org, foreign_org
):
    prospect = OrganisationFactory(name="Interessent GmbH")
    assert set(visible_organisations(alice)) == {member_org, prospect}
