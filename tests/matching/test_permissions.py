"""Visibility of needs and of their authors: one rule set, list and detail agree."""

import pytest
from django.contrib.auth.models import AnonymousUser

from knotenpunkt.matching.models import Contact, Need
from knotenpunkt.matching.services.needs import visible_needs
from tests.factories import ClusterFactory, UserFactory

V = Need.Visibility


def sees(user, need) -> bool:
    return visible_needs(user).filter(pk=need.pk).exists()


@pytest.fixture
def other_staff(other_cluster):
    user = UserFactory(email="olaf@logistik.example")
    other_cluster.staff.add(user)
    return user


def test_public_need_is_visible_to_anonymous_visitors(make_need):
    need = make_need(visibility=V.PUBLIC)
    assert sees(AnonymousUser(), need)
    assert AnonymousUser().has_perm("matching.view_need", need)


def test_members_need_is_visible_to_people_of_member_organisations(make_need, carol):
    need = make_need(visibility=V.MEMBERS)
    assert sees(carol, need)
    assert carol.has_perm("matching.view_need", need)


def test_members_need_is_hidden_from_anonymous_visitors(make_need):
    need = make_need(visibility=V.MEMBERS)
    assert not sees(AnonymousUser(), need)
    assert not AnonymousUser().has_perm("matching.view_need", need)


def test_members_need_is_hidden_from_people_outside_member_organisations(make_need, dave):
    need = make_need(visibility=V.MEMBERS)
    assert not sees(dave, need)
    assert not dave.has_perm("matching.view_need", need)


def test_members_need_is_hidden_from_members_of_another_cluster(make_need, other_cluster, carol):
    need = make_need(visibility=V.MEMBERS, cluster=other_cluster)
    assert not sees(carol, need)
    assert not carol.has_perm("matching.view_need", need)


def test_ended_membership_does_not_open_members_needs(make_need, carol, member_org):
    member_org.memberships.update(status="ended")
    need = make_need(visibility=V.MEMBERS)
    assert not sees(carol, need)


def test_staff_only_need_is_invisible_to_members(make_need, bob, carol):
    need = make_need(visibility=V.STAFF)
    for user in (bob, carol):
        assert not sees(user, need)
        assert not user.has_perm("matching.view_need", need)


def test_staff_only_need_is_visible_to_the_staff_of_its_cluster(make_need, alice):
    need = make_need(visibility=V.STAFF)
    assert sees(alice, need)
    assert alice.has_perm("matching.view_need", need)


def test_staff_only_need_is_invisible_to_staff_of_another_cluster(make_need, other_staff):
    need = make_need(visibility=V.STAFF)
    assert not sees(other_staff, need)
    assert not other_staff.has_perm("matching.view_need", need)


def test_author_organisation_sees_its_own_staff_only_need(make_need, hanna):
    need = make_need(visibility=V.STAFF)
    assert sees(hanna, need)
    assert hanna.has_perm("matching.view_need", need)


def test_anonymous_need_is_visible_to_everyone(make_need, dave):
    need = make_need(visibility=V.ANONYMOUS)
    assert sees(AnonymousUser(), need)
    assert sees(dave, need)


def test_anonymous_need_hides_its_author_from_other_organisations(make_need, carol, paul):
    need = make_need(visibility=V.ANONYMOUS)
    for user in (AnonymousUser(), carol, paul):
        assert not user.has_perm("matching.view_need_author", need)


def test_anonymous_need_shows_its_author_to_author_organisation_and_staff(make_need, hanna, alice):
    need = make_need(visibility=V.ANONYMOUS)
    assert hanna.has_perm("matching.view_need_author", need)
    assert alice.has_perm("matching.view_need_author", need)


def test_anonymous_need_reveals_author_to_provider_once_contact_is_accepted(
    make_need, paul, provider_org
):
    need = make_need(visibility=V.ANONYMOUS)
    contact = Contact.objects.create(need=need, provider=provider_org)
    assert not paul.has_perm("matching.view_need_author", need)
    contact.status = Contact.Status.ACCEPTED
    contact.save()
    paul._matching_viewer = None  # a new request
    assert paul.has_perm("matching.view_need_author", need)


def test_accepted_contact_of_another_provider_reveals_nothing(make_need, paul, member_org):
    need = make_need(visibility=V.ANONYMOUS)
    Contact.objects.create(need=need, provider=member_org, status=Contact.Status.ACCEPTED)
    assert not paul.has_perm("matching.view_need_author", need)


def test_public_need_shows_its_author_to_everyone(make_need):
    need = make_need(visibility=V.PUBLIC)
    assert AnonymousUser().has_perm("matching.view_need_author", need)


@pytest.mark.parametrize("visibility", [v for v, _label in V.choices])
def test_permission_and_queryset_agree_for_every_persona(
    visibility, make_need, alice, bob, carol, dave, hanna, paul, other_staff
):
    need = make_need(visibility=visibility)
    for user in (AnonymousUser(), alice, bob, carol, dave, hanna, paul, other_staff):
        assert sees(user, need) == user.has_perm("matching.view_need", need), (user, visibility)


def test_platform_admin_sees_every_need(make_need):
    admin = UserFactory(is_superuser=True)
    need = make_need(visibility=V.STAFF, cluster=ClusterFactory())
    assert sees(admin, need)


def test_only_people_with_an_organisation_may_post_needs(hanna, dave):
    assert hanna.has_perm("matching.post_need")
    assert not dave.has_perm("matching.post_need")
    assert not AnonymousUser().has_perm("matching.post_need")


def test_provider_may_express_interest_but_not_in_own_organisations_need(make_need, paul, hanna):
    need = make_need()
    assert paul.has_perm("matching.express_interest", need)
    assert not hanna.has_perm("matching.express_interest", need)


def test_nobody_expresses_interest_in_a_closed_need(make_need, paul):
    need = make_need(status=Need.Status.CLOSED)
    assert not paul.has_perm("matching.express_interest", need)


def test_only_author_organisation_decides_on_a_contact(make_need, hanna, paul, alice, provider_org):
    contact = Contact.objects.create(need=make_need(), provider=provider_org)
    assert hanna.has_perm("matching.decide_contact", contact)
    assert not paul.has_perm("matching.decide_contact", contact)
    assert not alice.has_perm("matching.decide_contact", contact)


def test_either_side_or_staff_marks_a_cooperation(
    make_need, hanna, paul, alice, carol, provider_org
):
    contact = Contact.objects.create(need=make_need(), provider=provider_org)
    for user in (hanna, paul, alice):
        assert user.has_perm("matching.mark_cooperation", contact)
    assert not carol.has_perm("matching.mark_cooperation", contact)


def test_profile_is_edited_by_organisation_admins_not_by_other_people(member_org, bob, carol, dave):
    assert bob.has_perm("matching.edit_profile", member_org)
    assert not carol.has_perm("matching.edit_profile", member_org)
    assert not dave.has_perm("matching.edit_profile", member_org)


def test_board_is_for_cluster_staff_only(alice, bob):
    assert alice.has_perm("matching.view_board")
    assert not bob.has_perm("matching.view_board")
