"""Moderators run a process: settings, phases, moderators, invitations by mail."""

from datetime import date

import pytest
from django.urls import reverse

from knotenpunkt.outbox.models import OutgoingMail
from knotenpunkt.participation.models import Invitation, Process
from tests.factories import UserFactory


@pytest.mark.django_db
def test_staff_create_a_process_for_their_cluster_and_moderate_it(client_for, alice, cluster):
    client = client_for(alice)
    response = client.post(
        reverse("participation:process_new"),
        {
            "owner": f"cluster-{cluster.pk}",
            "title": "Digitalstrategie 2035",
            "summary": "Vision, Werte, Ziele und Maßnahmen",
            "visibility": "invited",
        },
    )
    process = Process.objects.get(title="Digitalstrategie 2035")
    assert response.status_code == 302
    assert response["Location"] == reverse("participation:manage", args=[process.slug])
    assert process.cluster == cluster
    assert not process.is_published
    assert alice in process.moderators.all()


@pytest.mark.django_db
def test_nobody_creates_a_process_for_a_cluster_they_do_not_look_after(
    client_for, alice, other_cluster
):
    response = client_for(alice).post(
        reverse("participation:process_new"),
        {
            "owner": f"cluster-{other_cluster.pk}",
            "title": "X",
            "summary": "Y",
            "visibility": "public",
        },
    )
    assert response.status_code == 200  # the form again, with the choice refused
    assert not Process.objects.filter(title="X").exists()


@pytest.mark.django_db
def test_a_member_may_not_manage_processes(client_for, carol, process):
    client = client_for(carol)
    assert client.get(reverse("participation:manage_list")).status_code == 403
    assert client.get(reverse("participation:manage", args=[process.slug])).status_code == 404


@pytest.mark.django_db
def test_a_phase_that_ends_before_it_starts_is_refused_and_the_input_kept(
    client_for, alice, process
):
    response = client_for(alice).post(
        reverse("participation:phase_add", args=[process.slug]),
        {
            "title": "Expertenbefragung",
            "module": "survey",
            "starts_on": "2027-03-10",
            "ends_on": "2027-03-01",
        },
    )
    assert response.status_code == 400
    assert 'value="Expertenbefragung"' in response.content.decode()
    assert not process.phases.filter(title="Expertenbefragung").exists()


@pytest.mark.django_db
def test_a_phase_is_added_and_shown_on_the_process_page(client_for, alice, process):
    client = client_for(alice)
    client.post(
        reverse("participation:phase_add", args=[process.slug]),
        {
            "title": "Expertenbefragung",
            "module": "survey",
            "starts_on": "2027-03-01",
            "ends_on": "2027-03-31",
        },
    )
    assert process.phases.get(title="Expertenbefragung").ends_on == date(2027, 3, 31)
    page = client.get(reverse("participation:process", args=[process.slug])).content.decode()
    assert "Expertenbefragung" in page


@pytest.mark.django_db
def test_invitations_are_mailed_once_per_address(client_for, alice, process):
    client = client_for(alice)
    url = reverse("participation:invitations_send", args=[process.slug])
    client.post(url, {"emails": "expertin@hs-mittweida.example\nberater@kanzlei.example"})
    client.post(url, {"emails": "Expertin@hs-mittweida.example"})
    assert Invitation.objects.filter(process=process).count() == 2
    mails = OutgoingMail.objects.filter(kind="participation_invitation")
    assert sorted(mails.values_list("to", flat=True)) == [
        "berater@kanzlei.example",
        "expertin@hs-mittweida.example",
    ]
    invitation = Invitation.objects.get(email="expertin@hs-mittweida.example")
    assert (
        reverse("participation:accept_invitation", args=[invitation.token])
        in mails.get(to="expertin@hs-mittweida.example").body_text
    )


@pytest.mark.django_db
def test_a_wrong_address_refuses_the_whole_list_and_keeps_it(client_for, alice, process):
    response = client_for(alice).post(
        reverse("participation:invitations_send", args=[process.slug]),
        {"emails": "gut@example.org, kein-at-zeichen"},
    )
    assert response.status_code == 400
    assert "kein-at-zeichen" in response.content.decode()
    assert not Invitation.objects.filter(process=process).exists()


@pytest.mark.django_db
def test_the_last_moderator_cannot_be_removed(client_for, alice, process):
    client = client_for(alice)
    client.post(
        reverse("participation:moderator_remove", args=[process.slug, alice.pk]), follow=True
    )
    assert alice in process.moderators.all()
    helper = UserFactory(email="moderation@cluster.example")
    client.post(
        reverse("participation:moderator_add", args=[process.slug]), {"email": helper.email}
    )
    assert helper in process.moderators.all()
    client.post(reverse("participation:moderator_remove", args=[process.slug, alice.pk]))
    assert list(process.moderators.all()) == [helper]
