"""The as-you-type duplicate warning: keys, the lookup, and who may learn what from it."""

import pytest
from django.urls import reverse

from knotenpunkt.directory.models import Person
from knotenpunkt.directory.services.people import create_person
from knotenpunkt.privacy.services import erase_person
from knotenpunkt.quality.models import SimilarityKey
from knotenpunkt.quality.services.lookup import similar_organisations, similar_people
from knotenpunkt.quality.services.similarity_keys import (
    cologne_phonetic,
    rebuild_keys,
    refresh_keys,
)
from tests.factories import (
    ClusterFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def make_person(first, last, *, email="", phone="", organisation=None):
    person = PersonFactory(first_name=first, last_name=last)
    if email:
        person.emails.create(address=email, is_primary=True)
    if phone:
        person.phones.create(number=phone)
    if organisation is not None:
        PositionFactory(person=person, organisation=organisation)
    refresh_keys("person", [person.pk])
    return person


def make_organisation(name, **fields):
    org = OrganisationFactory(name=name, **fields)
    refresh_keys("organisation", [org.pk])
    return org


@pytest.fixture
def admin_user(db):
    return UserFactory(email="root@example.org", is_superuser=True, is_staff=True)


def names(matches):
    return [str(m.record) for m in matches]


# Kölner Phonetik ------------------------------------------------------------------------


def test_cologne_phonetic_gives_the_published_codes():
    assert cologne_phonetic("Wikipedia") == "3412"
    assert cologne_phonetic("Müller-Lüdenscheidt") == "657 52682"


def test_cologne_phonetic_gives_one_code_for_spellings_of_one_name():
    assert {cologne_phonetic(n) for n in ["Meyer", "Maier", "Mayr", "Meier"]} == {"67"}


def test_cologne_phonetic_of_text_without_letters_is_empty():
    assert cologne_phonetic("") == ""
    assert cologne_phonetic("12 - 3") == ""


# Finding people -------------------------------------------------------------------------


def test_lookup_finds_a_person_written_with_umlaut_and_sharp_s_spelled_out(admin_user):
    make_person("Jürgen", "Groß")
    matches = similar_people(admin_user, first_name="Juergen", last_name="Gross")
    assert names(matches) == ["Jürgen Groß"]
    assert "last_name" in matches[0].agreements


def test_lookup_finds_a_person_by_a_phone_number_in_another_format(admin_user):
    make_person("Anna", "Petersen", phone="+49 431 123456")
    matches = similar_people(admin_user, phones=["0431 / 12 34 56"], last_name="Petersen")
    assert names(matches) == ["Anna Petersen"]
    assert "phone" in matches[0].agreements


def test_lookup_finds_a_person_despite_a_typo_in_the_last_name(admin_user):
    make_person("Anna", "Petersen")
    assert names(similar_people(admin_user, first_name="Anna", last_name="Petersem")) == [
        "Anna Petersen"
    ]


@pytest.mark.parametrize("typed", ["Bauann", "Bauman", "Baumnan"])
def test_lookup_finds_a_person_despite_a_dropped_or_swapped_letter(admin_user, typed):
    make_person("Detlef", "Baumann")
    assert names(similar_people(admin_user, first_name="Detlef", last_name=typed)) == [
        "Detlef Baumann"
    ]


def test_lookup_finds_a_person_by_e_mail_address_in_other_case(admin_user):
    make_person("Anna", "Petersen", email="anna.petersen@nordlicht.example")
    matches = similar_people(admin_user, emails=["Anna.Petersen@Nordlicht.example"])
    assert names(matches) == ["Anna Petersen"]
    assert matches[0].agreements == ["email"]


def test_lookup_ignores_a_shared_last_name_alone(admin_user):
    make_person("Anna", "Petersen")
    assert similar_people(admin_user, first_name="Klaus", last_name="Petersen") == []


def test_lookup_ranks_the_closest_person_first_and_shows_at_most_five(admin_user):
    for first in ["Anna", "Andrea", "Antje", "Anke", "Annika", "Angela"]:
        make_person(first, "Petersen")
    make_person("Anna", "Petersen", email="anna@petersen.example")
    matches = similar_people(
        admin_user, first_name="A.", last_name="Petersen", emails=["anna@petersen.example"]
    )
    assert len(matches) == 5
    assert matches[0].record.emails.get().address == "anna@petersen.example"


def test_lookup_leaves_out_the_record_being_edited(admin_user):
    person = make_person("Anna", "Petersen")
    assert (
        similar_people(admin_user, first_name="Anna", last_name="Petersen", exclude_id=person.pk)
        == []
    )


def test_a_person_created_through_the_directory_is_found_at_once(admin_user):
    create_person(admin_user, first_name="Jörg", last_name="Weiß", emails=["jw@example.org"])
    assert names(similar_people(admin_user, emails=["JW@example.org"])) == ["Jörg Weiß"]


def test_an_erased_person_is_not_found_and_loses_the_keys(admin_user):
    person = make_person("Anna", "Petersen", email="anna@petersen.example")
    erase_person(admin_user, person)
    assert similar_people(admin_user, emails=["anna@petersen.example"]) == []
    assert not SimilarityKey.objects.filter(kind="person", record_id=person.pk).exists()


def test_rebuilding_the_keys_covers_records_created_without_them(admin_user):
    PersonFactory(first_name="Anna", last_name="Petersen")
    OrganisationFactory(name="Förde Robotik GmbH")
    assert rebuild_keys() > 0
    assert names(similar_people(admin_user, first_name="Anna", last_name="Petersen"))
    assert names(similar_organisations(admin_user, name="Foerde Robotik"))


# Finding organisations ------------------------------------------------------------------


def test_lookup_finds_an_organisation_whatever_its_legal_form_is_written_like(admin_user):
    make_organisation("Nordlicht Software GmbH")
    matches = similar_organisations(admin_user, name="Nordlicht Software G.m.b.H.")
    assert names(matches) == ["Nordlicht Software GmbH"]
    assert "name" in matches[0].agreements


def test_lookup_finds_an_organisation_by_its_vat_id_written_with_spaces(admin_user):
    make_organisation("Nordlicht Software GmbH", vat_id="DE123456789")
    matches = similar_organisations(admin_user, name="NLS", vat_id="de 123 456 789")
    assert names(matches) == ["Nordlicht Software GmbH"]
    assert "vat_id" in matches[0].agreements


def test_lookup_finds_an_organisation_by_its_web_domain(admin_user):
    make_organisation("Nordlicht Software GmbH", website="https://www.nordlicht.example/")
    matches = similar_organisations(admin_user, website="nordlicht.example")
    assert names(matches) == ["Nordlicht Software GmbH"]


def test_lookup_finds_an_organisation_when_only_part_of_the_name_is_typed(admin_user):
    make_organisation("Nordlicht Software GmbH")
    assert names(similar_organisations(admin_user, name="Nordlicht")) == ["Nordlicht Software GmbH"]


# The endpoints and who learns what ------------------------------------------------------


def test_anonymous_visitors_get_no_warning(client):
    response = client.get(reverse("quality:similar_people"), {"last_name": "Petersen"})
    assert response.status_code == 403
    response = client.get(reverse("quality:similar_organisations"), {"name": "Nordlicht"})
    assert response.status_code == 403


def test_staff_see_a_matching_person_with_a_link_to_the_record(client_for, alice, member_org):
    person = make_person("Anna", "Petersen", organisation=member_org)
    response = client_for(alice).get(
        reverse("quality:similar_people"), {"first_name": "Anna", "last_name": "Petersen"}
    )
    assert "Anna Petersen" in response.text
    assert reverse("admin:directory_person_change", args=[person.pk]) in response.text
    assert 'role="status"' not in response.text  # the page holds the live region


def test_the_warning_reads_the_back_office_inline_field_names(client_for, alice):
    make_person("Anna", "Petersen", email="anna@petersen.example", phone="+494311234567")
    response = client_for(alice).get(
        reverse("quality:similar_people"),
        {"emails-0-address": "anna@petersen.example", "phones-0-number": "04311234567"},
    )
    assert "Anna Petersen" in response.text


def test_staff_do_not_learn_of_people_in_another_cluster(client_for, alice, other_cluster):
    elsewhere = OrganisationFactory()
    MembershipFactory(organisation=elsewhere, cluster=other_cluster)
    make_person("Anna", "Petersen", email="anna@petersen.example", organisation=elsewhere)
    response = client_for(alice).get(
        reverse("quality:similar_people"), {"email": "anna@petersen.example"}
    )
    assert response.status_code == 200
    assert "Petersen" not in response.text


def test_an_organisation_admin_is_warned_about_a_colleague_already_listed(client_for, bob, carol):
    refresh_keys("person", Person.objects.values_list("pk", flat=True))
    response = client_for(bob).get(
        reverse("quality:similar_people"), {"first_name": "Carol", "last_name": "Clausen"}
    )
    assert "Carol Clausen" in response.text
    assert "/admin/" not in response.text


def test_an_organisation_admin_learns_nothing_about_people_of_other_organisations(
    client_for, bob, cluster
):
    other = OrganisationFactory(name="Ostsee Robotik GmbH")
    MembershipFactory(organisation=other, cluster=cluster)
    make_person("Anna", "Petersen", email="anna@ostsee.example", organisation=other)
    make_person("Karl", "Kunde", email="karl@private.example")
    for query in [{"email": "anna@ostsee.example"}, {"email": "karl@private.example"}]:
        response = client_for(bob).get(reverse("quality:similar_people"), query)
        assert response.status_code == 200
        assert response.text.strip() == ""


def test_a_member_without_admin_right_learns_nothing_about_people(client_for, carol, bob):
    refresh_keys("person", Person.objects.values_list("pk", flat=True))
    response = client_for(carol).get(
        reverse("quality:similar_people"), {"first_name": "Bob", "last_name": "Brandt"}
    )
    assert response.text.strip() == ""


def test_a_member_is_warned_only_about_organisations_of_the_public_directory(
    client_for, bob, member_org
):
    refresh_keys("organisation", [member_org.pk])
    make_organisation("Nordlicht Solar AG", is_listed=False)
    response = client_for(bob).get(
        reverse("quality:similar_organisations"), {"name": "Nordlicht Solar"}
    )
    assert "Nordlicht Solar AG" not in response.text
    response = client_for(bob).get(
        reverse("quality:similar_organisations"), {"name": "Nordlicht Software"}
    )
    assert "Nordlicht Software GmbH" in response.text
    assert reverse("directory:organisation", args=["nordlicht"]) in response.text


def test_the_warning_endpoint_needs_few_queries_whatever_the_number_of_matches(
    client_for, alice, django_assert_max_num_queries
):
    for first in ["Anna", "Andrea", "Antje", "Anke", "Annika", "Angela", "Anja"]:
        org = OrganisationFactory()
        make_person(first, "Petersen", organisation=org, phone="+49431123456")
    client = client_for(alice)
    with django_assert_max_num_queries(14):
        response = client.get(
            reverse("quality:similar_people"),
            {"first_name": "Anna", "last_name": "Petersen", "phone": "0431 123456"},
        )
    assert response.text.count("<li>") == 5


def test_the_add_colleague_form_carries_the_warning_region(client_for, bob):
    response = client_for(bob).get(reverse("directory:organisation_people", args=["nordlicht"]))
    assert 'id="similar-people"' in response.text
    assert reverse("quality:similar_people") in response.text


def test_the_back_office_person_form_loads_the_warning_script(admin_client):
    response = admin_client.get(reverse("admin:directory_person_add"))
    assert "quality/similar.js" in response.text
    assert reverse("quality:similar_people") in response.text


def test_other_clusters_staff_are_not_told_about_the_pair_either(client_for, cluster):
    outsider_staff = UserFactory(is_staff=True)
    ClusterFactory().staff.add(outsider_staff)
    org = OrganisationFactory()
    MembershipFactory(organisation=org, cluster=cluster)
    make_person("Anna", "Petersen", email="anna@petersen.example", organisation=org)
    response = client_for(outsider_staff).get(
        reverse("quality:similar_people"), {"email": "anna@petersen.example"}
    )
    assert "Petersen" not in response.text
