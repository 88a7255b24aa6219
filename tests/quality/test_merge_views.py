"""The merge pages: only staff merge; side by side, undo button, history, bulk merge."""

import re

import pytest
from django.urls import reverse

from knotenpunkt.directory.models import Organisation, Person
from knotenpunkt.quality.models import BulkMergeRun, CandidatePair, MergeRecord
from knotenpunkt.quality.services.merge import merge_people
from tests.factories import (
    ClusterFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    UserFactory,
)


@pytest.fixture
def two_people(db):
    return (
        PersonFactory(first_name="Jana", last_name="Hansen", title=""),
        PersonFactory(first_name="Jana", last_name="Hansen", title="Dr."),
    )


def merge_url(a, b, kind="person"):
    name = "quality:merge_people" if kind == "person" else "quality:merge_organisations"
    return reverse(name, args=[a.pk, b.pk])


def form_data(**overrides):
    data = {f"field_{name}": "a" for name in ("salutation", "first_name", "last_name", "is_public")}
    data.update(keep="a", field_title="b")
    data.update(overrides)
    return data


@pytest.mark.parametrize("persona", ["bob", "carol", "dave"])
def test_people_without_staff_rights_may_not_see_the_merge_page(
    request, persona, two_people, client_for
):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(merge_url(*two_people)).status_code == 403


@pytest.mark.parametrize("persona", ["bob", "carol", "dave"])
def test_people_without_staff_rights_may_not_merge(request, persona, two_people, client_for):
    client = client_for(request.getfixturevalue(persona))
    assert client.post(merge_url(*two_people), form_data()).status_code == 403
    assert Person.objects.filter(pk__in=[p.pk for p in two_people]).count() == 2


def test_anonymous_visitors_are_sent_to_the_login(client, two_people):
    response = client.post(merge_url(*two_people), form_data())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert MergeRecord.objects.count() == 0


def test_staff_see_both_records_side_by_side_with_defaults_selected(alice, two_people, client_for):
    response = client_for(alice).get(merge_url(*two_people))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dr." in html
    # The filled title is pre-selected over the empty one.
    checked = re.findall(r'<input type="radio" name="field_title" value="(\w)"[^>]* checked>', html)
    assert checked == ["b"]


def test_staff_merge_two_people_and_get_an_undo_button(alice, two_people, client_for):
    a, b = two_people
    client = client_for(alice)
    response = client.post(merge_url(a, b), form_data(), follow=True)
    assert not Person.objects.filter(pk=b.pk).exists()
    a.refresh_from_db()
    assert a.title == "Dr."
    record = MergeRecord.objects.get()
    assert response.redirect_chain[-1][0] == reverse("quality:merge_detail", args=[record.pk])
    assert reverse("quality:merge_undo", args=[record.pk]) in response.content.decode()


def test_the_merge_page_shows_why_a_merge_was_refused(alice, db, client_for):
    a, b = PersonFactory(user=UserFactory()), PersonFactory(user=UserFactory())
    response = client_for(alice).post(merge_url(a, b), form_data())
    assert response.status_code == 400
    assert "Benutzerkonto" in response.content.decode()


def test_a_bad_choice_gives_a_form_error_not_a_crash(alice, two_people, client_for):
    response = client_for(alice).post(merge_url(*two_people), form_data(keep="c"))
    assert response.status_code == 400
    assert MergeRecord.objects.count() == 0


def test_staff_cannot_merge_records_of_another_cluster(alice, db, client_for):
    foreign = ClusterFactory()
    org = OrganisationFactory()
    MembershipFactory(organisation=org, cluster=foreign)
    a, b = PersonFactory(), PersonFactory()
    PositionFactory(person=a, organisation=org)
    assert client_for(alice).get(merge_url(a, b)).status_code == 404


def test_staff_merge_two_organisations(alice, db, client_for):
    a, b = OrganisationFactory(name="Nordlicht"), OrganisationFactory(name="Nordlicht GmbH")
    response = client_for(alice).get(merge_url(a, b, "organisation"))
    assert response.status_code == 200
    data = {n: "a" for n in response.context["form"].fields if n.startswith("field_")}
    data["keep"] = "b"
    client_for(alice).post(merge_url(a, b, "organisation"), data)
    assert list(Organisation.objects.filter(pk__in=[a.pk, b.pk])) == [b]
    b.refresh_from_db()
    assert b.name == "Nordlicht"


