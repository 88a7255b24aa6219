"""The citizens' dialogue's personal data: covered, exported, and erased by anonymising."""

from datetime import timedelta

import pytest
from django.utils import timezone

from knotenpunkt.core.registry import personal_data_providers
from knotenpunkt.directory.models import Person
from knotenpunkt.participation.models import (
    DialogueComment,
    DialogueProposal,
    DialogueReport,
    DialogueSupport,
    Phase,
    Process,
)
from knotenpunkt.participation.services import dialogue as services
from knotenpunkt.participation.services.processes import add_phase, create_process
from knotenpunkt.privacy.coverage import uncovered_personal_data
from tests.factories import PersonEmailFactory


@pytest.fixture
def dialogue(cluster, alice):
    process = create_process(
        alice,
        cluster,
        title="Innenstadt 2035",
        summary="…",
        visibility=Process.Visibility.PUBLIC,
        is_published=True,
    )
    today = timezone.localdate()
    phase = add_phase(
        alice,
        process,
        title="Ihre Ideen",
        module=Phase.Module.DIALOGUE,
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=9),
    )
    made = services.dialogue_of(phase)
    made.identity = made.Identity.EMAIL
    made.moderation = made.Moderation.POST
    made.save()
    return made


@pytest.fixture
def traces_of_carol(dialogue, carol, dave):
    """Carol writes with her account and, logged out, with her private address."""
    PersonEmailFactory(
        person=carol.person, address="carol.privat@example.org", confirmed_at=timezone.now()
    )
    by_account = services.submit_proposal(
        dialogue, services.Writer(carol, ip="192.0.2.1"), title="Radweg", text="Entlang der Bahn."
    )
    by_address = services.submit_proposal(
        dialogue,
        services.Writer(None, email="carol.privat@example.org", ip="192.0.2.1"),
        title="Bänke",
        text="Am Markt.",
    )
    services.confirm(by_address.confirmation_token)
    services.submit_comment(by_account, services.Writer(dave), text="Gute Idee")
    services.submit_comment(by_account, services.Writer(carol), text="Danke!")
    services.support(by_account, services.Writer(carol))
    services.report(by_account, services.Writer(carol), reason="other", note="Tippfehler")
    return carol.person


def test_every_personal_field_of_the_dialogue_is_covered():
    assert [label for label in uncovered_personal_data() if ".Dialogue" in label] == []
    assert "participation.dialogue" in {p.key for p in personal_data_providers()}


@pytest.mark.django_db
def test_export_lists_contributions_by_account_and_by_address(traces_of_carol):
    exported = services.export_person(traces_of_carol)
    assert sorted(p["title"] for p in exported["proposals"]) == ["Bänke", "Radweg"]
    assert [c["text"] for c in exported["comments"]] == ["Danke!"]
    assert len(exported["supports"]) == 1
    assert exported["reports"][0]["note"] == "Tippfehler"


@pytest.mark.django_db
def test_erasure_keeps_the_texts_anonymous_and_drops_account_address_and_network(
    traces_of_carol, carol, dave
):
    provider = next(p for p in personal_data_providers() if p.key == "participation.dialogue")
    provider.erase(Person.objects.get(pk=traces_of_carol.pk))
    assert DialogueProposal.objects.count() == 2
    assert not DialogueProposal.objects.filter(author=carol).exists()
    assert not DialogueProposal.objects.exclude(email="").exists()
    assert not DialogueProposal.objects.exclude(ip_hash="").exists()
    assert DialogueComment.objects.get(text="Danke!").author is None
    assert DialogueComment.objects.get(text="Gute Idee").author == dave
    support = DialogueSupport.objects.get()
    assert support.user is None
    assert support.confirmed_at is not None  # the support still counts
    assert DialogueReport.objects.get().reporter is None
    assert services.export_person(traces_of_carol)["proposals"] == []


@pytest.mark.django_db
def test_an_unconfirmed_address_in_a_profile_gets_nothing_of_what_its_owner_wrote(dialogue, dave):
    services.submit_proposal(
        dialogue,
        services.Writer(None, email="erika@example.org"),
        title="Bänke",
        text="Am Markt.",
    )
    PersonEmailFactory(person=dave.person, address="erika@example.org")
    assert services.export_person(dave.person)["proposals"] == []
    services.erase_person(dave.person)
    assert DialogueProposal.objects.get().email == "erika@example.org"
