from django.urls import reverse

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.privacy.models import Consent


def profile_post(person, **changes):
    data = {
        "salutation": person.salutation,
        "title": "",
        "first_name": person.first_name,
        "last_name": person.last_name,
        "emails-TOTAL_FORMS": "1",
        "emails-INITIAL_FORMS": "0",
        "emails-MIN_NUM_FORMS": "0",
        "emails-MAX_NUM_FORMS": "5",
        "emails-0-address": "carol@nordlicht.example",
        "emails-0-kind": "work",
        "emails-0-is_primary": "on",
        "phones-TOTAL_FORMS": "1",
        "phones-INITIAL_FORMS": "0",
        "phones-MIN_NUM_FORMS": "0",
        "phones-MAX_NUM_FORMS": "5",
        "phones-0-number": "0431 / 98 76 54",
        "phones-0-kind": "work",
    }
    data.update(changes)
    return data


def test_person_edits_own_data_phone_is_normalised_and_change_audited(client_for, carol):
    client = client_for(carol)
    response = client.post(
        reverse("accounts:me"), profile_post(carol.person, last_name="Clausen-Berg")
    )
    assert response.status_code == 302
    person = carol.person
    person.refresh_from_db()
    assert person.last_name == "Clausen-Berg"
    assert str(person.phones.get().number) == "+49431987654"
    entry = AuditEntry.objects.get(action="directory.person.changed")
    assert entry.data["changes"]["last_name"] == ["Clausen", "Clausen-Berg"]
    assert entry.actor == carol


def test_invalid_phone_is_refused_and_nothing_is_saved(client_for, carol):
    client = client_for(carol)
    response = client.post(
        reverse("accounts:me"),
        profile_post(carol.person, **{"phones-0-number": "abc"}, last_name="Neu"),
    )
    assert response.status_code == 200
    assert "gültige Telefonnummer" in response.text
    carol.person.refresh_from_db()
    assert carol.person.last_name == "Clausen"


def test_choosing_to_be_public_is_recorded_as_consent(client_for, carol):
    client = client_for(carol)
    client.post(reverse("accounts:me"), profile_post(carol.person, is_public="on"))
    consent = Consent.objects.get(person=carol.person)
    assert consent.purpose == "directory_listing" and consent.granted
    assert consent.source == "profile"
