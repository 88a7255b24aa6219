"""Processes: who sees and moderates them, the process page, invitations."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from knotenpunkt.participation.models import Invitation, Process
from knotenpunkt.participation.rules import visible_processes
from knotenpunkt.participation.services.processes import accept_invitation, create_process
from tests.factories import OrganisationFactory, PersonFactory, PositionFactory, UserFactory


@pytest.mark.django_db
def test_members_only_process_is_seen_by_members_and_staff_not_by_others(
    process, alice, bob, carol, dave, django_user_model
):
    from django.contrib.auth.models import AnonymousUser

    assert process in visible_processes(carol)
    assert process in visible_processes(bob)
    assert process in visible_processes(alice)
    assert process not in visible_processes(dave)
    assert process not in visible_processes(AnonymousUser())


@pytest.mark.django_db
def test_an_unpublished_process_is_seen_by_its_moderators_only(process, alice, carol):
    process.is_published = False
    process.save()
    assert process in visible_processes(alice)
    assert process not in visible_processes(carol)


@pytest.mark.django_db
def test_staff_of_another_cluster_neither_see_nor_moderate_it(process, other_cluster):
    outsider = UserFactory(email="olga@logistik.example")
    other_cluster.staff.add(outsider)
    assert process not in visible_processes(outsider)
    assert not outsider.has_perm("participation.moderate_process", process)


@pytest.mark.django_db
def test_an_invitation_opens_an_invitation_only_process_to_the_account_that_accepts(
    process, dave, carol
):
    process.visibility = Process.Visibility.INVITED
    process.save()
    assert process not in visible_processes(carol)
    invitation = Invitation.objects.create(process=process, email="dave@example.org")
    assert process not in visible_processes(dave)
    accept_invitation(dave, invitation.token)
    assert process in visible_processes(dave)
    assert dave.has_perm("participation.take_part", process)
    with pytest.raises(ValidationError, match="another account"):
        accept_invitation(carol, invitation.token)
    assert process not in visible_processes(carol)


@pytest.mark.django_db
def test_a_public_body_runs_a_process_its_admins_moderate(db):
    county = OrganisationFactory(name="Landkreis Mittelsachsen", actor_type="public")
    admin = UserFactory(email="wifoe@landkreis.example")
    PositionFactory(person=PersonFactory(user=admin), organisation=county, is_admin=True)
    assert admin.has_perm("participation.create_process", county)
    made = create_process(admin, county, title="Bürgerbeteiligung", summary="…")
    assert admin.has_perm("participation.moderate_process", made)
    firm = OrganisationFactory(name="Nordlicht Software GmbH", actor_type="business")
    with pytest.raises(ValidationError, match="public body"):
        create_process(admin, firm, title="Nein", summary="…")


@pytest.mark.django_db
def test_the_process_page_shows_where_it_stands(client_for, process, carol):
    page = client_for(carol).get(reverse("participation:process", args=[process.slug]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Digitalstrategie Landkreis 2035" in text
    assert 'aria-current="step"' in text
    assert text.index("Workshop") < text.index("Bürgerdialog")


@pytest.mark.django_db
def test_a_process_one_may_not_see_answers_404(client, process):
    response = client.get(reverse("participation:process", args=[process.slug]))
    assert response.status_code == 404
