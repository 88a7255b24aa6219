"""The duplicate warning answers only with records the asking user may see: it is no
oracle for another cluster's records or for VAT IDs and register numbers."""

import pytest
from django.urls import reverse

from knotenpunkt.quality.services.lookup import similar_organisations, similar_people
from knotenpunkt.quality.services.similarity_keys import refresh_keys
from tests.factories import (
    ClusterFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_of_another_cluster(db):
    user = UserFactory(email="bea@logistik.example", is_staff=True)
    ClusterFactory(name="Logistik-Initiative", slug="logistik").staff.add(user)
    return user


@pytest.fixture
def vat_org(cluster):
    """An organisation of the personas' cluster with a VAT ID and a register number."""
    org = OrganisationFactory(
        name="Kieler Werft Digital GmbH", vat_id="DE811128135", register_number="HRB 12345 KI"
    )
    MembershipFactory(organisation=org, cluster=cluster)
    refresh_keys("organisation", [org.pk])
    return org


def test_staff_of_another_cluster_get_no_match_for_a_vat_id(staff_of_another_cluster, vat_org):
    assert similar_organisations(staff_of_another_cluster, vat_id="DE 811 128 135") == []


def test_staff_of_another_cluster_get_no_match_for_a_register_number(
    staff_of_another_cluster, vat_org
):
    assert similar_organisations(staff_of_another_cluster, register_number="HRB 12345 KI") == []


def test_staff_of_the_cluster_are_warned_by_the_vat_id(alice, vat_org):
    matches = similar_organisations(alice, vat_id="DE 811 128 135")
    assert [m.record for m in matches] == [vat_org]


def test_a_registered_user_learns_no_vat_id_of_a_listed_organisation(dave, vat_org):
    assert vat_org.is_listed
    assert similar_organisations(dave, vat_id="DE811128135") == []
    assert similar_organisations(dave, register_number="HRB 12345 KI") == []


def test_an_organisation_admin_learns_no_vat_id_of_another_organisation(client_for, bob, vat_org):
    response = client_for(bob).get(
        reverse("quality:similar_organisations"), {"vat_id": "DE811128135"}
    )
    assert response.status_code == 200
    assert "Kieler Werft" not in response.text


def test_a_listed_organisation_is_still_found_by_its_public_name(dave, vat_org):
    matches = similar_organisations(dave, name="Kieler Werft Digital")
    assert [m.record for m in matches] == [vat_org]
    assert "vat_id" not in matches[0].agreements


def test_an_organisation_admin_is_warned_only_about_their_own_people(bob, member_org, cluster):
    colleague = PersonFactory(first_name="Hanna", last_name="Hansen")
    PositionFactory(person=colleague, organisation=member_org)
    elsewhere = OrganisationFactory(name="Ostsee Robotik GmbH")
    MembershipFactory(organisation=elsewhere, cluster=cluster)
    stranger = PersonFactory(first_name="Hanna", last_name="Hansen")
    PositionFactory(person=stranger, organisation=elsewhere)
    refresh_keys("person", [colleague.pk, stranger.pk])
    matches = similar_people(bob, first_name="Hanna", last_name="Hansen")
    assert [m.record for m in matches] == [colleague]


def test_staff_of_another_cluster_are_not_warned_about_this_clusters_people(
    staff_of_another_cluster, member_org
):
    person = PersonFactory(first_name="Hanna", last_name="Hansen")
    person.emails.create(address="hanna@nordlicht.example", is_primary=True)
    PositionFactory(person=person, organisation=member_org)
    refresh_keys("person", [person.pk])
    assert similar_people(staff_of_another_cluster, emails=["hanna@nordlicht.example"]) == []
