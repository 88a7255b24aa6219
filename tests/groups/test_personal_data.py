"""Group memberships follow a merge and belong to a person's export and erasure."""

from knotenpunkt.groups.models import GroupMembership
from knotenpunkt.privacy.services import erase_person, export_person_data
from knotenpunkt.quality.services.merge import merge_people
from tests.factories import GroupFactory, GroupMembershipFactory, PersonFactory


def test_merge_keeps_one_membership_per_group(alice, cluster):
    survivor, loser = PersonFactory(), PersonFactory()
    both, only_loser = GroupFactory(clusters=[cluster]), GroupFactory(clusters=[cluster])
    GroupMembershipFactory(group=both, person=survivor)
    GroupMembershipFactory(group=both, person=loser)
    GroupMembershipFactory(group=only_loser, person=loser, role="lead")
    merge_people(survivor, loser, user=alice)
    assert sorted(m.group_id for m in survivor.group_memberships.all()) == sorted(
        [both.pk, only_loser.pk]
    )


def test_export_lists_the_groups_of_a_person(carol, cluster):
    GroupMembershipFactory(
        group=GroupFactory(name="HR-Club", clusters=[cluster]), person=carol.person
    )
    data = export_person_data(carol, carol.person)
    assert data["groups"]["memberships"][0]["group"] == "HR-Club"


def test_erasure_removes_the_person_from_every_group(carol, cluster):
    person = carol.person
    GroupMembershipFactory(group=GroupFactory(clusters=[cluster]), person=person)
    erase_person(carol, person)
    assert not GroupMembership.objects.filter(person=person).exists()
