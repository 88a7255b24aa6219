"""One write path: whoever saves an organisation or person (here the profile form and the
back office; the import and the merge in their own tests), the directory search and the
duplicate warning show the saved data at once."""

import pytest
from django.urls import reverse

from knotenpunkt.directory.services.search import DirectoryFilters, search_organisations
from knotenpunkt.quality.services.lookup import similar_organisations, similar_people
from tests.directory.test_views import profile_data
from tests.factories import UserFactory


@pytest.fixture
def platform_admin(db):
    return UserFactory(email="root@example.org", is_staff=True, is_superuser=True)


def found_in_directory(query: str) -> list[str]:
    return [org.name for org in search_organisations(DirectoryFilters(query=query))]


def similar_names(user, **typed) -> list[str]:
    return [found.record.name for found in similar_organisations(user, **typed)]


def admin_form_data(response) -> dict:
    """What the admin change page would post back unchanged: the form with its inlines."""
    data = {}

    def take(form):
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            if value is True:
                value = "on"
            elif isinstance(value, list | tuple):
                value = [str(v) for v in value]
            else:
                value = str(value)
            data[form.add_prefix(name)] = value

    take(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        take(inline.formset.management_form)
        for form in inline.formset.forms:
            take(form)
    return data


def test_profile_form_makes_the_new_name_searchable_and_known_to_the_duplicate_warning(
    client_for, bob, alice, member_org
):
    url = reverse("directory:organisation_edit", args=[member_org.slug])
    response = client_for(bob).post(url, profile_data(member_org, name="Kranwerk Nord GmbH"))
    assert response.status_code == 302
    assert found_in_directory("Kranwerk") == ["Kranwerk Nord GmbH"]
    assert similar_names(alice, name="Kranwerk Nord") == ["Kranwerk Nord GmbH"]


def test_admin_change_makes_the_new_name_searchable_and_known_to_the_duplicate_warning(
    client, platform_admin, alice, member_org
):
    client.force_login(platform_admin)
    url = reverse("admin:directory_organisation_change", args=[member_org.pk])
    data = admin_form_data(client.get(url))
    data["name"] = "Kranwerk Nord GmbH"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert found_in_directory("Kranwerk") == ["Kranwerk Nord GmbH"]
    assert similar_names(alice, name="Kranwerk Nord") == ["Kranwerk Nord GmbH"]


def test_admin_change_of_a_person_is_known_to_the_duplicate_warning(
    client, platform_admin, alice, bob
):
    person = bob.person
    client.force_login(platform_admin)
    url = reverse("admin:directory_person_change", args=[person.pk])
    data = admin_form_data(client.get(url))
    data["last_name"] = "Kranich"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    found = similar_people(alice, first_name="Bob", last_name="Kranich")
    assert [r.record.pk for r in found] == [person.pk]
