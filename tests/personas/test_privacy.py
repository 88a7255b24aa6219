"""Consent, export and erasure: a person's persona membership is theirs alone."""

import pytest
from django.urls import reverse

from knotenpunkt.feed.services.usage import set_profiling_consent
from knotenpunkt.personas.models import Persona, PersonaMembership
from knotenpunkt.personas.services import compute_personas
from knotenpunkt.privacy.services import erase_person, export_person_data, withdraw_consent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(cluster, population):
    compute_personas(cluster)
    person = population["ai"][0]
    person.user = UserFactory(email="ki@example.org")
    person.save()
    return person


def test_withdrawing_the_consent_on_the_privacy_page_removes_the_membership_at_once(member):
    assert PersonaMembership.objects.filter(person=member).exists()
    withdraw_consent(member.user, member, "profiling")
    assert not PersonaMembership.objects.filter(person=member).exists()


def test_withdrawing_the_consent_on_the_feed_page_removes_the_membership_at_once(member):
    set_profiling_consent(member.user, member, False, source="feed page")
    assert not PersonaMembership.objects.filter(person=member).exists()


def test_a_persona_that_falls_below_five_people_is_no_longer_used(cluster, member):
    persona = Persona.objects.get(memberships__person=member)
    others = list(persona.memberships.exclude(person=member).select_related("person"))
    for membership in others[: persona.size - 5]:
        withdraw_consent(None, membership.person, "profiling")
    persona.refresh_from_db()
    assert persona.size == 5
    withdraw_consent(member.user, member, "profiling")
    persona.refresh_from_db()
    assert not persona.is_active
    assert not persona.memberships.exists()


def test_the_withdrawal_recomputes_the_clusters_personas_after_commit(
    cluster, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_consent(member.user, member, "profiling")
    assert not PersonaMembership.objects.filter(person=member).exists()
    assert PersonaMembership.objects.filter(cluster=cluster).count() == 13


def test_the_export_names_the_persona_the_person_is_in(cluster, member):
    persona = Persona.objects.get(memberships__person=member)
    data = export_person_data(member.user, member)
    assert data["personas"] == [
        {
            "cluster": cluster.name,
            "persona": persona.name,
            "description": persona.description,
            "goals": persona.goals,
            "since": persona.memberships.get(person=member).assigned_at.isoformat(),
        }
    ]


def test_erasure_removes_the_membership(member):
    erase_person(None, member)
    assert not PersonaMembership.objects.filter(person=member).exists()


def test_the_privacy_page_shows_the_person_their_persona(client_for, member):
    persona = Persona.objects.get(memberships__person=member)
    page = client_for(member.user).get(reverse("privacy:overview")).content.decode()
    assert persona.name in page
