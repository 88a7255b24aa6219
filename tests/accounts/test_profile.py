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


def test_an_address_saved_meanwhile_in_another_tab_is_a_form_error_not_an_error_page(
    client_for, carol
):
    client = client_for(carol)
    assert client.post(reverse("accounts:me"), profile_post(carol.person)).status_code == 302
    stored = list(carol.person.emails.values_list("address", flat=True))

    # The same page, still open in a second tab, sends the address as a new row again.
    response = client.post(reverse("accounts:me"), profile_post(carol.person, last_name="Neu"))

    assert response.status_code == 200
    assert "ist für diese Person bereits gespeichert" in response.text
    carol.person.refresh_from_db()
    assert carol.person.last_name != "Neu"
    assert list(carol.person.emails.values_list("address", flat=True)) == stored


def test_a_number_saved_meanwhile_in_another_tab_is_a_form_error(client_for, carol):
    client = client_for(carol)
    first = profile_post(carol.person, **{"emails-TOTAL_FORMS": "0"})
    assert client.post(reverse("accounts:me"), first).status_code == 302
    emails = list(carol.person.emails.values("pk", "address", "kind"))
    data = profile_post(
        carol.person, **{"emails-TOTAL_FORMS": "0", "phones-0-number": "+49431987654"}
    )

    response = client.post(reverse("accounts:me"), data)

    assert response.status_code == 200
    assert "ist für diese Person bereits gespeichert" in response.text
    assert carol.person.phones.count() == 1
    assert list(carol.person.emails.values("pk", "address", "kind")) == emails
