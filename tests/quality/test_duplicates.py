"""Candidate pairs: how scans update them, and the staff's review queue."""

from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.urls import reverse

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.quality.models import CandidatePair, SimilarityKey
from knotenpunkt.quality.services.duplicates import (
    mark_different,
    mark_same,
    pending_pairs,
    scan_organisations,
    scan_people,
    store_pairs,
)
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PersonEmailFactory,
    PersonFactory,
    PositionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PERSON = CandidatePair.Kind.PERSON


def linked(a, b, score=0.95, agreements=("email", "last_name")):
    """A pair as the linkage engine reports it (ids as strings, in any order)."""
    return SimpleNamespace(a=str(a), b=str(b), score=score, agreements=agreements)


@pytest.fixture
def two_people(member_org):
    people = []
    for first in ["Anna", "Anne"]:
        person = PersonFactory(first_name=first, last_name="Petersen")
        PositionFactory(person=person, organisation=member_org)
        people.append(person)
    return people


def pair_of(people, **fields):
    a, b = sorted(p.pk for p in people)
    defaults = {"score": 0.9, "agreements": ["email", "last_name"]}
    return CandidatePair.objects.create(
        kind=PERSON, record_a_id=a, record_b_id=b, **{**defaults, **fields}
    )


# Scans ----------------------------------------------------------------------------------


def test_a_scan_stores_a_new_pair_with_the_smaller_id_first(two_people):
    first, second = two_people
    result = store_pairs(PERSON, [linked(second.pk, first.pk)])
    pair = CandidatePair.objects.get()
    assert (pair.record_a_id, pair.record_b_id) == (first.pk, second.pk)
    assert pair.status == CandidatePair.Status.PENDING
    assert pair.agreements == ["email", "last_name"]
    assert result.created == 1


def test_a_rescan_updates_the_score_and_reasons_of_a_pending_pair(two_people):
    pair = pair_of(two_people, score=0.7, agreements=["last_name"])
    store_pairs(PERSON, [linked(*pair_ids(pair), score=0.97, agreements=("email",))])
    pair.refresh_from_db()
    assert (pair.score, pair.agreements) == (0.97, ["email"])


def pair_ids(pair):
    return pair.record_a_id, pair.record_b_id


def test_a_pair_marked_different_never_comes_back(two_people, alice):
    pair = pair_of(two_people)
    mark_different(pair, alice)
    store_pairs(PERSON, [linked(*pair_ids(pair), score=0.99)])
    pair.refresh_from_db()
    assert pair.status == CandidatePair.Status.DIFFERENT
    assert not pending_pairs(PERSON).exists()


def test_a_merged_pair_is_not_proposed_again(two_people):
    pair = pair_of(two_people, status=CandidatePair.Status.MERGED)
    store_pairs(PERSON, [linked(*pair_ids(pair))])
    assert CandidatePair.objects.get().status == CandidatePair.Status.MERGED
    assert not pending_pairs(PERSON).exists()


def test_a_pending_pair_the_engine_no_longer_finds_is_dropped(two_people):
    pair_of(two_people)
    result = store_pairs(PERSON, [])
    assert not CandidatePair.objects.exists()
    assert result.removed == 1


def test_a_decided_pair_stays_when_the_engine_no_longer_finds_it(two_people, alice):
    pair = pair_of(two_people)
    mark_same(pair, alice)
    store_pairs(PERSON, [])
    assert CandidatePair.objects.get().status == CandidatePair.Status.SAME


def test_a_scan_skips_pairs_whose_records_no_longer_exist(two_people):
    gone = PersonFactory()
    gone_pk = gone.pk
    gone.delete()
    store_pairs(PERSON, [linked(two_people[0].pk, gone_pk)])
    assert not CandidatePair.objects.exists()


def test_scanning_people_finds_two_records_of_one_person(member_org):
    for first in ["Anna", "Anna"]:
        person = PersonFactory(first_name=first, last_name="Petersen")
        PersonEmailFactory(person=person, address="anna.petersen@nordlicht.example")
        PositionFactory(person=person, organisation=member_org)
    PersonEmailFactory(person=PersonFactory(first_name="Karl", last_name="Kunde"))
    result = scan_people()
    assert result.created == 1
    assert "email" in CandidatePair.objects.get().agreements


