"""Exclusion by the organisation's attributes (e.g. an HR club without HR consultants)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from knotenpunkt.directory.models import Topic
from knotenpunkt.groups import access, services
from knotenpunkt.groups.models import GroupMembership
from tests.factories import (
    GroupMembershipFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.groups.conftest import person_at


@pytest.fixture
def hr_club(make_group):
    club = make_group(
        "cluster_members", name="HR-Club", kind="club", excluded_wz_prefixes="78, 70.22"
    )
    recruiting, _ = Topic.objects.get_or_create(
        slug="fachkraeftegewinnung",
        defaults={"label_de": "Fachkräftegewinnung & Recruiting", "label_en": "Recruiting"},
    )
    club.excluded_topics.add(recruiting)
    return club


def hr_person_at(cluster, *, wz_code="", topics=(), email=""):
    firm = OrganisationFactory(wz_code=wz_code)
    firm.topics.set(topics)
    MembershipFactory(organisation=firm, cluster=cluster)
    user = UserFactory()
    person_at(firm, user=user, email=email)
    return user


def test_hr_service_provider_cannot_join_by_sector(client_for, hr_club, cluster):
    staffing = hr_person_at(cluster, wz_code="78.20")
    response = client_for(staffing).post(reverse("groups:join", args=[hr_club.slug]), follow=True)
    assert not GroupMembership.objects.filter(group=hr_club).exclude(role="lead").exists()
    assert "not open to people of your organisation" in response.text


def test_hr_consultant_is_excluded_by_the_sub_sector_prefix(hr_club, cluster):
    consultant = hr_person_at(cluster, wz_code="70.22")
    assert access.is_excluded(consultant, hr_club)
    assert not access.may_join(consultant, hr_club)


def test_recruiting_firm_is_excluded_by_its_topic(hr_club, cluster):
    recruiter = hr_person_at(cluster, topics=hr_club.excluded_topics.all())
    assert not access.may_join(recruiter, hr_club)


def test_personnel_manager_of_a_software_firm_may_join(hr_club, cluster):
    manager = hr_person_at(cluster, wz_code="62.01")
    assert access.may_join(manager, hr_club)


def test_prefix_matches_whole_code_parts_only_as_written(hr_club, cluster):
    # 70.22 excludes management consultants, not 70.10 (head offices).
    head_office = hr_person_at(cluster, wz_code="70.10")
    assert access.may_join(head_office, hr_club)


def test_lead_cannot_invite_an_excluded_person(client_for, hr_club, cluster, lena):
    hr_person_at(cluster, wz_code="78.10", email="hr@zeitarbeit.example")
    response = client_for(lena).post(
        reverse("groups:manage_members", args=[hr_club.slug]),
        {"invite-email": "hr@zeitarbeit.example"},
    )
    assert "works at an organisation this group excludes" in response.text
    assert not GroupMembership.objects.filter(status="invited").exists()


def test_approval_of_an_excluded_person_is_refused(make_group, cluster, lena):
    group = make_group("on_request", excluded_wz_prefixes="78")
    staffing = hr_person_at(cluster, wz_code="78.30")
    membership = GroupMembershipFactory(group=group, person=staffing.person, status="requested")
    with pytest.raises(ValidationError):
        services.approve_request(lena, membership)


def test_member_whose_firm_changes_sector_is_no_longer_eligible_for_events(hr_club, cluster):
    manager = hr_person_at(cluster, wz_code="62.01")
    GroupMembershipFactory(group=hr_club, person=manager.person)
    assert access.eligible_for(manager, hr_club)
    manager.person.positions.first().organisation.__class__.objects.filter(
        positions__person=manager.person
    ).update(wz_code="78.10")
    assert not access.eligible_for(manager, hr_club)


def test_staff_form_rejects_a_prefix_that_is_not_a_wz_code(client_for, hr_club, alice):
    response = client_for(alice).post(
        reverse("groups:edit", args=[hr_club.slug]),
        {
            "name": hr_club.name,
            "slug": hr_club.slug,
            "kind": "club",
            "policy": "cluster_members",
            "clusters": [c.pk for c in hr_club.clusters.all()],
            "excluded_wz_prefixes": "Personalberatung",
        },
    )
    assert response.status_code == 200
    assert "is not the start of a WZ code" in response.text
