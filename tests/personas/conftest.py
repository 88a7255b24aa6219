"""Two kinds of people in the cluster `diwish` (fixture `cluster`), who consented to profiling:
AI founders at small firms who go to online events, and public servants who go to events
in person; plus two people of a third kind, too few for a persona of their own."""

import datetime

import pytest
from django.utils import timezone

from knotenpunkt.directory.models import Organisation, Topic
from knotenpunkt.events.models import Event
from knotenpunkt.privacy.models import Consent
from knotenpunkt.privacy.services import record_consent
from tests.factories import (
    EventFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    RegistrationFactory,
    TicketTypeFactory,
)


def _topic(slug, label):
    return Topic.objects.get_or_create(slug=slug, defaults={"label_de": label})[0]


def make_people(cluster, kind, count, *, consent=True):
    """`count` people of one kind at a member organisation of `cluster`."""
    topic, actor, size, event_format, event_kind = {
        "ai": ("personas-ki", "business", "micro", "online", "knowledge_transfer"),
        "public": ("personas-verwaltung", "public", "large", "in_person", "networking"),
        "maritime": ("personas-haefen", "research", "medium", "hybrid", "trip"),
    }[kind]
    organisation = OrganisationFactory(
        name=f"{kind} Organisation {Organisation.objects.count()}",
        actor_type=actor,
        size_class=size,
    )
    MembershipFactory(organisation=organisation, cluster=cluster)
    event = EventFactory(
        format=event_format,
        kind=event_kind,
        starts_at=timezone.now() - datetime.timedelta(days=20),
        clusters=[cluster],
    )
    ticket = TicketTypeFactory(event=event)
    people = []
    for _ in range(count):
        person = PersonFactory(last_name=f"{kind.capitalize()}person{len(people)}")
        person.topics.add(_topic(topic, topic))
        PositionFactory(person=person, organisation=organisation)
        RegistrationFactory(ticket_type=ticket, person=person)
        if consent:
            record_consent(person, Consent.Purpose.PROFILING, True, source="feed page")
        people.append(person)
    assert Event.objects.filter(pk=event.pk).exists()
    return people


@pytest.fixture
def population(cluster):
    """{"ai": [6 people], "public": [6 people], "maritime": [2 people]}."""
    return {
        "ai": make_people(cluster, "ai", 6),
        "public": make_people(cluster, "public", 6),
        "maritime": make_people(cluster, "maritime", 2),
    }
