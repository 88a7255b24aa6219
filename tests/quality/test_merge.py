"""The merge service: relations follow the survivor, collisions, exact undo, audit, guard."""

import contextlib
import datetime

import pytest
from django.apps import apps
from django.core import serializers
from django.utils import timezone

from knotenpunkt.core import registry
from knotenpunkt.core.models import AuditEntry
from knotenpunkt.directory.models import (
    Membership,
    Organisation,
    Person,
    PersonEmail,
    PersonPhone,
    Position,
    Topic,
)
from knotenpunkt.privacy.models import Consent
from knotenpunkt.quality.models import MergeRecord
from knotenpunkt.quality.services.merge import (
    TARGETS,
    MergeError,
    default_choices,
    merge_organisations,
    merge_people,
    relation_keys,
    undo_merge,
    unregistered_relations,
)
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PersonEmailFactory,
    PersonFactory,
    PositionFactory,
    UserFactory,
)

DERIVED = {"search_document", "search_vector"}


def database_state() -> dict[str, list]:
    """Every row of every model a merge may touch, serialised, to compare exactly."""
    models = [
        Person,
        PersonEmail,
        PersonPhone,
        Position,
        Organisation,
        Membership,
        Consent,
        Person.topics.through,
        Organisation.topics.through,
        apps.get_model("accounts", "User"),
    ]
    for label in ("imports.SourceRecord", "quality.CandidatePair"):
        with contextlib.suppress(LookupError):
            models.append(apps.get_model(label))
    state = {}
    for model in models:
        rows = serializers.serialize("python", model._base_manager.order_by("pk"))
        for row in rows:
            for name in DERIVED:
                row["fields"].pop(name, None)
        state[model._meta.label] = rows
    return state


def consent(person, purpose="newsletter", granted=True):
    return Consent.objects.create(
        person=person,
        purpose=purpose,
        granted=granted,
        source="test",
        text_version="1",
        wording="Ja, bitte.",
    )


@pytest.fixture
def topics(db):
    return [
        Topic.objects.create(slug=f"topic-{i}", label_de=f"Thema {i}", label_en=f"Topic {i}")
        for i in range(3)
    ]


@pytest.fixture
def twins(db, member_org, topics):
    """The same person entered twice, each with rows of every registered relation."""
    survivor = PersonFactory(first_name="Jana", last_name="Hansen", title="")
    loser = PersonFactory(first_name="Jana", last_name="Hansen", title="Dr.")
    PersonEmailFactory(person=survivor, address="jana@nordlicht.example", is_primary=True)
    PersonEmailFactory(person=loser, address="JANA@nordlicht.example", is_primary=True)
    PersonEmailFactory(person=loser, address="jana.hansen@privat.example", is_primary=False)
    PersonPhone.objects.create(person=loser, number="+494311234567")
    PositionFactory(person=survivor, organisation=member_org, function="cio")
    PositionFactory(person=loser, organisation=member_org, function="cio")
    PositionFactory(person=loser, organisation=OrganisationFactory(), function="board")
    consent(survivor, "newsletter", True)
    consent(loser, "newsletter", False)
    consent(loser, "event_invitations", True)
    survivor.topics.add(topics[0], topics[1])
    loser.topics.add(topics[1], topics[2])
    return survivor, loser


def test_merging_people_moves_positions_emails_phones_and_consents_to_the_survivor(twins, alice):
    survivor, loser = twins
    merge_people(survivor, loser, user=alice)
    assert not Person.objects.filter(pk=loser.pk).exists()
    assert sorted(e.address for e in survivor.emails.all()) == [
        "jana.hansen@privat.example",
        "jana@nordlicht.example",
    ]
    assert survivor.phones.count() == 1
    assert sorted(p.function for p in survivor.positions.all()) == ["board", "cio"]
    assert survivor.consents.count() == 3


def test_merging_people_removes_rows_that_would_duplicate_the_survivors(twins, alice):
    survivor, loser = twins
    record = merge_people(survivor, loser, user=alice)
    assert record.moved_counts["directory.PersonEmail.person"] == {"moved": 1, "removed": 1}
    assert record.moved_counts["directory.Position.person"] == {"moved": 1, "removed": 1}


