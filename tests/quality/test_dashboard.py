"""The data-quality dashboard: its figures, the lists behind them, who may see them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from knotenpunkt.directory.models import Organisation, Person, PersonEmail
from knotenpunkt.quality.models import CandidatePair
from tests.factories import (
    ClusterFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonEmailFactory,
    PersonFactory,
    PositionFactory,
    UserFactory,
)


def records_url(kind, **params):
    url = reverse("quality:records", args=[kind])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def make_old(model, pk, years=3, confirmed=None):
    old = timezone.now() - datetime.timedelta(days=365 * years)
    model.objects.filter(pk=pk).update(updated_at=old, confirmed_at=confirmed)


@pytest.mark.parametrize("persona", ["bob", "carol", "dave"])
def test_people_without_staff_rights_may_not_see_the_dashboard(request, persona, client_for):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("quality:dashboard")).status_code == 403


@pytest.mark.parametrize("persona", ["bob", "carol", "dave"])
def test_people_without_staff_rights_may_not_see_the_lists(request, persona, client_for):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(records_url("people-without-position")).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login_from_the_dashboard(client, db):
    response = client.get(reverse("quality:dashboard"))
    assert response.status_code == 302


def test_dashboard_shows_completeness_per_field(alice, bob, carol, client_for):
    bob_person = Person.objects.get(user=bob)
    PersonEmailFactory(person=bob_person)
    response = client_for(alice).get(reverse("quality:dashboard"))
    email = next(f for f in response.context["people"] if f.key == "email")
    assert (email.filled, email.total, email.percent) == (1, 2, 50)
    assert '<svg class="chart' in response.content.decode()
    assert "<title>E-Mail-Adresse: 50\N{NO-BREAK SPACE}%</title>" in response.content.decode()


def test_missing_field_list_shows_the_records_without_it(alice, bob, carol, client_for):
    PersonEmailFactory(person=Person.objects.get(user=bob))
    response = client_for(alice).get(records_url("people-missing", field="email"))
    assert [p.first_name for p in response.context["page"]] == ["Carol"]


def test_an_unknown_field_gives_not_found(alice, client_for):
    response = client_for(alice).get(records_url("people-missing", field="shoe_size"))
    assert response.status_code == 404


def test_an_unknown_list_gives_not_found(alice, client_for):
    assert client_for(alice).get(records_url("everything")).status_code == 404


def test_stale_records_are_those_neither_confirmed_nor_updated_for_the_months(
    alice, member_org, client_for
):
    stale = PersonFactory(last_name="Alt")
    confirmed = PersonFactory(last_name="Bestaetigt")
    make_old(Person, stale.pk)
    make_old(Person, confirmed.pk, confirmed=timezone.now() - datetime.timedelta(days=30))
    make_old(Organisation, member_org.pk)
    response = client_for(alice).get(reverse("quality:dashboard"))
    assert response.context["stale_people"] == 1
    assert response.context["stale_organisations"] == 1
    listed = client_for(alice).get(records_url("people-stale", months=24)).context["page"]
    assert [p.last_name for p in listed] == ["Alt"]


def test_stale_months_come_from_the_query(alice, db, client_for):
    make_old(Person, PersonFactory().pk, years=1)
    client = client_for(alice)
    assert client.get(reverse("quality:dashboard")).context["stale_people"] == 0
    response = client.get(reverse("quality:dashboard"), {"months": "6"})
    assert response.context["stale_people"] == 1


def test_a_bad_number_of_months_gives_a_form_error(alice, db, client_for):
    response = client_for(alice).get(reverse("quality:dashboard"), {"months": "viele"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert response.context["months"] == 24


def test_saving_ones_own_data_confirms_it(db):
    from knotenpunkt.directory.forms import PersonForm
    from knotenpunkt.directory.services.people import save_person

    person = PersonFactory()
    form = PersonForm(
        {"salutation": "none", "first_name": "Anna", "last_name": "Alt"}, instance=person
    )
    assert form.is_valid(), form.errors
    save_person(None, form)
    person.refresh_from_db()
    assert person.confirmed_at is not None


def test_undeliverable_addresses_are_counted_and_listed(alice, db, client_for):
    PersonEmailFactory(
        address="weg@example.org", deliverability=PersonEmail.Deliverability.BOUNCING
    )
    PersonEmailFactory(address="kaputt@example", deliverability=PersonEmail.Deliverability.INVALID)
    PersonEmailFactory(address="gut@example.org")
    client = client_for(alice)
    assert client.get(reverse("quality:dashboard")).context["undeliverable"] == 2
    listed = client.get(records_url("emails-undeliverable")).context["page"]
    assert sorted(e.address for e in listed) == ["kaputt@example", "weg@example.org"]


def test_people_without_a_current_function_are_counted(alice, bob, client_for):
    ended = PersonFactory(last_name="Ehemalig")
    PositionFactory(person=ended, end_date=datetime.date(2020, 1, 1))
    response = client_for(alice).get(reverse("quality:dashboard"))
    assert response.context["without_position"] == 1


def test_pending_duplicate_pairs_link_to_the_review_queue(alice, db, client_for):
    a, b = PersonFactory(), PersonFactory()
    CandidatePair.objects.create(kind="person", record_a_id=a.pk, record_b_id=b.pk, score=0.9)
    response = client_for(alice).get(reverse("quality:dashboard"))
    assert response.context["pending_people"] == 1
    assert reverse("quality:duplicates") in response.content.decode()


def test_staff_do_not_see_records_of_other_clusters(alice, db, client_for):
    foreign_org = OrganisationFactory()
    MembershipFactory(organisation=foreign_org, cluster=ClusterFactory())
    PositionFactory(person=PersonFactory(last_name="Fremd"), organisation=foreign_org)
    response = client_for(alice).get(records_url("people-missing", field="email"))
    assert "Fremd" not in [p.last_name for p in response.context["page"]]


def test_platform_admins_see_records_of_every_cluster(db, client_for):
    admin = UserFactory(is_superuser=True, is_staff=True)
    foreign_org = OrganisationFactory()
    MembershipFactory(organisation=foreign_org, cluster=ClusterFactory())
    PositionFactory(person=PersonFactory(last_name="Fremd"), organisation=foreign_org)
    response = client_for(admin).get(records_url("people-missing", field="email"))
    assert "Fremd" in [p.last_name for p in response.context["page"]]


@pytest.mark.parametrize(
    "kind,params",
    [
        ("people-missing", {"field": "phone"}),
        ("organisations-missing", {"field": "website"}),
        ("people-stale", {"months": 1}),
        ("organisations-stale", {"months": 1}),
        ("emails-undeliverable", {}),
        ("people-without-position", {}),
    ],
)
def test_record_lists_need_few_queries(
    kind, params, alice, member_org, client_for, django_assert_max_num_queries
):
    for i in range(15):
        person = PersonFactory()
        PersonEmailFactory(person=person, deliverability=PersonEmail.Deliverability.BOUNCING)
        if i % 2:
            PositionFactory(person=person, organisation=OrganisationFactory())
        make_old(Person, person.pk)
    make_old(Organisation, member_org.pk)
    client = client_for(alice)
    with django_assert_max_num_queries(10):
        response = client.get(records_url(kind, **params))
    assert response.status_code == 200
    assert response.context["page"].paginator.count > 0


def test_dashboard_needs_a_fixed_number_of_queries(
    alice, member_org, client_for, django_assert_max_num_queries
):
    for _ in range(10):
        PositionFactory(person=PersonFactory(), organisation=member_org)
    client = client_for(alice)
    with django_assert_max_num_queries(14):
        client.get(reverse("quality:dashboard"))
