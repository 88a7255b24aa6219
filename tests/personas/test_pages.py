"""The personas page: staff of the cluster only, sizes and what is typical, never the people."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.personas.models import Computation, Persona
from knotenpunkt.personas.services import compute_personas
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def computed(cluster, population):
    compute_personas(cluster)
    return Persona.objects.filter(cluster=cluster, is_active=True).order_by("-size", "pk")


@pytest.fixture
def erik(other_cluster):
    """Staff of another cluster of the installation."""
    user = UserFactory(email="erik@logistik.example", is_staff=True)
    other_cluster.staff.add(user)
    return user


def test_staff_see_their_clusters_personas_with_size_and_typical_topics(
    client_for, alice, cluster, computed, django_assert_max_num_queries
):
    client = client_for(alice)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("personas:cluster", args=[cluster.slug]))
    page = response.content.decode()
    assert response.status_code == 200
    for persona in computed:
        assert persona.name in page
        assert persona.slug in page
    assert "personas-ki" in page  # a typical topic (the test topic's label is its key)
    assert "Online" in page  # a typical event format


def test_no_page_shows_the_people_of_a_persona(client_for, alice, cluster, computed, population):
    pages = [reverse("personas:cluster", args=[cluster.slug])] + [
        reverse("personas:edit", args=[cluster.slug, p.slug]) for p in computed
    ]
    for url in pages:
        page = client_for(alice).get(url).content.decode()
        for people in population.values():
            for person in people:
                assert person.last_name not in page


def test_staff_of_another_cluster_cannot_see_or_edit_the_personas(
    client_for, erik, cluster, computed
):
    client = client_for(erik)
    persona = computed[0]
    assert client.get(reverse("personas:cluster", args=[cluster.slug])).status_code == 404
    edit = reverse("personas:edit", args=[cluster.slug, persona.slug])
    assert client.get(edit).status_code == 404
    assert client.post(edit, {"name": "Übernommen"}).status_code == 404
    recompute = reverse("personas:recompute", args=[cluster.slug])
    assert client.post(recompute).status_code == 404
    persona.refresh_from_db()
    assert persona.name != "Übernommen"


def test_members_and_guests_may_not_open_the_personas(client_for, carol, client, cluster):
    assert client.get(reverse("personas:index")).status_code == 302  # to the login
    assert client_for(carol).get(reverse("personas:index")).status_code == 403
    url = reverse("personas:cluster", args=[cluster.slug])
    assert client_for(carol).get(url).status_code == 403


def test_staff_of_one_cluster_go_straight_to_its_personas(client_for, alice, cluster):
    response = client_for(alice).get(reverse("personas:index"))
    assert response.status_code == 302
    assert response.url == reverse("personas:cluster", args=[cluster.slug])


def test_staff_give_a_persona_its_name_description_and_goals(client_for, alice, cluster, computed):
    persona = computed[0]
    response = client_for(alice).post(
        reverse("personas:edit", args=[cluster.slug, persona.slug]),
        {"name": "KI-Start-ups", "description": "Junge Firmen", "goals": "Pilotkunden finden"},
        follow=True,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "KI-Start-ups" in page
    assert "Pilotkunden finden" in page
    persona.refresh_from_db()
    assert persona.edited_at is not None
    assert AuditEntry.objects.filter(action="personas.persona.changed").exists()


def test_recompute_now_computes_the_personas_after_commit(
    client_for, alice, cluster, population, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(alice).post(reverse("personas:recompute", args=[cluster.slug]))
    assert response.status_code == 302
    assert Computation.objects.filter(cluster=cluster).exists()
    assert Persona.objects.filter(cluster=cluster, is_active=True).count() >= 2


def test_the_back_office_lists_only_the_users_clusters_personas(
    client_for, alice, erik, cluster, computed
):
    rights = Permission.objects.filter(codename__in=["view_persona", "change_persona"])
    for user in (alice, erik):
        user.user_permissions.add(*rights)
    persona = computed[0]
    assert persona.name in client_for(alice).get("/admin/personas/persona/").content.decode()
    page = client_for(erik).get("/admin/personas/persona/")
    assert page.status_code == 200
    assert persona.name not in page.content.decode()
    assert client_for(erik).get(f"/admin/personas/persona/{persona.pk}/change/").status_code == 404
