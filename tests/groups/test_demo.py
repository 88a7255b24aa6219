"""The demo groups: 17 topic groups, three clubs, one invitation-only, one excluding."""

import pytest
from django.db import transaction

from knotenpunkt.demo.builder import install_demo
from knotenpunkt.demo.groups import build_groups_demo
from knotenpunkt.groups import access
from knotenpunkt.groups.models import Group, GroupMembership, MeetingDocument


@pytest.fixture(scope="module")
def demo_groups(django_db_setup, django_db_blocker, tmp_path_factory):
    field = MeetingDocument._meta.get_field("file")
    original = field.storage
    storage = type(original)(location=tmp_path_factory.mktemp("private"))
    field.storage = storage
    try:
        with django_db_blocker.unblock(), transaction.atomic():
            install_demo()
            install_demo()  # the groups are part of it; a second call adds nothing
            assert build_groups_demo() is False
            yield storage
            transaction.set_rollback(True)
    finally:
        field.storage = original


def test_demo_has_17_topic_groups_and_three_clubs(demo_groups, db):
    assert Group.objects.filter(kind="topic_group").count() == 17
    assert Group.objects.filter(kind="club").count() == 3


def test_demo_descriptions_use_the_article_of_the_kind(demo_groups, db):
    assert Group.objects.get(slug="hr-club").description.startswith("Der HR-Club trifft sich")
    assert Group.objects.get(slug="frauen-club").description.startswith("Der Women in Tech Club")
    assert Group.objects.get(slug="ki").description.startswith("Die Fachgruppe Künstliche")


def test_every_demo_group_has_a_lead_and_meetings(demo_groups, db):
    for group in Group.objects.all():
        assert group.memberships.filter(role="lead").exists(), group
        assert group.meetings.count() == 3, group


def test_demo_cio_club_is_invitation_only(demo_groups, db):
    assert Group.objects.get(slug="cio-club").policy == "invitation"


def test_demo_hr_club_has_no_member_of_an_excluded_category(demo_groups, db):
    club = Group.objects.get(slug="hr-club")
    assert club.has_exclusions
    members = GroupMembership.objects.filter(group=club).select_related("person")
    assert members.count() > 1
    assert not any(access.is_excluded_person(m.person, club) for m in members)


def test_demo_member_login_leads_a_group(demo_groups, db, django_user_model):
    member = django_user_model.objects.get(email="member@demo.example")
    build_groups_demo()  # again: adds nothing
    assert access.is_lead(member, Group.objects.get(slug="softwareentwicklung"))


def test_demo_past_meetings_have_a_private_file(demo_groups, db):
    document = MeetingDocument.objects.exclude(file="").first()
    with demo_groups.open(document.file.name) as file:
        assert file.read().startswith(b"**Teilnehmende")
