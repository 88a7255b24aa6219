"""Two clusters with people, events, groups, needs, contacts and feed usage.

DiWiSH (alice's cluster): Clara (Nordlicht, consented to profiling) and Nina (Südwind,
not consented) share the AI topic, the AI group and the AI summit; Nordlicht needs cloud
consulting, which the matching engine suggested Südwind for. Peter works at Nordlicht
too (same organisation as Clara); Max (Ostsee IT) was already introduced to Nordlicht.
Logistik (bert's cluster): Otto (Hafen Logistik) and the harbour summit, which Clara also
attended.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from knotenpunkt.directory.models import Topic
from knotenpunkt.feed.models import FeedEntry, Rating, Usage
from knotenpunkt.feed.registry import FeedItem
from knotenpunkt.feed.services.entries import store_items
from knotenpunkt.feed.services.interests import compute_profile
from knotenpunkt.feed.services.usage import PROFILING
from knotenpunkt.interactions.models import Interaction
from knotenpunkt.matching.models import Need, Suggestion
from knotenpunkt.privacy.services import record_consent
from tests.factories import (
    EventFactory,
    GroupFactory,
    GroupMembershipFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    RegistrationFactory,
    TicketTypeFactory,
    UserFactory,
)


def _entry(slug, title, cluster, topics):
    store_items(
        "community-test",
        [
            FeedItem(
                key=f"community.{slug}:1",
                kind="news",
                title=title,
                url="/",
                published_at=timezone.now() - datetime.timedelta(days=2),
                cluster_ids=(cluster.pk,),
                topic_ids=tuple(t.pk for t in topics),
            )
        ],
        complete=False,
    )
    return FeedEntry.objects.get(key=f"community.{slug}:1")


def _register(event, person, checked_in=False):
    return RegistrationFactory(
        ticket_type=TicketTypeFactory(event=event),
        person=person,
        checked_in_at=timezone.now() if checked_in else None,
    )


@pytest.fixture
def bert(other_cluster):
    user = UserFactory(email="bert@logistik.example", is_staff=True)
    other_cluster.staff.add(user)
    return user


@pytest.fixture
def world(cluster, other_cluster, member_org, alice, bert):
    ai = Topic.objects.create(
        slug="ki-community", label_de="Künstliche Intelligenz", label_en="Artificial intelligence"
    )
    cloud = Topic.objects.create(slug="cloud-community", label_de="Cloud", label_en="Cloud")
    suedwind = OrganisationFactory(name="Südwind Data GmbH", slug="suedwind")
    MembershipFactory(organisation=suedwind, cluster=cluster)
    ostsee = OrganisationFactory(name="Ostsee IT GmbH", slug="ostsee-it")
    MembershipFactory(organisation=ostsee, cluster=cluster)
    hafen = OrganisationFactory(name="Hafen Logistik GmbH", slug="hafen-logistik")
    MembershipFactory(organisation=hafen, cluster=other_cluster)

    clara = PersonFactory(first_name="Clara", last_name="Claussen")
    PositionFactory(person=clara, organisation=member_org)
    clara.topics.set([ai, cloud])
    nina = PersonFactory(first_name="Nina", last_name="Nissen")
    PositionFactory(person=nina, organisation=suedwind)
    nina.topics.set([ai])
    peter = PersonFactory(first_name="Peter", last_name="Paulsen")
    PositionFactory(person=peter, organisation=member_org)
    peter.topics.set([ai])
    max_ = PersonFactory(first_name="Max", last_name="Mommsen")
    PositionFactory(person=max_, organisation=ostsee)
    max_.topics.set([ai, cloud])
    otto = PersonFactory(first_name="Otto", last_name="Ohlsen")
    PositionFactory(person=otto, organisation=hafen)
    otto.topics.set([ai, cloud])

    summit = EventFactory(
        title="KI-Gipfel Kiel",
        clusters=[cluster],
        starts_at=timezone.now() - datetime.timedelta(days=20),
    )
    _register(summit, clara, checked_in=True)
    _register(summit, nina)
    harbour = EventFactory(
        title="Hafen-Gipfel Lübeck",
        clusters=[other_cluster],
        starts_at=timezone.now() - datetime.timedelta(days=10),
    )
    _register(harbour, clara)
    _register(harbour, otto)
    group = GroupFactory(name="Fachgruppe KI", clusters=[cluster])
    GroupMembershipFactory(group=group, person=clara)
    GroupMembershipFactory(group=group, person=nina)
    harbour_group = GroupFactory(name="Arbeitskreis Hafen", clusters=[other_cluster])
    GroupMembershipFactory(group=harbour_group, person=otto)

    need = Need.objects.create(
        cluster=cluster,
        organisation=member_org,
        author=clara,
        title="Cloud-Beratung gesucht",
        text="Wir wollen unsere Server in die Cloud bringen.",
    )
    Suggestion.objects.create(need=need, provider=suedwind, rank=1, score=0.8)
    Need.objects.create(
        cluster=other_cluster,
        organisation=hafen,
        title="Hafen-Bedarf Telematik",
        text="Container verfolgen.",
    )
    Interaction.objects.create(
        cluster=cluster,
        organisation=ostsee,
        kind=Interaction.Kind.INTRODUCTION,
        introduced_to=member_org,
        date=datetime.date(2026, 3, 2),
        summary="Ostsee IT und Nordlicht vorgestellt",
    )

    guide = _entry("guide", "KI-Leitfaden für KMU", cluster, [ai])
    harbour_news = _entry("harbour", "Hafen-Newsletter März", other_cluster, [cloud])
    record_consent(clara, PROFILING, True, source="feed page")
    Usage.objects.create(person=clara, entry=guide, kind=Usage.Kind.OPEN)
    Usage.objects.create(person=clara, entry=harbour_news, kind=Usage.Kind.OPEN)
    compute_profile(clara)
    # A rating is kept without consent, but the community view must not show it.
    Rating.objects.create(person=nina, entry=guide, useful=True)
    return SimpleNamespace(
        clara=clara,
        nina=nina,
        peter=peter,
        max=max_,
        otto=otto,
        suedwind=suedwind,
        hafen=hafen,
        need=need,
        summit=summit,
        harbour=harbour,
        ai=ai,
    )
