"""A cooperation documented from an accepted matchmaking contact: prefilled, only once,
only from accepted contacts of the staff's own clusters."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from knotenpunkt.cooperations.models import Cooperation
from knotenpunkt.cooperations.services.cooperations import (
    Partner,
    create_cooperation,
)
from knotenpunkt.matching.models import Contact
from tests.cooperations.conftest import make_contact
from tests.cooperations.helpers import cooperation_post

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _url(contact) -> str:
    return f"{reverse('cooperations:create')}?contact={contact.pk}"


def test_the_form_is_prefilled_with_both_sides_the_need_and_its_topic(
    client_for, alice, accepted_contact, member_org, partner_org, topic
):
    response = client_for(alice).get(_url(accepted_contact))
    assert response.status_code == 200
    form, partners = response.context["form"], response.context["partners"]
    assert "cluster" not in form.fields  # the contact's cluster
    assert form.initial["title"] == "Stundenzettel digitalisieren"
    assert form.initial["topics"] == [topic]
    assert form.initial["start_date"] == datetime.date(2026, 2, 10)
    assert [(row["organisation"], row["role"]) for row in partners.initial] == [
        (member_org, "lead"),
        (partner_org, "partner"),
    ]
    assert partners.initial_form_count() == 2


def test_documenting_the_contact_links_it_and_marks_the_cooperation_in_the_matchmaking(
    client_for, alice, accepted_contact, member_org, partner_org
):
    data = cooperation_post(
        [(member_org, "lead"), (partner_org, "partner")],
        initial_forms=2,
        title="Stundenzettel digitalisieren",
    )
    response = client_for(alice).post(_url(accepted_contact), data)
    assert response.status_code == 302
    cooperation = Cooperation.objects.get()
    assert cooperation.origin == accepted_contact
    accepted_contact.refresh_from_db()
    assert accepted_contact.status == Contact.Status.COOPERATION


def test_a_contact_is_documented_only_once(
    client_for, alice, accepted_contact, member_org, partner_org
):
    partners = [Partner(member_org, "lead"), Partner(partner_org, "partner")]
    first = create_cooperation(
        alice,
        accepted_contact.need.cluster,
        {"title": "Erste", "start_date": datetime.date(2026, 2, 10)},
        partners,
        origin=accepted_contact,
    )
    client = client_for(alice)
    response = client.get(_url(accepted_contact), **EN)
    assert response.status_code == 302
    assert response.url == first.get_absolute_url()
    with translation.override("en"):
        assert "already been documented" in str(list(get_messages(response.wsgi_request))[0])
    data = cooperation_post([(member_org, "lead"), (partner_org, "partner")], initial_forms=2)
    assert client.post(_url(accepted_contact), data).status_code == 302
    with (
        translation.override("en"),
        pytest.raises(ValidationError, match="already been documented"),
    ):
        create_cooperation(
            alice,
            accepted_contact.need.cluster,
            {"title": "Zweite", "start_date": datetime.date(2026, 2, 10)},
            partners,
            origin=accepted_contact,
        )
    assert Cooperation.objects.count() == 1


@pytest.mark.parametrize("status", [Contact.Status.INTERESTED, Contact.Status.DECLINED])
def test_a_contact_that_was_not_accepted_cannot_be_documented(
    client_for, alice, cluster, member_org, partner_org, status
):
    contact = make_contact(cluster, member_org, partner_org, status=status)
    client = client_for(alice)
    response = client.get(_url(contact), **EN)
    assert response.status_code == 302
    assert response.url == contact.need.get_absolute_url()
    assert "Only an accepted contact" in str(list(get_messages(response.wsgi_request))[0])
    data = cooperation_post([(member_org, "lead"), (partner_org, "partner")], initial_forms=2)
    assert client.post(_url(contact), data).status_code == 302
    assert not Cooperation.objects.exists()
    contact.refresh_from_db()
    assert contact.status == status


def test_a_contact_of_another_cluster_or_a_wrong_id_answers_404(
    client_for, berta, accepted_contact
):
    client = client_for(berta)
    assert client.get(_url(accepted_contact)).status_code == 404
    assert client.get(reverse("cooperations:create") + "?contact=x").status_code == 404
    assert client.get(reverse("cooperations:create") + "?contact=" + "9" * 40).status_code == 404


def test_the_need_page_offers_staff_to_document_an_accepted_contact(
    client_for, alice, accepted_contact, member_org, partner_org
):
    need_url = accepted_contact.need.get_absolute_url()
    page = client_for(alice).get(need_url).content.decode()
    assert f"{reverse('cooperations:create')}?contact={accepted_contact.pk}" in page
    cooperation = create_cooperation(
        alice,
        accepted_contact.need.cluster,
        {"title": "Erste", "start_date": datetime.date(2026, 2, 10)},
        [Partner(member_org, "lead"), Partner(partner_org)],
        origin=accepted_contact,
    )
    page = client_for(alice).get(need_url).content.decode()
    assert cooperation.get_absolute_url() in page
    assert f"?contact={accepted_contact.pk}" not in page


def test_the_need_page_offers_nothing_to_the_members(client_for, bob, accepted_contact):
    page = client_for(bob).get(accepted_contact.need.get_absolute_url()).content.decode()
    assert "?contact=" not in page
