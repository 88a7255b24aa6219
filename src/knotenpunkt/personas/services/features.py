"""The feature vector of each consenting person of a cluster (docs/personas.md, "Features").

Blocks, each normalised on its own so that no block wins by having more columns:

- topics: the feed's interest profile (own, organisation, attended and learned topic
  weights), positive weights only, each also added to the topic's parents (so that "LLM"
  and "computer vision" meet in "AI & data"), scaled to unit length;
- groups: the profile's group weights (active member 4, attended a group's event 1), / 4;
- events: confirmed registrations of the last two years, by format and by kind, as shares;
- usage: opens, shares and "useful" ratings of the last 180 days, log(1 + n), divided by
  the highest value in the cluster (intensity keeps its magnitude);
- organisation: size class and actor type of the organisations the person works at, as
  shares.

Only people who hold the profiling consent today, are not erased and work at an
organisation whose membership in the cluster is in force are considered.
"""

import math
from collections import defaultdict
from datetime import timedelta

from django.utils import timezone

from knotenpunkt.directory.models import Membership, Organisation, Person, Position, Topic
from knotenpunkt.events.models import Registration
from knotenpunkt.feed.models import InterestProfile, Usage
from knotenpunkt.feed.services.interests import compute_profile
from knotenpunkt.privacy.models import Consent

WEIGHTS = {"topic": 1.0, "group": 0.7, "event": 0.6, "usage": 0.5, "organisation": 0.5}
EVENT_DAYS = 730
USAGE_DAYS = 180
USAGE_KINDS = (Usage.Kind.OPEN, Usage.Kind.SHARE, Usage.Kind.USEFUL)


def consenting_people(person_ids) -> set[int]:
    """Of `person_ids`, those whose latest profiling decision is a grant."""
    latest: dict[int, bool] = {}
    for person_id, granted in (
        Consent.objects.filter(purpose=Consent.Purpose.PROFILING, person_id__in=person_ids)
        .order_by("recorded_at", "id")
        .values_list("person_id", "granted")
    ):
        latest[person_id] = granted
    return {person_id for person_id, granted in latest.items() if granted}


def population(cluster) -> dict[int, list[int]]:
    """Consenting, not erased people of the cluster's member organisations → organisation ids."""
    organisations = Membership.objects.in_force().filter(cluster=cluster).values("organisation")
    people: dict[int, list[int]] = defaultdict(list)
    for person_id, organisation_id in (
        Position.objects.current()
        .filter(organisation__in=organisations, person__erased_at__isnull=True)
        .order_by("person_id", "organisation_id")
        .values_list("person_id", "organisation_id")
    ):
        people[person_id].append(organisation_id)
    consenting = consenting_people(list(people))
    return {p: orgs for p, orgs in sorted(people.items()) if p in consenting}


def _unit(values: dict[str, float], weight: float) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in values.values()))
    return {k: weight * v / norm for k, v in values.items()} if norm else {}


def _shares(values: dict[str, float], weight: float) -> dict[str, float]:
    total = sum(values.values())
    return {k: weight * v / total for k, v in values.items()} if total else {}


def _with_parents(weights: dict, parents: dict[int, int | None]) -> dict[str, float]:
    topics: dict[str, float] = defaultdict(float)
    for key, weight in weights.items():
        if weight <= 0:
            continue
        topic_id, seen = int(key), set()
        while topic_id is not None and topic_id not in seen:
            seen.add(topic_id)
            topics[f"topic:{topic_id}"] += float(weight)
            topic_id = parents.get(topic_id)
    return topics


def feature_vectors(people: dict[int, list[int]]) -> dict[int, dict[str, float]]:
    """person id → {feature name: value}; names like "topic:12", "format:online"."""
    ids = list(people)
    parents = dict(Topic.objects.values_list("pk", "parent_id"))
    profiles = {p.person_id: p for p in InterestProfile.objects.filter(person_id__in=ids)}
    for person in Person.objects.filter(pk__in=[i for i in ids if i not in profiles]):
        profiles[person.pk] = compute_profile(person)
    now = timezone.now()
    events: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for person_id, event_format, kind in Registration.objects.filter(
        person_id__in=ids,
        status=Registration.Status.CONFIRMED,
        event__starts_at__gte=now - timedelta(days=EVENT_DAYS),
    ).values_list("person_id", "event__format", "event__kind"):
        events[person_id][f"format:{event_format}"] += 1
        events[person_id][f"kind:{kind}"] += 1
    usage: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for person_id, kind in Usage.objects.filter(
        person_id__in=ids, kind__in=USAGE_KINDS, at__gte=now - timedelta(days=USAGE_DAYS)
    ).values_list("person_id", "kind"):
        usage[person_id][f"usage:{kind}"] += 1
    organisations: dict[int, tuple[str, str]] = {}
    all_organisations = {o for orgs in people.values() for o in orgs}
    for pk, size_class, actor_type in Organisation.objects.filter(
        pk__in=all_organisations
    ).values_list("pk", "size_class", "actor_type"):
        organisations[pk] = (size_class, actor_type)
    usage_max = {
        kind: max((math.log1p(u.get(f"usage:{kind}", 0)) for u in usage.values()), default=0.0)
        for kind in USAGE_KINDS
    }
    vectors = {}
    for person_id, organisation_ids in people.items():
        profile = profiles.get(person_id)
        vector: dict[str, float] = {}
        if profile is not None:
            vector.update(_unit(_with_parents(profile.topic_weights, parents), WEIGHTS["topic"]))
            for key, weight in profile.group_weights.items():
                if weight > 0:
                    vector[f"group:{key}"] = WEIGHTS["group"] * min(1.0, float(weight) / 4)
        formats = {k: v for k, v in events[person_id].items() if k.startswith("format:")}
        kinds = {k: v for k, v in events[person_id].items() if k.startswith("kind:")}
        vector.update(_shares(formats, WEIGHTS["event"]))
        vector.update(_shares(kinds, WEIGHTS["event"]))
        for kind in USAGE_KINDS:
            count = usage[person_id].get(f"usage:{kind}", 0)
            if count and usage_max[kind]:
                vector[f"usage:{kind}"] = WEIGHTS["usage"] * math.log1p(count) / usage_max[kind]
        attributes: dict[str, float] = defaultdict(float)
        for organisation_id in organisation_ids:
            size_class, actor_type = organisations.get(organisation_id, ("", ""))
            if size_class:
                attributes[f"size:{size_class}"] += 1
            if actor_type:
                attributes[f"actor:{actor_type}"] += 1
        vector.update(_shares(dict(attributes), WEIGHTS["organisation"]))
        vectors[person_id] = vector
    return vectors
