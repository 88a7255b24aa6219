"""What interactions hold about a person: export, erasure and merges."""

import datetime

from knotenpunkt.interactions.models import FollowUp, Interaction
from knotenpunkt.privacy.services import erase_person, export_person_data
from knotenpunkt.quality.services.merge import merge_organisations, merge_people
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, PositionFactory

PRIVATE = "Wirkt amtsmüde"


def test_the_export_lists_interactions_about_the_person_with_all_notes(record, bob, alice):
    record(people=[bob.person], notes=PRIVATE, notes_visibility="author")
    record(people=[bob.person], kind="consultation", notes="Für alle sichtbar")
    data = export_person_data(alice, bob.person)["interactions"]
    about = data["interactions_about_you"]
    assert len(about) == 2
    # Art. 15: the person sees every note about them, working notes "only me" included.
    assert PRIVATE in str(data)
    assert "Für alle sichtbar" in str(data)


def test_the_export_of_a_staff_member_lists_their_follow_ups(record, alice):
    record(follow_ups=[("Angebot schicken", datetime.date(2026, 3, 1), alice)])
    person = PersonFactory(first_name="Alice", last_name="Albers", user=alice)
    data = export_person_data(alice, person)["interactions"]
    assert data["follow_ups_assigned_to_you"][0]["task"] == "Angebot schicken"
    assert len(data["interactions_you_took_part_in"]) == 1


def test_erasure_takes_the_person_off_the_interaction_and_out_of_its_texts(record, bob, alice):
    interaction = record(
        people=[bob.person],
        summary="Gespräch mit Bob Brandt",
        notes="Brandt will Förderung",
        follow_ups=[("Brandt anrufen", datetime.date(2026, 3, 1), alice)],
    )
    erase_person(alice, bob.person)
    interaction.refresh_from_db()
    assert not interaction.people.exists()
    assert "Brandt" not in interaction.summary + interaction.notes
    assert "Brandt" not in FollowUp.objects.get().title
    assert Interaction.objects.count() == 1  # the figures keep the visit


def test_a_merge_of_people_and_of_organisations_moves_the_interactions(
    record, bob, alice, cluster, member_org
):
    twin = PersonFactory(first_name="Bob", last_name="Brandt")
    PositionFactory(person=twin, organisation=member_org)
    interaction = record(people=[twin])
    merge_people(bob.person, twin)
    assert list(interaction.people.all()) == [bob.person]

    duplicate = OrganisationFactory(name="Nordlicht Software", slug="nordlicht-2")
    MembershipFactory(organisation=duplicate, cluster=cluster)
    other = record(organisation=duplicate)
    merge_organisations(member_org, duplicate)
    other.refresh_from_db()
    assert other.organisation == member_org