def test_merging_people_gives_the_survivor_the_union_of_topics(twins, topics, alice):
    survivor, loser = twins
    merge_people(survivor, loser, user=alice)
    assert set(survivor.topics.all()) == set(topics)


def test_merged_person_keeps_one_primary_email(twins, alice):
    survivor, loser = twins
    merge_people(survivor, loser, user=alice)
    assert survivor.emails.filter(is_primary=True).count() == 1


def test_merge_takes_a_filled_value_over_an_empty_one_by_default(twins, alice):
    survivor, loser = twins
    merge_people(survivor, loser, user=alice)
    survivor.refresh_from_db()
    assert survivor.title == "Dr."


def test_merge_keeps_the_value_the_user_chose(twins, alice):
    survivor, loser = twins
    merge_people(survivor, loser, {"title": "survivor"}, user=alice)
    survivor.refresh_from_db()
    assert survivor.title == ""


def test_default_choice_prefers_the_confirmed_record_when_both_have_values(db):
    survivor = PersonFactory(first_name="Jan")
    loser = PersonFactory(first_name="Jann", confirmed_at=timezone.now())
    assert default_choices("person", survivor, loser)["first_name"] == "loser"


def test_default_choice_prefers_the_newer_record_when_neither_is_confirmed(db):
    loser = PersonFactory(first_name="Jann")
    survivor = PersonFactory(first_name="Jan")
    assert default_choices("person", survivor, loser)["first_name"] == "survivor"


def test_login_account_of_the_merged_away_person_moves_to_the_survivor(db, alice):
    survivor, loser = PersonFactory(), PersonFactory(user=UserFactory())
    account = loser.user
    merge_people(survivor, loser, user=alice)
    survivor.refresh_from_db()
    assert survivor.user == account


def test_merge_of_two_people_with_login_accounts_is_refused(db, alice):
    survivor, loser = PersonFactory(user=UserFactory()), PersonFactory(user=UserFactory())
    with pytest.raises(MergeError, match="Benutzerkonto"):
        merge_people(survivor, loser, user=alice)
    assert Person.objects.filter(pk=loser.pk).exists()


def test_merge_writes_an_audit_entry_on_the_survivor(twins, alice):
    survivor, loser = twins
    record = merge_people(survivor, loser, user=alice)
    entry = AuditEntry.objects.get(action="quality.person.merged")
    assert entry.actor == alice
    assert entry.target_id == str(survivor.pk)
    assert entry.data["merge"] == record.pk


def test_undo_restores_every_row_exactly_as_before_the_merge(twins, alice):
    survivor, loser = twins
    before = database_state()
    record = merge_people(survivor, loser, user=alice)
    assert database_state() != before
    undo_merge(record, alice)
    assert database_state() == before


def test_undo_restores_a_moved_login_account(db, alice):
    survivor, loser = PersonFactory(), PersonFactory(user=UserFactory())
    before = database_state()
    undo_merge(merge_people(survivor, loser, user=alice), alice)
    assert database_state() == before


def test_undo_is_audited_and_marks_the_merge_undone(twins, alice):
    survivor, loser = twins
    record = undo_merge(merge_people(survivor, loser, user=alice), alice)
    record.refresh_from_db()
    assert record.undone_by == alice
    assert AuditEntry.objects.filter(action="quality.person.merge_undone").count() == 1


def test_undo_is_refused_when_the_survivor_changed_after_the_merge(twins, alice):
    survivor, loser = twins
    record = merge_people(survivor, loser, user=alice)
    Person.objects.filter(pk=survivor.pk).update(first_name="Johanna")
    with pytest.raises(MergeError, match="nach der Zusammenführung geändert"):
        undo_merge(record, alice)
    assert not Person.objects.filter(pk=loser.pk).exists()


def test_undo_is_refused_when_a_moved_row_was_deleted_after_the_merge(twins, alice):
    survivor, loser = twins
    record = merge_people(survivor, loser, user=alice)
    Consent.objects.filter(person=survivor, purpose="event_invitations").delete()
    with pytest.raises(
        MergeError,
        match="1 übertragene Zeile wurde nach der Zusammenführung geändert oder gelöscht",
    ):
        undo_merge(record, alice)


def test_a_merge_cannot_be_undone_twice(twins, alice):
    survivor, loser = twins
    record = undo_merge(merge_people(survivor, loser, user=alice), alice)
    with pytest.raises(MergeError, match="bereits rückgängig gemacht"):
        undo_merge(record, alice)


