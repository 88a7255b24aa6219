"""The demo's matchmaking data: believable profiles, needs in plain words from outside the
digital economy, a contact pipeline, idempotent.

Built once for the module inside a transaction that is rolled back afterwards, like the
other demo tests; every test that reads it asks for `db` too.
"""

import json
import re
from pathlib import Path

import pytest

from knotenpunkt.demo.matching import build_matching_demo, infer_archetype
from knotenpunkt.demo.matching_data import CAPABILITIES, NEEDS, PROFILE_ARCHETYPES
from knotenpunkt.demo.organisations import REGIONS_FILE
from knotenpunkt.demo.plan import plan_demo
from knotenpunkt.directory.models import Organisation, Position, Topic
from knotenpunkt.matching.models import CompetenceProfile, Contact, MatchDocument, Need, Suggestion

TAXONOMY_FILE = REGIONS_FILE.parent / "taxonomy.json"
# The engine's evaluation set, which the demo must not quote (it lives beside the repository).
DEV_SET = Path(__file__).resolve().parents[3] / "shared" / "data" / "matching-dev.json"
SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def counts() -> tuple[int, ...]:
    return (
        Organisation.objects.count(),
        CompetenceProfile.objects.count(),
        Need.objects.count(),
        Contact.objects.count(),
        Suggestion.objects.count(),
    )


def phrases(text: str, length: int = 6) -> set[tuple[str, ...]]:
    """Every run of `length` words: shared ones mean a sentence was reused, not a topic."""
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + length]) for i in range(len(words) - length + 1)}


def test_running_the_matching_demo_again_adds_nothing(demo, db):
    before = counts()
    assert build_matching_demo() is False
    assert counts() == before


def test_the_demo_posts_at_least_thirty_needs(demo, db):
    assert Need.objects.count() >= 30


def test_needs_come_from_firms_public_bodies_and_research(demo, db):
    actor_types = set(Need.objects.values_list("organisation__actor_type", flat=True))
    assert {"business", "public", "research"} <= actor_types


def test_firms_posting_needs_are_outside_the_digital_economy(demo, db):
    sectors = Need.objects.filter(organisation__actor_type="business").values_list(
        "organisation__wz_code", flat=True
    )
    assert sectors
    assert not [code for code in sectors if code.startswith(("58", "61", "62", "63"))]


def test_municipalities_of_every_level_post_needs(demo, db):
    names = set(Need.objects.values_list("organisation__name", flat=True))
    assert any(n.startswith("Kreis") for n in names)
    assert any(n.startswith("Amt ") for n in names)
    assert any(n.startswith("Gemeinde ") for n in names)


def test_every_need_is_authored_by_a_person_of_its_organisation(demo, db):
    for need in Need.objects.select_related("organisation", "author"):
        assert Organisation.objects.filter(pk=need.organisation_id).exists()
        assert need.author is not None, need
        assert Position.objects.filter(
            person=need.author, organisation=need.organisation
        ).exists(), need


def test_needs_vary_in_kind_budget_and_visibility(demo, db):
    needs = Need.objects.all()
    assert set(needs.values_list("kind", flat=True)) == set(Need.Kind.values)
    assert len(set(needs.values_list("budget", flat=True))) >= 4
    visibility = [n.visibility for n in needs]
    open_ones = visibility.count("members") + visibility.count("public")
    assert open_ones / len(visibility) > 0.75
    assert 2 <= visibility.count("anonymous") <= 5
    assert 1 <= visibility.count("staff") <= 2


def test_needs_were_posted_over_past_months_with_deadlines_ahead(demo, db):
    needs = list(Need.objects.all())
    assert len({n.created_at.date() for n in needs}) > 20
    with_deadline = [n for n in needs if n.deadline]
    assert with_deadline and all(n.deadline > n.created_at.date() for n in with_deadline)


