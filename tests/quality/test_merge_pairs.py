"""The merge and its neighbours: source records of the import, candidate pairs, bulk merge."""

from django.apps import apps

from knotenpunkt.directory.models import Person
from knotenpunkt.quality.models import BulkMergeItem, BulkMergeRun, CandidatePair
from knotenpunkt.quality.services.bulk_merge import qualifying_pairs, start_bulk_merge
from knotenpunkt.quality.services.merge import merge_people, undo_merge
from tests.factories import ImportSourceFactory, PersonFactory, UserFactory
from tests.quality.test_merge import database_state


def pair(a, b, score=0.995, status=CandidatePair.Status.PENDING, kind="person"):
    a_id, b_id = sorted((a.pk, b.pk))
    return CandidatePair.objects.create(
        kind=kind, record_a_id=a_id, record_b_id=b_id, score=score, status=status
    )


def source_record(person, record_id):
    return apps.get_model("imports", "SourceRecord").objects.create(
        source=ImportSourceFactory(), record_id=record_id, person=person
    )


def test_merge_moves_the_source_records_of_the_import(db, alice):
    survivor, loser = PersonFactory(), PersonFactory()
    source_record(loser, "crm-17")
    merge_people(survivor, loser, user=alice)
    assert list(survivor.source_records.values_list("record_id", flat=True)) == ["crm-17"]


def test_merge_marks_the_merged_pair_as_merged(db, alice):
    survivor, loser = PersonFactory(), PersonFactory()
    merged_pair = pair(survivor, loser)
    merge_people(survivor, loser, user=alice)
    merged_pair.refresh_from_db()
    assert merged_pair.status == CandidatePair.Status.MERGED
    assert merged_pair.decided_by == alice


def test_merge_points_the_losers_other_pairs_at_the_survivor(db, alice):
    survivor, loser, third = PersonFactory(), PersonFactory(), PersonFactory()
    other = pair(loser, third)
    merge_people(survivor, loser, user=alice)
    other.refresh_from_db()
    assert {other.record_a_id, other.record_b_id} == {survivor.pk, third.pk}


def test_merge_drops_a_pair_the_survivor_already_has(db, alice):
    survivor, loser, third = PersonFactory(), PersonFactory(), PersonFactory()
    pair(survivor, third)
    pair(loser, third)
    merge_people(survivor, loser, user=alice)
    assert CandidatePair.objects.filter(kind="person").count() == 1


def test_undo_restores_the_pairs_and_source_records_exactly(db, alice):
    survivor, loser, third = PersonFactory(), PersonFactory(), PersonFactory()
    source_record(loser, "crm-17")
    pair(survivor, loser)
    pair(survivor, third)
    pair(loser, third)
    before = database_state()
    undo_merge(merge_people(survivor, loser, user=alice), alice)
    assert database_state() == before


def test_only_pending_pairs_above_the_threshold_qualify_for_bulk_merge(db, alice):
    a, b, c, d = (PersonFactory() for _ in range(4))
    pair(a, b, score=0.995)
    pair(c, d, score=0.9)
    pair(a, c, score=0.999, status=CandidatePair.Status.DIFFERENT)
    assert qualifying_pairs("person", 0.99, alice).count() == 1


def test_bulk_merge_merges_qualifying_pairs_and_reports_each(
    db, alice, django_capture_on_commit_callbacks
):
    a, b, c, d = (PersonFactory() for _ in range(4))
    pair(a, b, score=0.995)
    pair(c, d, score=0.999)
    with django_capture_on_commit_callbacks(execute=True):
        run = start_bulk_merge("person", 0.99, alice)
    run.refresh_from_db()
    assert run.status == BulkMergeRun.Status.DONE
    assert run.merged_count == 2
    assert Person.objects.filter(pk__in=[a.pk, b.pk, c.pk, d.pk]).count() == 2
    assert run.items.filter(outcome=BulkMergeItem.Outcome.MERGED, merge__isnull=False).count() == 2


def test_bulk_merge_skips_a_pair_it_must_not_merge_and_says_why(
    db, alice, django_capture_on_commit_callbacks
):
    a, b = PersonFactory(user=UserFactory()), PersonFactory(user=UserFactory())
    pair(a, b, score=0.999)
    with django_capture_on_commit_callbacks(execute=True):
        run = start_bulk_merge("person", 0.99, alice)
    item = run.items.get()
    assert item.outcome == BulkMergeItem.Outcome.SKIPPED
    assert "Benutzerkonto" in item.reason


def test_bulk_merge_folds_a_chain_of_three_duplicates_into_one(
    db, alice, django_capture_on_commit_callbacks
):
    a, b, c = PersonFactory(), PersonFactory(), PersonFactory()
    pair(a, b, score=0.999)
    pair(b, c, score=0.998)
    pair(a, c, score=0.997)
    with django_capture_on_commit_callbacks(execute=True):
        run = start_bulk_merge("person", 0.99, alice)
    assert Person.objects.filter(pk__in=[a.pk, b.pk, c.pk]).count() == 1
    run.refresh_from_db()
    assert run.merged_count == 2
    assert run.skipped_count == 1


def test_merge_drops_the_duplicate_keys_of_the_merged_away_record(db, alice):
    from knotenpunkt.quality.models import SimilarityKey
    from knotenpunkt.quality.services.similarity_keys import refresh_keys

    survivor, loser = PersonFactory(), PersonFactory()
    refresh_keys("person", [survivor.pk, loser.pk])
    merge_people(survivor, loser, user=alice)
    assert not SimilarityKey.objects.filter(kind="person", record_id=loser.pk).exists()
    assert SimilarityKey.objects.filter(kind="person", record_id=survivor.pk).exists()
