""" "My data" shows what a person has given; the empty rows that add an address or a number
wait behind a disclosure instead of looking like required fields left blank."""

import re

from django.urls import reverse

from tests.accounts.test_profile import profile_post
from tests.factories import PersonEmailFactory


def _disclosures(html: str) -> list[str]:
    return re.findall(r'<details class="kern-accordion formset-add"[^>]*>', html)


def test_the_rows_that_add_an_address_or_a_number_are_closed_disclosures(client_for, carol):
    PersonEmailFactory(person=carol.person, address="carol@nordlicht.example", is_primary=True)
    html = client_for(carol).get(reverse("accounts:me")).text
    assert _disclosures(html) == ['<details class="kern-accordion formset-add">'] * 2
    # The existing address is shown as a row, with what can be done with it.
    assert 'value="carol@nordlicht.example"' in html
    assert 'name="emails-0-DELETE"' in html
    # Nothing to delete in a row that does not exist yet.
    assert 'name="emails-1-DELETE"' not in html
    assert 'name="phones-0-DELETE"' not in html


def test_my_data_says_when_nothing_is_given(client_for, carol):
    html = client_for(carol).get(reverse("accounts:me")).text
    assert "Noch keine Telefonnummer angegeben." in html
    assert "Noch keine E-Mail-Adresse angegeben." in html


def test_the_phone_numbers_do_not_carry_the_e_mail_hint(client_for, carol):
    html = client_for(carol).get(reverse("accounts:me")).text
    assert html.count("Bestätigungslink") == 1


def test_a_new_row_with_an_error_comes_back_open(client_for, carol):
    response = client_for(carol).post(
        reverse("accounts:me"), profile_post(carol.person, **{"phones-0-number": "abc"})
    )
    assert response.status_code == 200
    assert '<details class="kern-accordion formset-add" open>' in response.text


def test_the_profile_still_needs_first_and_last_name(client_for, carol):
    response = client_for(carol).post(
        reverse("accounts:me"), profile_post(carol.person, last_name="")
    )
    assert response.status_code == 200
    carol.person.refresh_from_db()
    assert carol.person.last_name == "Clausen"
