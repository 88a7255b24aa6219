import json

from django.urls import reverse

from knotenpunkt.directory.models import Person
from knotenpunkt.directory.services import statistics
from knotenpunkt.privacy.models import Consent
from knotenpunkt.privacy.services import record_consent
from tests.factories import PersonEmailFactory


def test_export_contains_everything_stored_about_the_person(client_for, carol):
    PersonEmailFactory(person=carol.person, address="carol.privat@example.org")
    record_consent(carol.person, Consent.Purpose.NEWSLETTER, True, source="test")
    response = client_for(carol).get(reverse("privacy:export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["directory"]["last_name"] == "Clausen"
    assert data["directory"]["emails"][0]["address"] == "carol.privat@example.org"
    assert data["directory"]["functions"][0]["organisation"] == "Nordlicht Software GmbH"
    assert data["account"]["email"] == "carol@nordlicht.example"
    assert data["consents"][0]["purpose"] == "newsletter"


def test_export_needs_login(client):
    assert client.get(reverse("privacy:export")).status_code == 302


def test_erasure_anonymises_person_closes_account_and_keeps_counts(
    client_for, carol, member_org, cluster
):
    person_id = carol.person.pk
    PersonEmailFactory(person=carol.person, address="carol.privat@example.org")
    members_before = statistics.members_by_actor_type([cluster])
    positions_before = member_org.positions.count()
    client = client_for(carol)
    response = client.post(
        reverse("privacy:erase"), {"password": "Geheim-Passwort-2026", "confirm": "on"}
    )
    assert response.status_code == 302
    person = Person.objects.get(pk=person_id)
    assert person.erased_at is not None
    assert "Carol" not in person.full_name and "Clausen" not in person.full_name
    assert not person.emails.exists()
    assert person.user is None
    carol.refresh_from_db()
    assert not carol.is_active and "nordlicht" not in carol.email
    assert member_org.positions.count() == positions_before
    assert statistics.members_by_actor_type([cluster]) == members_before
    # logged out afterwards
    assert client.get(reverse("accounts:me")).status_code == 302


def test_erasure_needs_the_password(client_for, carol):
    response = client_for(carol).post(
        reverse("privacy:erase"), {"password": "falsch", "confirm": "on"}
    )
    assert response.status_code == 200
    assert "Passwort ist nicht korrekt" in response.text
    carol.person.refresh_from_db()
    assert carol.person.erased_at is None


def test_privacy_overview_lists_own_consents_only(client_for, carol, bob):
    record_consent(carol.person, Consent.Purpose.NEWSLETTER, True, source="newsletter-form")
    record_consent(bob.person, Consent.Purpose.EVENT_INVITATIONS, True, source="bob-form")
    page = client_for(carol).get(reverse("privacy:overview")).text
    assert "newsletter-form" in page
    assert "bob-form" not in page


def test_account_without_person_gets_no_privacy_pages(client_for, alice):
    assert client_for(alice).get(reverse("privacy:export")).status_code == 403