@pytest.fixture
def twin_organisations(db, cluster, other_cluster, topics):
    survivor = OrganisationFactory(name="Nordlicht Software GmbH", website="")
    loser = OrganisationFactory(name="Nordlicht Software", website="https://nordlicht.example")
    MembershipFactory(organisation=survivor, cluster=cluster)
    MembershipFactory(organisation=loser, cluster=cluster, annual_fee=900)
    MembershipFactory(organisation=loser, cluster=other_cluster)
    MembershipFactory(
        organisation=loser,
        cluster=cluster,
        start_date=datetime.date(2015, 1, 1),
        end_date=datetime.date(2017, 12, 31),
        status=Membership.Status.ENDED,
    )
    person = PersonFactory()
    PositionFactory(person=person, organisation=survivor, function="ceo")
    PositionFactory(person=person, organisation=loser, function="ceo")
    PositionFactory(organisation=loser, function="hr")
    survivor.topics.add(topics[0])
    loser.topics.add(topics[0], topics[2])
    return survivor, loser


def test_merging_organisations_moves_memberships_and_functions(twin_organisations, alice):
    survivor, loser = twin_organisations
    record = merge_organisations(survivor, loser, user=alice)
    assert survivor.memberships.count() == 3
    assert survivor.positions.count() == 2
    assert record.moved_counts["directory.Membership.organisation"] == {"moved": 2, "removed": 1}


def test_an_ended_membership_moves_even_when_the_survivor_has_an_open_one(
    twin_organisations, alice
):
    survivor, loser = twin_organisations
    merge_organisations(survivor, loser, user=alice)
    assert survivor.memberships.filter(status=Membership.Status.ENDED).count() == 1


def test_merged_organisation_takes_the_website_of_the_merged_away_one(twin_organisations, alice):
    survivor, loser = twin_organisations
    merge_organisations(survivor, loser, user=alice)
    survivor.refresh_from_db()
    assert survivor.website == "https://nordlicht.example"


def test_undo_of_an_organisation_merge_restores_every_row_exactly(twin_organisations, alice):
    survivor, loser = twin_organisations
    before = database_state()
    undo_merge(merge_organisations(survivor, loser, user=alice), alice)
    assert database_state() == before


def test_merged_organisation_is_found_by_the_merged_away_ones_topics(
    twin_organisations, topics, alice
):
    survivor, loser = twin_organisations
    merge_organisations(survivor, loser, user=alice)
    survivor.refresh_from_db()
    assert "topic 2" in survivor.search_document


def test_every_relation_of_the_installed_apps_is_registered_for_merging():
    assert unregistered_relations("person") == []
    assert unregistered_relations("organisation") == []


def test_merge_refuses_while_a_relation_is_not_registered(twins, alice, monkeypatch):
    survivor, loser = twins
    relations = dict(registry._MERGE_RELATIONS)
    del relations[("person", "privacy.Consent", "person")]
    monkeypatch.setattr(registry, "_MERGE_RELATIONS", relations)
    with pytest.raises(MergeError, match="privacy.Consent.person"):
        merge_people(survivor, loser, user=alice)
    assert Person.objects.filter(pk=loser.pk).exists()
    assert MergeRecord.objects.count() == 0


def test_relation_keys_include_the_many_to_many_fields_of_the_record():
    assert ("directory.Person", "topics") in relation_keys(TARGETS["person"].model)


def test_erasing_a_person_empties_the_snapshots_of_their_merges(twins, alice):
    from knotenpunkt.privacy.services import erase_person

    survivor, loser = twins
    record = merge_people(survivor, loser, user=alice)
    erase_person(alice, survivor)
    record.refresh_from_db()
    assert record.snapshot == {}
    assert "Hansen" not in record.loser_repr
    with pytest.raises(MergeError, match="auf Wunsch der Person gelöscht"):
        undo_merge(record, alice)


def test_the_data_export_lists_the_merges_of_a_person(twins, alice):
    from knotenpunkt.privacy.services import export_person_data

    survivor, loser = twins
    merge_people(survivor, loser, user=alice)
    data = export_person_data(alice, survivor)
    assert data["quality.merges"][0]["merged_away_record"] == loser.pk
