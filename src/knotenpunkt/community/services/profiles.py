"""Enriched profiles of a person and an organisation, for the community managers.

A profile gathers what the platform knows about the person in the viewer's clusters only:
events attended, groups, needs and offerings, contacts with the cluster management
(interactions, introductions, cooperations, matchmaking contacts). What the person did in
the feed (opened, shared, rated) and their interest profile are added only while their
latest profiling consent is granted (feed.services.usage.has_profiling_consent), and only
for entries of the viewer's clusters. Each opened profile is written to the audit log.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from knotenpunkt.community.rules import cluster_ids_of, visible_people
from knotenpunkt.cooperations.models import Cooperation
from knotenpunkt.core.audit import log_action
from knotenpunkt.directory.models import Cluster, Position, Topic
from knotenpunkt.events.models import Registration
from knotenpunkt.feed.models import InterestProfile, Rating, Share, Usage
from knotenpunkt.feed.rules import entries_with_figures
from knotenpunkt.feed.services.usage import PROFILING, has_profiling_consent
from knotenpunkt.groups.models import GroupMembership
from knotenpunkt.interactions.models import Interaction
from knotenpunkt.matching.models import CompetenceProfile, Contact, Need
from knotenpunkt.privacy.models import Consent

USAGE_SHOWN = 30
TOPICS_SHOWN = 15


@dataclass
class TopicWeight:
    label: str
    weight: float
    learned: float


@dataclass
class UsageData:
    """What a consenting person did in the feed, within the viewer's clusters."""

    recent: list = field(default_factory=list)  # Usage rows, newest first
    shares: list = field(default_factory=list)  # Share rows sent
    ratings: list = field(default_factory=list)  # Rating rows
    counts: dict = field(default_factory=dict)  # Usage kind label -> number
    topics: list[TopicWeight] = field(default_factory=list)


@dataclass
class PersonProfile:
    person: object
    consent: Consent | None  # the latest profiling decision, granted or not
    consented: bool
    positions: list
    registrations: list
    group_memberships: list
    needs: list
    offerings: list
    interactions: list
    cooperations: list
    matching_contacts: list
    usage: UsageData | None
    cluster_names: list[str]


def latest_profiling_decision(person) -> Consent | None:
    """The person's latest profiling consent record (granted or withdrawn), if any."""
    return (
        Consent.objects.filter(person=person, purpose=PROFILING).order_by("-recorded_at", "-id")
    ).first()


def _topic_weights(profile: InterestProfile | None) -> list[TopicWeight]:
    if profile is None:
        return []
    weights = {int(k): v for k, v in profile.topic_weights.items()}
    learned = {int(k): v for k, v in profile.learned_topic_weights.items()}
    labels = {t.pk: t.label for t in Topic.objects.filter(pk__in=set(weights) | set(learned))}
    rows = [
        TopicWeight(labels.get(pk, str(pk)), round(weights.get(pk, 0.0), 2), learned.get(pk, 0.0))
        for pk in set(weights) | set(learned)
        if pk in labels
    ]
    rows.sort(key=lambda row: (-row.weight, row.label))
    return rows[:TOPICS_SHOWN]


def usage_of(user, people) -> UsageData:
    """Usage, shares and ratings of `people` (all consenting) on entries of the user's
    clusters."""
    entries = entries_with_figures(user).values("pk")
    usage = Usage.objects.filter(person__in=people, entry__in=entries)
    data = UsageData(
        recent=list(usage.select_related("entry", "person").order_by("-at", "-pk")[:USAGE_SHOWN]),
        shares=list(
            Share.objects.filter(sender__in=people, entry__in=entries)
            .select_related("entry", "recipient", "sender")
            .order_by("-created_at", "-pk")[:USAGE_SHOWN]
        ),
        ratings=list(
            Rating.objects.filter(person__in=people, entry__in=entries)
            .select_related("entry", "person")
            .order_by("-rated_at", "-pk")[:USAGE_SHOWN]
        ),
    )
    labels = dict(Usage.Kind.choices)
    for kind in usage.values_list("kind", flat=True):
        label = str(labels.get(kind, kind))
        data.counts[label] = data.counts.get(label, 0) + 1
    return data


