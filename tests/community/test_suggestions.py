"""Suggestions of who should meet whom: within the cluster, explained, not already in
contact, and what "introduce" and "dismiss" leave behind."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from knotenpunkt.community.models import PairDecision
from knotenpunkt.community.services import (
    dismiss,
    introduce,
    suggestions_for_cluster,
    suggestions_for_person,
)
from knotenpunkt.core.models import AuditEntry
from knotenpunkt.interactions.models import Interaction
from knotenpunkt.privacy.services import erase_person, export_person_data


def _pairs(suggestions):
    return {frozenset((s.person_a.pk, s.person_b.pk)) for s in suggestions}


def _pair(a, b):
    return frozenset((a.pk, b.pk))


def test_people_with_shared_interests_and_a_need_the_other_offers_are_suggested(cluster, world):
    with translation.override("en"):
        found = suggestions_for_cluster(cluster)
    clara_nina = next(
        s for s in found if _pair(world.clara, world.nina) == _pair(s.person_a, s.person_b)
    )
    assert "both are interested in Artificial intelligence" in clara_nina.explanation
    assert (
        "Clara Claussen is looking for “Cloud-Beratung gesucht”, Nina Nissen "
        "(Südwind Data GmbH) offers it" in clara_nina.explanation
    )
    assert "both are members of Fachgruppe KI" in clara_nina.explanation
    assert "both attended KI-Gipfel Kiel" in clara_nina.explanation


def test_suggestions_stay_within_the_cluster(cluster, other_cluster, world):
    people = {pk for pair in _pairs(suggestions_for_cluster(cluster)) for pk in pair}
    assert world.otto.pk not in people
    with translation.override("en"):
        theirs = suggestions_for_cluster(other_cluster)
    assert _pair(world.clara, world.otto) in _pairs(theirs)
    explanation = " ".join(s.explanation for s in theirs)
    assert "KI-Gipfel" not in explanation
    assert "Cloud-Beratung" not in explanation
    assert "Fachgruppe KI" not in explanation


def test_colleagues_and_people_already_introduced_are_not_suggested(cluster, world):
    pairs = _pairs(suggestions_for_cluster(cluster))
    assert _pair(world.clara, world.peter) not in pairs  # same organisation
    assert _pair(world.clara, world.max) not in pairs  # organisations introduced already
    assert _pair(world.nina, world.max) in pairs


def test_suggestions_are_deterministic(cluster, world):
    first = [(s.person_a.pk, s.person_b.pk, s.score) for s in suggestions_for_cluster(cluster)]
    second = [(s.person_a.pk, s.person_b.pk, s.score) for s in suggestions_for_cluster(cluster)]
    assert first == second
    assert [score for *_pair_, score in first] == sorted(
        (score for *_pair_, score in first), reverse=True
    )


def test_the_profile_shows_the_persons_best_suggested_contacts(client_for, alice, world):
    found = suggestions_for_person(alice, world.clara)
    assert found and len(found) <= 5
    assert all(world.clara.pk in (s.person_a.pk, s.person_b.pk) for s in found)
    page = client_for(alice).get(reverse("community:person", args=[world.clara.pk]))
    assert "Nina Nissen" in page.content.decode()


def test_introducing_records_an_introduction_and_the_pair_is_not_suggested_again(
    client_for, alice, cluster, world, member_org
):
    response = client_for(alice).post(
        reverse("community:introduce"),
        {"cluster": cluster.slug, "person_a": world.nina.pk, "person_b": world.clara.pk},
    )
    assert response.status_code == 302
    decision = PairDecision.objects.get()
    assert decision.decision == PairDecision.Decision.INTRODUCED
    assert (decision.person_a, decision.person_b) == (world.clara, world.nina)
    introduction = decision.interaction
    assert introduction.kind == Interaction.Kind.INTRODUCTION
    assert {introduction.organisation, introduction.introduced_to} == {
        member_org,
        world.suedwind,
    }
    assert AuditEntry.objects.filter(action="community.suggestion.introduced").exists()
    assert _pair(world.clara, world.nina) not in _pairs(suggestions_for_cluster(cluster))


def test_dismissing_hides_the_pair(client_for, alice, cluster, world):
    client_for(alice).post(
        reverse("community:dismiss"),
        {"cluster": cluster.slug, "person_a": world.nina.pk, "person_b": world.max.pk},
    )
    assert PairDecision.objects.get().decision == PairDecision.Decision.DISMISSED
    assert (
        not Interaction.objects.filter(kind="introduction")
        .exclude(summary="Ostsee IT und Nordlicht vorgestellt")
        .exists()
    )
    assert _pair(world.nina, world.max) not in _pairs(suggestions_for_cluster(cluster))
    assert AuditEntry.objects.filter(action="community.suggestion.dismissed").exists()


def test_staff_of_another_cluster_cannot_decide_on_this_clusters_pairs(
    client_for, bert, cluster, world
):
    response = client_for(bert).post(
        reverse("community:introduce"),
        {"cluster": cluster.slug, "person_a": world.nina.pk, "person_b": world.clara.pk},
    )
    assert response.status_code == 404
    assert not PairDecision.objects.exists()


def test_a_pair_with_someone_outside_the_cluster_is_refused(alice, cluster, world):
    with pytest.raises(PermissionDenied):
        introduce(alice, cluster, world.clara, world.otto)


def test_the_suggestions_page_lists_pairs_with_explanations_and_actions(client_for, alice, world):
    page = client_for(alice).get(reverse("community:suggestions")).content.decode()
    assert "Nina Nissen" in page
    assert "Cloud-Beratung gesucht" in page
    assert reverse("community:introduce") in page
    assert "Otto Ohlsen" not in page


def test_decisions_are_exported_and_erased_with_the_person(alice, cluster, world):
    with translation.override("en"):
        decision = dismiss(alice, cluster, world.clara, world.nina)
    # The reason kept on record is computed on the server, not taken from the form.
    assert "both are members of Fachgruppe KI" in decision.explanation
    exported = export_person_data(None, world.nina)
    assert exported["community"]["suggested_contacts"][0]["other_person"] == "Clara Claussen"
    erase_person(None, world.nina)
    assert not PairDecision.objects.exists()
