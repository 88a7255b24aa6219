"""The staff invite members as portrait authors on a page of the platform: only people of
their cluster's member organisations, told by mail, and the invitation can be ended."""

import pytest
from django.urls import reverse

from knotenpunkt.outbox.models import OutgoingMail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
AUTHORS = reverse("website:authors")


def test_staff_invite_a_member_who_gets_a_mail_and_the_cms(client_for, alice, bob, site_a):
    page = client_for(alice).get(AUTHORS)
    assert page.status_code == 200
    assert "Bob Brandt (bob@nordlicht.example)" in page.text  # offered in the list
    assert "Nobody is invited" in page.text or "Noch niemand" in page.text
    response = client_for(alice).post(
        AUTHORS, {"site": site_a.pk, "user": bob.pk, "action": "invite"}, follow=True
    )
    assert "bob@nordlicht.example" in response.text
    assert site_a.authors.user_set.filter(pk=bob.pk).exists()
    mail = OutgoingMail.objects.get(kind="website_author_invited", to="bob@nordlicht.example")
    assert "/cms/" in mail.body_text
    assert client_for(bob).get("/cms/").status_code == 200


def test_ending_an_invitation_closes_the_editor(client_for, alice, bob, site_a):
    client_for(alice).post(AUTHORS, {"site": site_a.pk, "user": bob.pk})
    client_for(alice).post(AUTHORS, {"site": site_a.pk, "user": bob.pk, "action": "revoke"})
    assert not site_a.authors.user_set.filter(pk=bob.pk).exists()
    assert client_for(bob).get("/cms/").status_code != 200


def test_people_outside_the_member_organisations_cannot_be_invited(client_for, alice, dave, site_a):
    page = client_for(alice).get(AUTHORS)
    assert "dave@example.org" not in page.text
    response = client_for(alice).post(
        AUTHORS, {"site": site_a.pk, "user": dave.pk, "action": "invite"}, follow=True
    )
    assert not site_a.authors.user_set.filter(pk=dave.pk).exists()
    assert "dave@example.org" not in [m.to for m in OutgoingMail.objects.all()]
    assert response.status_code == 200


def test_staff_of_another_cluster_and_members_are_refused(
    client_for, bob, other_cluster, site_a, site_b
):
    other_staff = UserFactory(email="olga@logistik.example", is_staff=True)
    other_cluster.staff.add(other_staff)
    page = client_for(other_staff).get(AUTHORS)
    assert page.status_code == 200
    assert site_a.cluster.name not in page.text
    refused = client_for(other_staff).post(
        AUTHORS, {"site": site_a.pk, "user": bob.pk, "action": "invite"}
    )
    assert refused.status_code == 404
    assert not site_a.authors.user_set.exists()
    assert client_for(bob).get(AUTHORS).status_code == 403
