"""Leads manage their group and nothing else; cluster staff manage their clusters' groups."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.groups import services
from knotenpunkt.groups.models import Group, GroupMembership, Meeting, MeetingDocument
from tests.factories import (
    ClusterFactory,
    GroupFactory,
    GroupMembershipFactory,
    MeetingFactory,
    UserFactory,
)


def test_lead_edits_the_description_but_not_the_policy(client_for, make_group, lena):
    group = make_group("on_request")
    client_for(lena).post(
        reverse("groups:edit", args=[group.slug]),
        {"summary": "Wir treffen uns monatlich.", "description": "Neu", "policy": "open"},
    )
    group.refresh_from_db()
    assert group.summary == "Wir treffen uns monatlich."
    assert group.policy == "on_request"
    assert AuditEntry.objects.filter(action="groups.group.changed").exists()


def test_lead_has_no_staff_rights_elsewhere(make_group, lena, member_org):
    make_group("open")
    assert not lena.has_perm("directory.view_dashboard")
    assert not lena.has_perm("directory.edit_organisation", member_org)
    assert not lena.has_perm("groups.create_group")


def test_lead_of_one_group_cannot_manage_another(client_for, make_group, lena, cluster):
    other = GroupFactory(clusters=[cluster])
    client = client_for(lena)
    assert client.get(reverse("groups:edit", args=[other.slug])).status_code == 403
    assert client.get(reverse("groups:manage_members", args=[other.slug])).status_code == 403
    assert client.get(reverse("groups:meeting_create", args=[other.slug])).status_code == 403


@pytest.mark.parametrize("persona", ["carol", "dave", "bob"])
def test_members_and_outsiders_cannot_manage(client_for, make_group, persona, request):
    group = make_group("open")
    user = request.getfixturevalue(persona)
    client = client_for(user)
    assert client.get(reverse("groups:edit", args=[group.slug])).status_code == 403
    assert client.get(reverse("groups:meeting_create", args=[group.slug])).status_code == 403
    assert client.get(reverse("groups:create")).status_code == 403


def test_anonymous_visitors_are_sent_to_login_for_management(client, make_group):
    group = make_group("open")
    response = client.get(reverse("groups:edit", args=[group.slug]))
    assert response.status_code == 302


def test_staff_of_another_cluster_cannot_manage(client_for, make_group, other_cluster):
    group = make_group("open")
    stranger = UserFactory(is_staff=True)
    other_cluster.staff.add(stranger)
    assert client_for(stranger).get(reverse("groups:edit", args=[group.slug])).status_code == 403


def test_staff_change_the_policy(client_for, make_group, alice, cluster):
    group = make_group("open")
    client_for(alice).post(
        reverse("groups:edit", args=[group.slug]),
        {
            "name": group.name,
            "slug": group.slug,
            "kind": "topic_group",
            "policy": "on_request",
            "clusters": [cluster.pk],
        },
    )
    group.refresh_from_db()
    assert group.policy == "on_request"


def test_staff_create_a_group_only_in_their_own_clusters(client_for, alice, cluster):
    foreign = ClusterFactory()
    client = client_for(alice)
    data = {"name": "Fachgruppe IT-Recht", "slug": "it-recht", "kind": "topic_group"}
    response = client.post(
        reverse("groups:create"), {**data, "policy": "open", "clusters": [foreign.pk]}
    )
    assert response.status_code == 200
    assert not Group.objects.exists()
    client.post(reverse("groups:create"), {**data, "policy": "open", "clusters": [cluster.pk]})
    assert Group.objects.get().clusters.get() == cluster


def test_staff_appoint_the_founders_of_a_club(client_for, alice, cluster, carol):
    club = GroupFactory(policy="invitation", kind="club", clusters=[cluster])
    carol.person.emails.create(address="carol@nordlicht.example", is_primary=True)
    client_for(alice).post(
        reverse("groups:manage_members", args=[club.slug]),
        {"add-email": "carol@nordlicht.example", "add-role": "lead"},
    )
    membership = GroupMembership.objects.get(group=club)
    assert (membership.person, membership.role, membership.status) == (
        carol.person,
        "lead",
        "active",
    )


def test_lead_removes_a_member(client_for, make_group, lena, carol):
    group = make_group("open")
    membership = GroupMembershipFactory(group=group, person=carol.person)
    url = reverse("groups:membership_action", args=[group.slug, membership.pk, "remove"])
    client_for(lena).post(url)
    assert not GroupMembership.objects.filter(pk=membership.pk).exists()


def test_lead_appoints_a_second_lead(client_for, make_group, lena, carol):
    group = make_group("open")
    membership = GroupMembershipFactory(group=group, person=carol.person)
    url = reverse("groups:membership_action", args=[group.slug, membership.pk, "make_lead"])
    client_for(lena).post(url)
    membership.refresh_from_db()
    assert membership.role == "lead"


def test_the_last_lead_cannot_leave(client_for, make_group, lena):
    group = make_group("open")
    response = client_for(lena).post(reverse("groups:leave", args=[group.slug]), follow=True)
    assert "A group needs a lead" in response.text
    assert GroupMembership.objects.filter(group=group, person=lena.person).exists()


def test_member_leaves(client_for, make_group, carol):
    group = make_group("open")
    GroupMembershipFactory(group=group, person=carol.person)
    client_for(carol).post(reverse("groups:leave", args=[group.slug]))
    assert not GroupMembership.objects.filter(group=group, person=carol.person).exists()


def test_unknown_member_action_is_not_found(client_for, make_group, lena, carol):
    group = make_group("open")
    membership = GroupMembershipFactory(group=group, person=carol.person)
    url = reverse("groups:membership_action", args=[group.slug, membership.pk, "promote"])
    assert client_for(lena).post(url).status_code == 404


def test_joining_twice_gives_one_membership(make_group, carol):
    group = make_group("open")
    services.join_group(carol, group)
    with pytest.raises(ValidationError):
        services.join_group(carol, group)
    assert GroupMembership.objects.filter(group=group, person=carol.person).count() == 1


# --- meetings and documents ---


def test_lead_plans_a_meeting(client_for, make_group, lena):
    group = make_group("open")
    client_for(lena).post(
        reverse("groups:meeting_create", args=[group.slug]),
        {"title": "Frühjahrstreffen", "starts_at": "2030-03-12T18:00", "location": "Kiel"},
    )
    meeting = Meeting.objects.get(group=group)
    assert meeting.title == "Frühjahrstreffen"


def test_meeting_that_ends_before_it_starts_is_a_form_error(client_for, make_group, lena):
    group = make_group("open")
    response = client_for(lena).post(
        reverse("groups:meeting_create", args=[group.slug]),
        {"title": "X", "starts_at": "2030-03-12T18:00", "ends_at": "2030-03-12T17:00"},
    )
    assert response.status_code == 200
    assert "cannot end before it starts" in response.text
    assert not Meeting.objects.exists()


def test_lead_uploads_slides_into_the_private_storage(client_for, make_group, lena, settings):
    group = make_group("cluster_members")
    meeting = MeetingFactory(group=group)
    client_for(lena).post(
        reverse("groups:document_add", args=[group.slug, meeting.pk]),
        {
            "kind": "slides",
            "title": "Folien KI-Recht",
            "file": SimpleUploadedFile("folien.pdf", b"%PDF-1.4 folien"),
        },
    )
    document = MeetingDocument.objects.get()
    assert document.original_name == "folien.pdf"
    assert "folien" not in document.file.name  # a random, unguessable name
    assert not (settings.MEDIA_ROOT / document.file.name).exists()
    assert document.file.storage.exists(document.file.name)


def test_lead_adds_a_link(client_for, make_group, lena):
    group = make_group("open")
    meeting = MeetingFactory(group=group)
    client_for(lena).post(
        reverse("groups:document_add", args=[group.slug, meeting.pk]),
        {"kind": "link", "title": "Miro-Board", "url": "miro.com/board/1"},
    )
    assert MeetingDocument.objects.get().url == "https://miro.com/board/1"


def test_executable_upload_is_refused(client_for, make_group, lena):
    group = make_group("open")
    meeting = MeetingFactory(group=group)
    response = client_for(lena).post(
        reverse("groups:document_add", args=[group.slug, meeting.pk]),
        {"kind": "file", "title": "Tool", "file": SimpleUploadedFile("tool.exe", b"MZ")},
    )
    assert response.status_code == 200
    assert "Please upload a PDF" in response.text
    assert not MeetingDocument.objects.exists()


def test_document_needs_a_file_or_a_link(client_for, make_group, lena):
    group = make_group("open")
    meeting = MeetingFactory(group=group)
    response = client_for(lena).post(
        reverse("groups:document_add", args=[group.slug, meeting.pk]),
        {"kind": "file", "title": "Leer"},
    )
    assert "Add either a file or a link" in response.text


def test_removed_document_file_is_deleted(
    client_for, make_group, lena, django_capture_on_commit_callbacks
):
    group = make_group("open")
    meeting = MeetingFactory(group=group)
    document = MeetingDocument.objects.create(
        meeting=meeting, title="Alt", file=SimpleUploadedFile("alt.pdf", b"%PDF")
    )
    storage, name = document.file.storage, document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        client_for(lena).post(reverse("groups:document_delete", args=[group.slug, document.pk]))
    assert not MeetingDocument.objects.exists()
    assert not storage.exists(name)


def test_member_cannot_remove_documents(client_for, make_group, carol):
    group = make_group("open")
    GroupMembershipFactory(group=group, person=carol.person)
    meeting = MeetingFactory(group=group)
    document = MeetingDocument.objects.create(meeting=meeting, title="L", url="https://x.example")
    url = reverse("groups:document_delete", args=[group.slug, document.pk])
    assert client_for(carol).post(url).status_code == 403


# --- lists ---


def test_group_list_shows_kind_policy_and_own_membership(client_for, make_group, carol):
    group = make_group("open", name="Fachgruppe Software")
    GroupMembershipFactory(group=group, person=carol.person)
    page = client_for(carol).get(reverse("groups:list"))
    assert "Fachgruppe Software" in page.text
    assert "You are a member" in page.text


def test_group_list_needs_few_queries(client_for, make_group, carol, django_assert_max_num_queries):
    for _n in range(15):
        group = make_group("open")
        GroupMembershipFactory(group=group, person=carol.person)
    client = client_for(carol)
    with django_assert_max_num_queries(16):
        page = client.get(reverse("groups:list"))
    assert page.text.count("You are a member") == 15


def test_group_page_needs_few_queries(client_for, make_group, carol, django_assert_max_num_queries):
    group = make_group("open")
    for _n in range(5):
        meeting = MeetingFactory(group=group)
        MeetingDocument.objects.create(meeting=meeting, title="L", url="https://x.example")
        GroupMembershipFactory(group=group)
    client = client_for(carol)
    with django_assert_max_num_queries(30):
        page = client.get(group.get_absolute_url())
    assert "6 members" in page.text