def test_staff_undo_a_merge_from_its_page(alice, two_people, client_for):
    a, b = two_people
    record = merge_people(a, b, user=alice)
    client_for(alice).post(reverse("quality:merge_undo", args=[record.pk]))
    assert Person.objects.filter(pk=b.pk).exists()


@pytest.mark.parametrize("persona", ["bob", "carol", "dave"])
def test_people_without_staff_rights_may_not_undo(request, persona, alice, two_people, client_for):
    record = merge_people(*two_people, user=alice)
    client = client_for(request.getfixturevalue(persona))
    assert client.post(reverse("quality:merge_undo", args=[record.pk])).status_code == 403
    assert not Person.objects.filter(pk=two_people[1].pk).exists()


def test_a_refused_undo_says_why(alice, two_people, client_for):
    a, b = two_people
    record = merge_people(a, b, user=alice)
    Person.objects.filter(pk=a.pk).update(first_name="Johanna")
    response = client_for(alice).post(reverse("quality:merge_undo", args=[record.pk]), follow=True)
    assert "nach der Zusammenführung geändert" in response.content.decode()


def test_merge_history_lists_merges_with_few_queries(
    alice, db, client_for, django_assert_max_num_queries
):
    for _ in range(5):
        merge_people(PersonFactory(), PersonFactory(), user=alice)
    client = client_for(alice)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("quality:merge_history"))
    assert len(response.context["page"].object_list) == 5


@pytest.mark.parametrize("persona", ["bob", "carol", "dave"])
def test_people_without_staff_rights_may_not_see_the_merge_history(request, persona, client_for):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("quality:merge_history")).status_code == 403


def test_bulk_merge_page_shows_how_many_pairs_qualify(alice, db, client_for):
    a, b = PersonFactory(), PersonFactory()
    CandidatePair.objects.create(
        kind="person", record_a_id=min(a.pk, b.pk), record_b_id=max(a.pk, b.pk), score=0.995
    )
    response = client_for(alice).get(
        reverse("quality:bulk_merge"), {"kind": "person", "threshold": "0.99"}
    )
    assert response.context["qualifying"] == 1
    assert "1 Paar kommt infrage" in response.content.decode()


def test_bulk_merge_rejects_a_threshold_out_of_range(alice, db, client_for):
    response = client_for(alice).post(
        reverse("quality:bulk_merge"), {"kind": "person", "threshold": "2"}
    )
    assert response.status_code == 400
    assert BulkMergeRun.objects.count() == 0


def test_staff_start_a_bulk_merge_and_see_its_report(
    alice, db, client_for, django_capture_on_commit_callbacks
):
    a, b = PersonFactory(last_name="Alpha"), PersonFactory(last_name="Alpha")
    CandidatePair.objects.create(
        kind="person", record_a_id=min(a.pk, b.pk), record_b_id=max(a.pk, b.pk), score=0.995
    )
    client = client_for(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("quality:bulk_merge"), {"kind": "person", "threshold": "0.99"}
        )
    run = BulkMergeRun.objects.get()
    response = client.get(reverse("quality:bulk_merge_report", args=[run.pk]))
    html = response.content.decode()
    assert "Alpha" in html
    assert reverse("quality:merge_detail", args=[run.merges.get().pk]) in html


@pytest.mark.parametrize("persona", ["bob", "carol", "dave"])
def test_people_without_staff_rights_may_not_start_a_bulk_merge(request, persona, client_for):
    client = client_for(request.getfixturevalue(persona))
    response = client.post(reverse("quality:bulk_merge"), {"kind": "person", "threshold": "0.99"})
    assert response.status_code == 403
    assert BulkMergeRun.objects.count() == 0


def test_bulk_merge_page_counts_for_the_default_threshold_on_the_first_visit(alice, db, client_for):
    response = client_for(alice).get(reverse("quality:bulk_merge"))
    assert response.context["qualifying"] == 0
    assert 'value="0.99"' in response.content.decode()
