"""Personas as a target group in mailings and as "popular with people like you" in the feed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from knotenpunkt.feed.models import FeedEntry, Usage
from knotenpunkt.feed.registry import FeedItem
from knotenpunkt.feed.rules import viewer_for_person
from knotenpunkt.feed.services.entries import store_items
from knotenpunkt.feed.services.ranking import personal_feed
from knotenpunkt.mailings import tokens
from knotenpunkt.mailings.models import MailingList, Segment
from knotenpunkt.mailings.services import subscriptions
from knotenpunkt.mailings.services.segments import preview, segment_people
from knotenpunkt.personas.models import Persona, PersonaPopularity
from knotenpunkt.personas.services import compute_personas
from tests.factories import PersonEmailFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ai_persona(cluster, population):
    compute_personas(cluster)
    return Persona.objects.get(memberships__person=population["ai"][0])


def test_a_persona_condition_selects_exactly_the_personas_people(cluster, ai_persona):
    tree = {"field": "persona", "op": "in", "value": [ai_persona.slug]}
    selected = set(segment_people(tree, cluster=cluster).values_list("pk", flat=True))
    assert selected == set(ai_persona.memberships.values_list("person_id", flat=True))
    assert len(selected) >= 5


def test_a_mailing_to_a_persona_reaches_only_its_people_who_subscribed(
    cluster, population, ai_persona
):
    newsletter = MailingList.objects.create(
        cluster=cluster, name="DiWiSH-Newsletter", slug="newsletter", kind="newsletter"
    )
    subscribed = [population["ai"][0], population["ai"][1], population["public"][0]]
    for person in subscribed:
        PersonEmailFactory(person=person, address=f"{person.last_name.lower()}@example.org")
        subscription = subscriptions.request_subscription(
            newsletter, person=person, source="subscribe form"
        )
        subscriptions.confirm_subscription(tokens.make_confirmation_token(subscription))
    tree = {"field": "persona", "op": "in", "value": [ai_persona.slug]}
    reached = set(segment_people(tree, newsletter).values_list("pk", flat=True))
    assert reached == {population["ai"][0].pk, population["ai"][1].pk}


def test_the_preview_of_a_persona_target_group_counts_but_names_nobody(cluster, ai_persona):
    segment = Segment.objects.create(
        cluster=cluster,
        name="KI",
        definition={"all": [{"field": "persona", "op": "in", "value": [ai_persona.slug]}]},
    )
    count, sample = preview(segment)
    assert count == ai_persona.size
    assert sample == []


def test_a_persona_narrowed_below_five_people_shows_no_count(cluster, population, ai_persona):
    # Two of the persona subscribed: "2 people would receive it" would single them out.
    newsletter = MailingList.objects.create(
        cluster=cluster, name="DiWiSH-Newsletter", slug="newsletter", kind="newsletter"
    )
    for person in population["ai"][:2]:
        PersonEmailFactory(person=person, address=f"{person.last_name.lower()}@example.org")
        subscription = subscriptions.request_subscription(
            newsletter, person=person, source="subscribe form"
        )
        subscriptions.confirm_subscription(tokens.make_confirmation_token(subscription))
    segment = Segment.objects.create(
        cluster=cluster,
        name="KI",
        definition={"all": [{"field": "persona", "op": "in", "value": [ai_persona.slug]}]},
    )
    assert preview(segment, newsletter) == (None, [])
    assert preview(segment)[0] == ai_persona.size


def test_another_clusters_persona_is_no_condition(cluster, other_cluster, ai_persona):
    from knotenpunkt.mailings.services.segments import validate_definition

    tree = {"field": "persona", "op": "in", "value": [ai_persona.slug]}
    with translation.override("en"), pytest.raises(ValidationError, match="no persona"):
        validate_definition(tree, other_cluster)


def test_entries_used_by_people_like_you_are_shown_as_such(cluster, population, ai_persona):
    store_items(
        "personas-test",
        [
            FeedItem(
                key="personas.test:1",
                kind="event",
                title="KI-Sprechstunde",
                url="/",
                published_at=timezone.now() - datetime.timedelta(days=60),
            )
        ],
        complete=False,
    )
    entry = FeedEntry.objects.get(key="personas.test:1")
    reader, *peers = list(ai_persona.memberships.order_by("person_id"))
    for membership in peers[:3]:
        Usage.objects.create(person=membership.person, entry=entry, kind=Usage.Kind.SHARE)
    compute_personas(cluster)
    assert PersonaPopularity.objects.filter(entry=entry).exists()
    with translation.override("en"):
        page = personal_feed(viewer_for_person(reader.person))
    item = next(i for i in page.items if i.entry.pk == entry.pk)
    assert item.reason_text == "Popular with people like you"


def test_an_entry_used_by_fewer_than_three_people_is_not_counted(cluster, ai_persona):
    store_items(
        "personas-test",
        [
            FeedItem(
                key="personas.test:2", kind="event", title="X", url="/", published_at=timezone.now()
            )
        ],
        complete=False,
    )
    entry = FeedEntry.objects.get(key="personas.test:2")
    for membership in ai_persona.memberships.all()[:2]:
        Usage.objects.create(person=membership.person, entry=entry, kind=Usage.Kind.SHARE)
    compute_personas(cluster)
    assert not PersonaPopularity.objects.filter(entry=entry).exists()