def person_profile(user, person) -> PersonProfile:
    """Everything the enriched profile shows of `person` to `user`; logs the view."""
    cluster_ids = cluster_ids_of(user)
    consent = latest_profiling_decision(person)
    consented = has_profiling_consent(person)
    positions = list(
        Position.objects.current().filter(person=person).select_related("organisation")
    )
    organisation_ids = [p.organisation_id for p in positions]
    usage = None
    if consented:
        usage = usage_of(user, [person])
        usage.topics = _topic_weights(InterestProfile.objects.filter(person=person).first())
    profile = PersonProfile(
        person=person,
        consent=consent,
        consented=consented,
        positions=positions,
        registrations=list(
            Registration.objects.filter(
                person=person,
                status=Registration.Status.CONFIRMED,
                event__clusters__in=cluster_ids,
            )
            .select_related("event")
            .distinct()
            .order_by("-event__starts_at", "-pk")
        ),
        group_memberships=list(
            GroupMembership.objects.filter(person=person, group__clusters__in=cluster_ids)
            .select_related("group")
            .distinct()
            .order_by("group__name", "pk")
        ),
        needs=list(
            Need.objects.filter(cluster_id__in=cluster_ids)
            .filter(Q(author=person) | Q(organisation_id__in=organisation_ids))
            .select_related("organisation", "cluster")
            .order_by("-created_at", "-pk")
        ),
        offerings=list(
            CompetenceProfile.objects.filter(organisation_id__in=organisation_ids)
            .select_related("organisation")
            .prefetch_related("topics")
        ),
        interactions=list(
            Interaction.objects.filter(people=person, cluster_id__in=cluster_ids)
            .select_related("organisation", "introduced_to", "cluster")
            .order_by("-date", "-pk")
        ),
        cooperations=list(
            Cooperation.objects.filter(
                cluster_id__in=cluster_ids,
                partners__organisation_id__in=organisation_ids,
            )
            .distinct()
            .order_by("-start_date", "-pk")
        ),
        matching_contacts=list(
            Contact.objects.filter(need__cluster_id__in=cluster_ids)
            .filter(Q(person=person) | Q(need__author=person))
            .select_related("need", "provider")
            .order_by("-created_at", "-pk")
        ),
        usage=usage,
        cluster_names=[str(c) for c in _clusters(user)],
    )
    log_action(user, "community.person_profile.viewed", person, with_usage_data=consented)
    return profile


def _clusters(user):
    return Cluster.objects.filter(pk__in=cluster_ids_of(user)).order_by("name")


@dataclass
class OrganisationProfile:
    organisation: object
    memberships: list
    people: list  # (position, may open the person's profile)
    registrations: list
    group_memberships: list
    needs: list
    offering: CompetenceProfile | None
    interactions: list
    cooperations: list
    matching_contacts: list
    consenting_people: list
    not_consenting: int
    usage: UsageData | None
    cluster_names: list[str]


def organisation_profile(user, organisation) -> OrganisationProfile:
    """The enriched profile of an organisation: its people's activity in the user's
    clusters; usage only of its people who consented to profiling. Logs the view."""
    cluster_ids = cluster_ids_of(user)
    positions = list(
        Position.objects.current()
        .filter(organisation=organisation, person__erased_at__isnull=True)
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    people = [p.person for p in positions]
    openable = set(
        visible_people(user).filter(pk__in=[p.pk for p in people]).values_list("pk", flat=True)
    )
    consenting = [p for p in people if has_profiling_consent(p)]
    people_q = Q(organisation=organisation) | Q(person__in=people)
    profile = OrganisationProfile(
        organisation=organisation,
        memberships=list(
            organisation.memberships.filter(cluster_id__in=cluster_ids).select_related("cluster")
        ),
        people=[(p, p.person_id in openable) for p in positions],
        registrations=list(
            Registration.objects.filter(people_q)
            .filter(status=Registration.Status.CONFIRMED, event__clusters__in=cluster_ids)
            .select_related("event", "person")
            .distinct()
            .order_by("-event__starts_at", "-pk")[:100]
        ),
        group_memberships=list(
            GroupMembership.objects.filter(person__in=people, group__clusters__in=cluster_ids)
            .select_related("group", "person")
            .distinct()
            .order_by("group__name", "pk")
        ),
        needs=list(
            Need.objects.filter(organisation=organisation, cluster_id__in=cluster_ids)
            .select_related("cluster")
            .order_by("-created_at", "-pk")
        ),
        offering=CompetenceProfile.objects.filter(organisation=organisation)
        .prefetch_related("topics")
        .first(),
        interactions=list(
            Interaction.objects.filter(cluster_id__in=cluster_ids)
            .filter(Q(organisation=organisation) | Q(introduced_to=organisation))
            .select_related("organisation", "introduced_to", "cluster")
            .order_by("-date", "-pk")[:100]
        ),
        cooperations=list(
            Cooperation.objects.filter(
                cluster_id__in=cluster_ids, partners__organisation=organisation
            )
            .distinct()
            .order_by("-start_date", "-pk")
        ),
        matching_contacts=list(
            Contact.objects.filter(need__cluster_id__in=cluster_ids)
            .filter(Q(provider=organisation) | Q(need__organisation=organisation))
            .select_related("need", "need__organisation", "provider")
            .order_by("-created_at", "-pk")
        ),
        consenting_people=consenting,
        not_consenting=len(people) - len(consenting),
        usage=usage_of(user, consenting) if consenting else None,
        cluster_names=[str(c) for c in _clusters(user)],
    )
    log_action(
        user,
        "community.organisation_profile.viewed",
        organisation,
        with_usage_data_of=len(consenting),
    )
    return profile