def test_scanning_organisations_finds_one_firm_entered_twice(db):
    for name in ["Nordlicht Software GmbH", "Nordlicht Software G.m.b.H."]:
        OrganisationFactory(
            name=name, vat_id="DE123456789", website="https://nordlicht.example", city="Kiel"
        )
    OrganisationFactory(name="Ostsee Robotik AG", city="Lübeck")
    result = scan_organisations()
    assert result.created == 1
    assert "vat_id" in CandidatePair.objects.get(kind="organisation").agreements


def test_the_scan_command_reports_what_it_found(member_org):
    for _ in range(2):
        person = PersonFactory(first_name="Anna", last_name="Petersen")
        PersonEmailFactory(person=person, address="anna.petersen@nordlicht.example")
    out = StringIO()
    call_command("scan_duplicates", "--kind", "person", "--rebuild-keys", stdout=out)
    assert "person: 1 pairs found, 1 new" in out.getvalue()
    assert SimilarityKey.objects.filter(kind="person").exists()


# Decisions ------------------------------------------------------------------------------


def test_marking_a_pair_different_records_who_decided_and_audits_it(two_people, alice):
    pair = mark_different(pair_of(two_people), alice)
    assert pair.decided_by == alice and pair.decided_at is not None
    assert AuditEntry.objects.filter(action="quality.pair.marked_different").count() == 2


# The review queue -----------------------------------------------------------------------


def test_staff_see_a_pair_with_probability_and_reasons_in_plain_words(
    client_for, alice, two_people
):
    pair_of(two_people, score=0.934)
    response = client_for(alice).get(reverse("quality:duplicates"))
    assert response.status_code == 200
    assert "Anna Petersen" in response.text and "Anne Petersen" in response.text
    assert "93 %" in response.text
    assert "gleiche E-Mail-Adresse" in response.text
    assert "gleicher Nachname" in response.text


def test_each_pair_is_a_card_with_record_a_and_record_b_and_the_decisions(
    client_for, alice, two_people
):
    pair = pair_of(two_people)
    text = client_for(alice).get(reverse("quality:duplicates")).text
    card = text.split(f'<li id="pair-{pair.pk}"')[1].split("</article>")[0]
    assert '<article class="kern-card' in card
    assert "Datensatz A" in card and "Datensatz B" in card
    assert card.index("Anna Petersen") < card.index("Datensatz B") < card.rindex("Anne Petersen")
    assert "Verschiedene Personen" in card
    assert "<table" not in text


def test_the_queue_offers_the_merge_of_a_pair(client_for, alice, two_people):
    pair = pair_of(two_people)
    response = client_for(alice).get(reverse("quality:duplicates"))
    assert reverse("quality:merge_people", args=pair_ids(pair)) in response.text


def test_the_queue_filters_by_lowest_score(client_for, alice, two_people, member_org):
    pair_of(two_people, score=0.6)
    response = client_for(alice).get(reverse("quality:duplicates"), {"min_score": 80})
    assert "Anna Petersen" not in response.text
    response = client_for(alice).get(reverse("quality:duplicates"), {"min_score": 50})
    assert "Anna Petersen" in response.text


def test_the_queue_shows_organisations_on_their_own_tab(client_for, alice, two_people):
    pair_of(two_people)
    a, b = (
        OrganisationFactory(name="Förde Robotik GmbH"),
        OrganisationFactory(name="Foerde Robotik"),
    )
    CandidatePair.objects.create(
        kind="organisation", record_a_id=min(a.pk, b.pk), record_b_id=max(a.pk, b.pk), score=0.9
    )
    response = client_for(alice).get(reverse("quality:duplicates"), {"kind": "organisation"})
    assert "Förde Robotik GmbH" in response.text
    assert "Anna Petersen" not in response.text


def test_the_queue_shows_pairs_marked_different_only_when_asked(client_for, alice, two_people):
    mark_different(pair_of(two_people), alice)
    client = client_for(alice)
    assert "Anna Petersen" not in client.get(reverse("quality:duplicates")).text
    response = client.get(reverse("quality:duplicates"), {"status": "different"})
    assert "Anna Petersen" in response.text