def test_demo_needs_do_not_quote_the_engine_evaluation_set():
    if not DEV_SET.exists():
        pytest.skip(f"{DEV_SET} is not beside this checkout")
    dev = json.loads(DEV_SET.read_text(encoding="utf-8"))
    theirs = set().union(*(phrases(f"{n['title']}. {n['text']}") for n in dev["needs"]))
    ours = set().union(*(phrases(f"{spec.title}. {spec.text}") for spec in NEEDS))
    assert not theirs & ours


def test_most_digital_firms_have_a_competence_profile(demo, db):
    firms = CompetenceProfile.objects.exclude(organisation__actor_type="research")
    assert firms.count() >= 200
    assert CompetenceProfile.objects.filter(organisation__actor_type="research").exists()


def test_profiles_are_complete_to_different_degrees(demo, db):
    profiles = CompetenceProfile.objects.exclude(organisation__actor_type="research")
    total = profiles.count()
    sparse = profiles.filter(services="", technologies="", references="")
    with_references = profiles.exclude(references="").exclude(services="")
    in_between = profiles.exclude(services="").filter(references="")
    assert 0.1 < sparse.count() / total < 0.35
    assert with_references.count() / total > 0.2
    assert in_between.count() / total > 0.2
    assert profiles.filter(topics__isnull=True).exists()
    assert profiles.filter(topics__isnull=False).distinct().count() > profiles.count() / 2


def test_offers_are_three_to_six_sentences(demo, db):
    for offer in CompetenceProfile.objects.values_list("offer", flat=True):
        assert 3 <= len(SENTENCE_END.findall(offer)) <= 6, offer


def test_offers_are_not_copies_of_each_other(demo, db):
    offers = list(CompetenceProfile.objects.values_list("offer", flat=True))
    assert len(set(offers)) > 0.9 * len(offers)


def test_every_capability_has_a_firm_offering_it(demo, db):
    openings = {c.key: c.openings for c in CAPABILITIES}
    offers = list(CompetenceProfile.objects.values_list("offer", flat=True))
    for key, texts in openings.items():
        assert any(offer.startswith(texts) for offer in offers), key


def test_the_templates_name_only_existing_taxonomy_topics():
    slugs = {t["slug"] for t in json.loads(TAXONOMY_FILE.read_text(encoding="utf-8"))}
    named = {t for c in CAPABILITIES for t in c.topics} | {t for s in NEEDS for t in s.topics}
    assert named <= slugs


def test_the_kind_of_firm_is_read_back_from_its_sector_and_topics():
    topics = {t["slug"]: t["label_de"] for t in json.loads(TAXONOMY_FILE.read_text())}
    plan = plan_demo(topics)
    firms = [o for o in plan.organisations if o.archetype in PROFILE_ARCHETYPES]
    assert firms
    for org in firms:
        assert infer_archetype(org.actor_type, org.wz_code, set(org.topics)) == org.archetype


def test_contacts_reach_every_stage_of_the_pipeline(demo, db):
    contacts = Contact.objects.select_related("need", "provider")
    assert set(contacts.values_list("status", flat=True)) == set(Contact.Status.values)
    for contact in contacts:
        assert contact.provider_id != contact.need.organisation_id
        assert CompetenceProfile.objects.filter(organisation=contact.provider).exists()
        decided = contact.status != Contact.Status.INTERESTED
        assert (contact.decided_at is not None) == decided, contact
        assert contact.created_at >= contact.need.created_at


def test_the_engine_indexes_every_profile_and_suggests_providers_for_each_need(demo, db):
    profiled = set(CompetenceProfile.objects.values_list("organisation_id", flat=True))
    indexed = set(MatchDocument.objects.values_list("organisation_id", flat=True))
    assert profiled <= indexed
    without = Need.objects.filter(suggestions__isnull=True)
    assert not without.exists(), list(without)


def test_demo_topics_exist_in_the_seeded_taxonomy(demo, db):
    assert Topic.objects.filter(competence_profiles__isnull=False).distinct().count() > 50
