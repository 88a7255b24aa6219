"""The access policies, decided in knotenpunkt.groups.access, seen through the pages."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from knotenpunkt.groups import access
from knotenpunkt.groups.models import GroupMembership, MeetingDocument
from knotenpunkt.outbox.models import OutgoingMail
from tests.factories import (
    GroupMembershipFactory,
    MeetingFactory,
    PersonEmailFactory,
)


def document_of(group, content=b"%PDF-1.4 minutes"):
    meeting = MeetingFactory(group=group, minutes="Wir haben **KI-Projekte** besprochen.")
    return MeetingDocument.objects.create(
        meeting=meeting,
        kind="minutes",
        title="Protokoll",
        file=SimpleUploadedFile("protokoll.pdf", content),
        original_name="protokoll.pdf",
    )


def status_of(group, user):
    membership = GroupMembership.objects.filter(group=group, person__user=user).first()
    return membership.status if membership else None


# --- open to all ---


def test_open_group_page_and_documents_are_public(client, make_group):
    group = make_group("open", name="Fachgruppe KI")
    document = document_of(group)
    assert client.get(group.get_absolute_url()).status_code == 200
    response = client.get(reverse("groups:document", args=[group.slug, document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 minutes"


def test_open_group_member_list_is_hidden_from_anonymous_visitors(client, make_group, lena):
    group = make_group("open")
    response = client.get(group.get_absolute_url())
    assert "Lorenzen" in response.text  # the lead is named
    assert not access.can_view_members(response.wsgi_request.user, group)
    assert "1 member" not in response.text


def test_registered_outsider_joins_an_open_group(client_for, make_group, dave):
    group = make_group("open")
    response = client_for(dave).post(reverse("groups:join", args=[group.slug]), follow=True)
    assert status_of(group, dave) == "active"
    assert "Welcome to" in response.text
    assert "Dave Dreyer" in response.text  # now in the member list


# --- open to people of member organisations ---


def test_cluster_member_joins_a_cluster_members_group(client_for, make_group, carol):
    group = make_group("cluster_members")
    client_for(carol).post(reverse("groups:join", args=[group.slug]))
    assert status_of(group, carol) == "active"


def test_outsider_cannot_join_a_cluster_members_group(client_for, make_group, dave):
    group = make_group("cluster_members")
    response = client_for(dave).post(reverse("groups:join", args=[group.slug]), follow=True)
    assert status_of(group, dave) is None
    assert "You cannot join this group." in response.text


def test_people_of_a_former_member_cannot_join(client_for, make_group, carol, member_org):
    member_org.memberships.update(status="ended", end_date="2021-12-31")
    group = make_group("cluster_members")
    client_for(carol).post(reverse("groups:join", args=[group.slug]))
    assert status_of(group, carol) is None


def test_cluster_members_group_shows_members_to_people_of_member_firms_only(
    client_for, make_group, carol, dave
):
    group = make_group("cluster_members")
    assert "1 member" in client_for(carol).get(group.get_absolute_url()).text
    assert "1 member" not in client_for(dave).get(group.get_absolute_url()).text


def test_documents_of_a_cluster_members_group_are_for_its_members(client_for, make_group, carol):
    group = make_group("cluster_members")
    document = document_of(group)
    url = reverse("groups:document", args=[group.slug, document.pk])
    client = client_for(carol)
    assert client.get(url).status_code == 403
    assert "KI-Projekte" not in client.get(group.get_absolute_url()).text
    GroupMembershipFactory(group=group, person=carol.person)
    assert client.get(url).status_code == 200
    assert "<strong>KI-Projekte</strong>" in client.get(group.get_absolute_url()).text


def test_anonymous_visitor_is_sent_to_login_for_a_members_document(client, make_group):
    group = make_group("cluster_members")
    document = document_of(group)
    response = client.get(reverse("groups:document", args=[group.slug, document.pk]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


# --- on request ---


def test_join_request_waits_for_a_lead_who_is_told_by_mail(client_for, make_group, dave):
    group = make_group("on_request", name="Fachgruppe Smart City")
    response = client_for(dave).post(
        reverse("groups:request", args=[group.slug]),
        {"message": "Ich plane ein Projekt in Kiel."},
        follow=True,
    )
    assert status_of(group, dave) == "requested"
    assert "Your request has been sent" in response.text
    mail = OutgoingMail.objects.get(kind="groups_join_request")
    assert mail.to == "lena@foerde.example"
    assert "Dave Dreyer" in mail.subject
    assert "Ich plane ein Projekt in Kiel." in mail.body_text


def test_outsider_cannot_join_an_on_request_group_directly(client_for, make_group, dave):
    group = make_group("on_request")
    client_for(dave).post(reverse("groups:join", args=[group.slug]))
    assert status_of(group, dave) is None


def test_lead_approves_a_join_request_and_the_applicant_is_told(client_for, make_group, lena, dave):
    group = make_group("on_request")
    PersonEmailFactory(person=dave.person, address="dave@example.org")
    membership = GroupMembershipFactory(group=group, person=dave.person, status="requested")
    url = reverse("groups:membership_action", args=[group.slug, membership.pk, "approve"])
    client_for(lena).post(url)
    assert status_of(group, dave) == "active"
    mail = OutgoingMail.objects.get(kind="groups_request_approved")
    assert mail.to == "dave@example.org"


def test_lead_declines_a_join_request(client_for, make_group, lena, dave):
    group = make_group("on_request")
    membership = GroupMembershipFactory(group=group, person=dave.person, status="requested")
    url = reverse("groups:membership_action", args=[group.slug, membership.pk, "decline"])
    client_for(lena).post(url)
    assert status_of(group, dave) is None


def test_a_member_cannot_approve_requests(client_for, make_group, carol, dave):
    group = make_group("on_request")
    GroupMembershipFactory(group=group, person=carol.person)
    membership = GroupMembershipFactory(group=group, person=dave.person, status="requested")
    url = reverse("groups:membership_action", args=[group.slug, membership.pk, "approve"])
    assert client_for(carol).post(url).status_code == 403
    assert status_of(group, dave) == "requested"


def test_documents_of_an_on_request_group_are_hidden_while_the_request_waits(
    client_for, make_group, dave
):
    group = make_group("on_request")
    document = document_of(group)
    GroupMembershipFactory(group=group, person=dave.person, status="requested")
    url = reverse("groups:document", args=[group.slug, document.pk])
    assert client_for(dave).get(url).status_code == 403


# --- invitation only ---


def test_invitation_only_club_is_invisible_to_outsiders(client, client_for, make_group, dave):
    club = make_group("invitation", name="CIO-Club", kind="club")
    assert client.get(club.get_absolute_url()).status_code == 404
    assert client_for(dave).get(club.get_absolute_url()).status_code == 404
    assert "CIO-Club" not in client_for(dave).get(reverse("groups:list")).text


def test_invitation_only_club_documents_are_invisible_to_outsiders(client_for, make_group, carol):
    club = make_group("invitation", kind="club")
    document = document_of(club)
    url = reverse("groups:document", args=[club.slug, document.pk])
    assert client_for(carol).get(url).status_code == 404


def test_member_of_the_club_invites_and_the_invitee_accepts(client_for, make_group, carol, dave):
    club = make_group("invitation", name="CIO-Club", kind="club")
    GroupMembershipFactory(group=club, person=carol.person)
    PersonEmailFactory(person=dave.person, address="dave@example.org")
    response = client_for(carol).post(
        reverse("groups:manage_members", args=[club.slug]),
        {"invite-email": "Dave@Example.org"},
        follow=True,
    )
    assert "has been invited" in response.text
    assert status_of(club, dave) == "invited"
    mail = OutgoingMail.objects.get(kind="groups_invitation")
    assert mail.to == "dave@example.org"
    assert "confidentially" in mail.body_text

    client = client_for(dave)
    page = client.get(club.get_absolute_url())
    assert "Accept the invitation" in page.text
    client.post(reverse("groups:join", args=[club.slug]))
    assert status_of(club, dave) == "active"


def test_invited_person_does_not_see_the_member_list_before_accepting(
    client_for, make_group, carol, dave
):
    club = make_group("invitation", kind="club")
    GroupMembershipFactory(group=club, person=carol.person)
    GroupMembershipFactory(group=club, person=dave.person, status="invited")
    page = client_for(dave).get(club.get_absolute_url())
    assert page.status_code == 200
    assert "Clausen" not in page.text
    assert "Lorenzen" not in page.text  # not even the leads


def test_invited_person_declines(client_for, make_group, dave):
    club = make_group("invitation", kind="club")
    GroupMembershipFactory(group=club, person=dave.person, status="invited")
    client_for(dave).post(reverse("groups:decline_invitation", args=[club.slug]))
    assert status_of(club, dave) is None
    assert client_for(dave).get(club.get_absolute_url()).status_code == 404


def test_nobody_joins_an_invitation_only_club_uninvited(client_for, make_group, carol):
    club = make_group("invitation", kind="club")
    assert client_for(carol).post(reverse("groups:join", args=[club.slug])).status_code == 404
    assert status_of(club, carol) is None


def test_cluster_staff_see_how_many_belong_to_a_club_but_not_who(client_for, make_group, alice):
    club = make_group("invitation", kind="club")
    client = client_for(alice)
    page = client.get(club.get_absolute_url()).text
    manage_page = client.get(reverse("groups:manage_members", args=[club.slug])).text
    assert "1 member" in page
    assert "1 member" in manage_page
    assert "Lorenzen" not in page
    assert "Lorenzen" not in manage_page


def test_cluster_staff_do_not_invite_to_a_club(client_for, make_group, alice):
    club = make_group("invitation", kind="club")
    client = client_for(alice)
    client.post(
        reverse("groups:manage_members", args=[club.slug]), {"invite-email": "x@example.org"}
    )
    assert not access.may_invite(alice, club)
    assert not GroupMembership.objects.filter(group=club, status="invited").exists()


def test_club_member_list_is_shown_to_its_members(client_for, make_group, carol):
    club = make_group("invitation", kind="club")
    GroupMembershipFactory(group=club, person=carol.person)
    page = client_for(carol).get(club.get_absolute_url())
    assert "Lena Lorenzen" in page.text
    assert "2 members" in page.text


def test_unknown_address_gives_a_form_error_not_an_invitation(client_for, make_group, lena):
    group = make_group("on_request")
    response = client_for(lena).post(
        reverse("groups:manage_members", args=[group.slug]),
        {"invite-email": "unbekannt@example.org"},
    )
    assert response.status_code == 200
    assert "Nobody with this e-mail address is known" in response.text
    assert not GroupMembership.objects.filter(status="invited").exists()