def test_a_bad_score_filter_gives_a_form_error_not_a_failure(client_for, alice):
    response = client_for(alice).get(reverse("quality:duplicates"), {"min_score": "viel"})
    assert response.status_code == 200
    assert 'class="field-errors"' in response.text


def test_marking_different_with_htmx_replaces_the_row(client_for, alice, two_people):
    pair = pair_of(two_people)
    response = client_for(alice).post(
        reverse("quality:duplicate_different", args=[pair.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.text.startswith(f'<li id="pair-{pair.pk}"')  # replaces the card
    assert "<button" not in response.text
    pair.refresh_from_db()
    assert pair.status == CandidatePair.Status.DIFFERENT


def test_marking_different_without_javascript_returns_to_the_queue(client_for, alice, two_people):
    pair = pair_of(two_people)
    back = reverse("quality:duplicates") + "?min_score=50"
    response = client_for(alice).post(
        reverse("quality:duplicate_different", args=[pair.pk]), {"next": back}
    )
    assert response.status_code == 302
    assert response.url == back


def test_marking_same_keeps_the_pair_for_a_later_merge(client_for, alice, two_people):
    pair = pair_of(two_people)
    client_for(alice).post(reverse("quality:duplicate_same", args=[pair.pk]))
    pair.refresh_from_db()
    assert pair.status == CandidatePair.Status.SAME


def test_a_decision_never_redirects_to_another_site(client_for, alice, two_people):
    pair = pair_of(two_people)
    response = client_for(alice).post(
        reverse("quality:duplicate_different", args=[pair.pk]), {"next": "https://evil.example/"}
    )
    assert response.url == reverse("quality:duplicates")


def test_the_scan_button_searches_in_the_background_after_commit(
    client_for, alice, two_people, django_capture_on_commit_callbacks
):
    for person in two_people:
        PersonEmailFactory(person=person, address="anna.petersen@nordlicht.example")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client_for(alice).post(reverse("quality:duplicate_scan"), {"kind": "person"})
    assert len(callbacks) == 1
    assert response.status_code == 302
    assert CandidatePair.objects.filter(kind=PERSON).count() == 1


def test_the_queue_needs_few_queries_whatever_the_number_of_pairs(
    client_for, alice, member_org, django_assert_max_num_queries
):
    for n in range(20):
        people = [PersonFactory(last_name=f"Petersen{n}") for _ in range(2)]
        for person in people:
            PositionFactory(person=person, organisation=member_org)
            PersonEmailFactory(person=person)
        pair_of(people)
    client = client_for(alice)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("quality:duplicates"))
    assert response.text.count('id="pair-') == 20


# Who may review -------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["bob", "carol", "dave"])
def test_only_staff_may_open_the_queue(client_for, persona, request):
    user = request.getfixturevalue(persona)
    assert client_for(user).get(reverse("quality:duplicates")).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(reverse("quality:duplicates"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response.url


@pytest.mark.parametrize("persona", ["bob", "carol", "dave"])
def test_only_staff_may_decide_on_a_pair(client_for, persona, request, two_people):
    pair = pair_of(two_people)
    user = request.getfixturevalue(persona)
    response = client_for(user).post(reverse("quality:duplicate_different", args=[pair.pk]))
    assert response.status_code == 403
    pair.refresh_from_db()
    assert pair.status == CandidatePair.Status.PENDING


@pytest.mark.parametrize("persona", ["bob", "carol", "dave"])
def test_only_staff_may_start_a_scan(client_for, persona, request):
    user = request.getfixturevalue(persona)
    assert client_for(user).post(reverse("quality:duplicate_scan")).status_code == 403


def test_staff_of_another_cluster_neither_see_nor_decide_the_pair(
    client_for, other_cluster, two_people
):
    stranger = UserFactory(is_staff=True)
    other_cluster.staff.add(stranger)
    elsewhere = OrganisationFactory()
    MembershipFactory(organisation=elsewhere, cluster=other_cluster)
    pair = pair_of(two_people)
    client = client_for(stranger)
    assert "Anna Petersen" not in client.get(reverse("quality:duplicates")).text
    response = client.post(reverse("quality:duplicate_different", args=[pair.pk]))
    assert response.status_code == 404


def test_a_platform_admin_sees_every_pair(admin_client, two_people):
    pair_of(two_people)
    assert "Anna Petersen" in admin_client.get(reverse("quality:duplicates")).text
