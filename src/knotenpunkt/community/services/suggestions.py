"""Who should meet whom: pairs of people of one cluster, scored and explained.

Everyone related to the cluster (community.rules.people_of_clusters) takes part, on data
the cluster management holds anyway: the person's own interests (weight 2) and their
organisations' topics (1). Usage enters only for people whose profiling consent is
granted: the learned part of their interest profile (feed.InterestProfile), nothing else.
A pair scores by

- the cosine of the two topic vectors (0..1),
- complementary needs and offers: 0.5 per need of one side for which the matching engine
  suggested the other side's organisation (matching.Suggestion, stored by the matching
  app; at most 1),
- 0.2 per shared group of the cluster (at most 0.6) and 0.1 per shared event of the
  cluster both attended (at most 0.3).

Candidates come only from a shared topic (the best 20 by cosine per person, computed with
numpy in blocks) or a need/offer link, so the work grows with the people, not their pairs.
Pairs already in contact drop out: the same organisation, met together in one of the
cluster's interactions, their organisations introduced to each other or in a matchmaking
contact in the cluster, or a pair the staff already introduced or dismissed. Each person
keeps their best five; ties are broken by the people's ids, so the list is deterministic.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from knotenpunkt.community.models import PairDecision
from knotenpunkt.community.rules import cluster_ids_of, people_of_clusters
from knotenpunkt.core.audit import log_action
from knotenpunkt.directory.models import Cluster, Organisation, Person, Position, Topic
from knotenpunkt.events.models import Event, Registration
from knotenpunkt.feed.models import InterestProfile
from knotenpunkt.feed.services.usage import PROFILING
from knotenpunkt.groups.models import Group, GroupMembership
from knotenpunkt.interactions.models import Interaction
from knotenpunkt.interactions.services.interactions import clusters_for, record_interaction
from knotenpunkt.matching.models import Contact, Need
from knotenpunkt.matching.models import Suggestion as MatchSuggestion
from knotenpunkt.privacy.models import Consent

OWN_TOPIC = 2.0
ORGANISATION_TOPIC = 1.0
NEED_LINK = 0.5
NEED_LINK_CAP = 1.0
SHARED_GROUP = 0.2
SHARED_GROUP_CAP = 0.6
SHARED_EVENT = 0.1
SHARED_EVENT_CAP = 0.3
CANDIDATES_PER_PERSON = 20
PER_PERSON = 5
MIN_SCORE = 0.2
BLOCK = 512
SHOWN = 100


@dataclass
class PairSuggestion:
    cluster: Cluster
    person_a: Person
    person_b: Person
    score: float
    reasons: list[str] = field(default_factory=list)
    from_usage: bool = False

    @property
    def explanation(self) -> str:
        return "; ".join(self.reasons)

    def other(self, person) -> Person:
        return self.person_b if person.pk == self.person_a.pk else self.person_a


@dataclass
class _Facts:
    """What the scoring needs about the people of one cluster, read in a few queries."""

    ids: list[int]
    vectors: dict[int, dict[int, float]]
    learned: dict[int, dict[int, float]]
    organisations: dict[int, set[int]]
    groups: dict[int, set[int]]
    events: dict[int, set[int]]
    need_links: dict[tuple[int, int], list[tuple[int, int, int]]]  # (a, b) -> needs
    in_contact: set[tuple[int, int]]


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def consenting_ids(people) -> set[int]:
    """Ids of `people` whose latest profiling decision is a grant, in one query."""
    latest: dict[int, bool] = {}
    for person_id, granted in (
        Consent.objects.filter(person__in=people, purpose=PROFILING)
        .order_by("person_id", "recorded_at", "id")
        .values_list("person_id", "granted")
    ):
        latest[person_id] = granted
    return {pk for pk, granted in latest.items() if granted}


def _facts(cluster: Cluster) -> _Facts:
    people = people_of_clusters([cluster.pk])
    ids = sorted(people.values_list("pk", flat=True))
    scope = people.values("pk")
    vectors: dict[int, dict[int, float]] = {pk: defaultdict(float) for pk in ids}
    for person_id, topic_id in Person.topics.through.objects.filter(
        person_id__in=scope
    ).values_list("person_id", "topic_id"):
        vectors[person_id][topic_id] += OWN_TOPIC
    organisations: dict[int, set[int]] = defaultdict(set)
    for person_id, organisation_id in (
        Position.objects.current()
        .filter(person_id__in=scope)
        .values_list("person_id", "organisation_id")
    ):
        organisations[person_id].add(organisation_id)
    organisation_topics: dict[int, list[int]] = defaultdict(list)
    all_organisations = {o for orgs in organisations.values() for o in orgs}
    for organisation_id, topic_id in Organisation.topics.through.objects.filter(
        organisation_id__in=all_organisations
    ).values_list("organisation_id", "topic_id"):
        organisation_topics[organisation_id].append(topic_id)
    for person_id, orgs in organisations.items():
        for organisation_id in orgs:
            for topic_id in organisation_topics[organisation_id]:
                vectors[person_id][topic_id] += ORGANISATION_TOPIC
    # Usage counts only with the consent: the learned part of the interest profile.
    learned: dict[int, dict[int, float]] = {}
    consenting = consenting_ids(people)
    for person_id, weights in InterestProfile.objects.filter(person_id__in=consenting).values_list(
        "person_id", "learned_topic_weights"
    ):
        learned[person_id] = {int(t): w for t, w in (weights or {}).items()}
        for topic_id, weight in learned[person_id].items():
            vectors[person_id][topic_id] += weight
    groups: dict[int, set[int]] = defaultdict(set)
    for person_id, group_id in GroupMembership.objects.filter(
        person_id__in=scope,
        status=GroupMembership.Status.ACTIVE,
        group__clusters=cluster,
    ).values_list("person_id", "group_id"):
        groups[person_id].add(group_id)
    events: dict[int, set[int]] = defaultdict(set)
    for person_id, event_id in Registration.objects.filter(
        person_id__in=scope, status=Registration.Status.CONFIRMED, event__clusters=cluster
    ).values_list("person_id", "event_id"):
        events[person_id].add(event_id)
    return _Facts(
        ids=ids,
        vectors={pk: {t: w for t, w in v.items() if w > 0} for pk, v in vectors.items()},
        learned=learned,
        organisations=organisations,
        groups=groups,
        events=events,
        need_links=_need_links(cluster, organisations),
        in_contact=_in_contact(cluster, organisations),
    )


def _need_links(cluster, organisations) -> dict[tuple[int, int], list[tuple[int, int, int]]]:
    """Pairs (seeker, provider person) from the matching engine's stored suggestions for
    the cluster's open needs; each link is (seeker, need id, provider organisation)."""
    people_at: dict[int, list[int]] = defaultdict(list)
    for person_id, orgs in organisations.items():
        for organisation_id in orgs:
            people_at[organisation_id].append(person_id)
    links: dict[tuple[int, int], list[tuple[int, int, int]]] = defaultdict(list)
    for need_id, author_id, seeker_org, provider_org in MatchSuggestion.objects.filter(
        need__cluster=cluster, need__status=Need.Status.OPEN
    ).values_list("need_id", "need__author_id", "need__organisation_id", "provider_id"):
        seekers = [author_id] if author_id in organisations else people_at.get(seeker_org, [])
        for seeker in seekers:
            for provider in people_at.get(provider_org, []):
                if seeker != provider:
                    links[_pair(seeker, provider)].append((seeker, need_id, provider_org))
    return links


def _in_contact(cluster, organisations) -> set[tuple[int, int]]:
    """Pairs of people already in contact, as far as the cluster's records tell."""
    contact: set[tuple[int, int]] = set()
    met: dict[int, list[int]] = defaultdict(list)
    for interaction_id, person_id in Interaction.people.through.objects.filter(
        interaction__cluster=cluster
    ).values_list("interaction_id", "person_id"):
        met[interaction_id].append(person_id)
    for people in met.values():
        for i, a in enumerate(people):
            for b in people[i + 1 :]:
                contact.add(_pair(a, b))
    linked_organisations = set()
    for a, b in Interaction.objects.filter(
        cluster=cluster, kind=Interaction.Kind.INTRODUCTION
    ).values_list("organisation_id", "introduced_to_id"):
        linked_organisations.add(frozenset((a, b)))
    for a, b in Contact.objects.filter(need__cluster=cluster).values_list(
        "need__organisation_id", "provider_id"
    ):
        linked_organisations.add(frozenset((a, b)))
    for a, b in PairDecision.objects.filter(cluster=cluster).values_list(
        "person_a_id", "person_b_id"
    ):
        contact.add(_pair(a, b))
    if linked_organisations:
        people_at: dict[int, list[int]] = defaultdict(list)
        for person_id, orgs in organisations.items():
            for organisation_id in orgs:
                people_at[organisation_id].append(person_id)
        for link in linked_organisations:
            if len(link) != 2:
                continue
            x, y = tuple(link)
            for a in people_at.get(x, []):
                for b in people_at.get(y, []):
                    contact.add(_pair(a, b))
    return contact


def _cosine_candidates(facts: _Facts, rows: list[int]) -> dict[tuple[int, int], float]:
    """The best candidates by cosine of the topic vectors for each person in `rows`."""
    topics = sorted({t for v in facts.vectors.values() for t in v})
    if not topics:
        return {}
    column = {t: i for i, t in enumerate(topics)}
    index = {pk: i for i, pk in enumerate(facts.ids)}
    matrix = np.zeros((len(facts.ids), len(topics)), dtype=np.float32)
    for pk, vector in facts.vectors.items():
        for topic_id, weight in vector.items():
            matrix[index[pk], column[topic_id]] = weight
    norms = np.linalg.norm(matrix, axis=1)
    norms[norms == 0] = 1.0
    matrix /= norms[:, None]
    scores: dict[tuple[int, int], float] = {}
    row_indexes = [index[pk] for pk in rows if pk in index]
    for start in range(0, len(row_indexes), BLOCK):
        block = row_indexes[start : start + BLOCK]
        similarity = matrix[block] @ matrix.T
        for offset, row in enumerate(block):
            similarity[offset, row] = 0.0
            values = similarity[offset]
            k = min(CANDIDATES_PER_PERSON, len(values))
            best = np.argpartition(-values, k - 1)[:k] if k < len(values) else range(len(values))
            for column_index in best:
                value = float(values[column_index])
                if value > 0:
                    scores[_pair(facts.ids[row], facts.ids[column_index])] = round(value, 4)
    return scores


def _score(facts: _Facts, a: int, b: int, cosine: float) -> tuple[float, dict]:
    needs = facts.need_links.get((a, b), [])
    shared_groups = facts.groups.get(a, set()) & facts.groups.get(b, set())
    shared_events = facts.events.get(a, set()) & facts.events.get(b, set())
    score = (
        cosine
        + min(NEED_LINK_CAP, NEED_LINK * len(needs))
        + min(SHARED_GROUP_CAP, SHARED_GROUP * len(shared_groups))
        + min(SHARED_EVENT_CAP, SHARED_EVENT * len(shared_events))
    )
    return round(score, 4), {"needs": needs, "groups": shared_groups, "events": shared_events}


def _ranked(cluster: Cluster, person_id: int | None = None) -> list[tuple[float, int, int, dict]]:
    facts = _facts(cluster)
    rows = facts.ids if person_id is None else [person_id]
    if person_id is not None and person_id not in facts.vectors:
        return []
    candidates = _cosine_candidates(facts, rows)
    for pair in facts.need_links:
        if person_id is None or person_id in pair:
            candidates.setdefault(pair, 0.0)
    scored = []
    for (a, b), cosine in candidates.items():
        if (a, b) in facts.in_contact or facts.organisations.get(
            a, set()
        ) & facts.organisations.get(b, set()):
            continue
        score, why = _score(facts, a, b, cosine)
        if score >= MIN_SCORE:
            why["cosine"] = cosine
            why["shared_topics"] = _shared_topics(facts, a, b)
            why["from_usage"] = any(
                t in facts.learned.get(p, {}) for p in (a, b) for t in why["shared_topics"]
            )
            scored.append((score, a, b, why))
    scored.sort(key=lambda row: (-row[0], row[1], row[2]))
    kept, per_person = [], defaultdict(int)
    for row in scored:
        a, b = row[1], row[2]
        if per_person[a] < PER_PERSON or per_person[b] < PER_PERSON:
            kept.append(row)
            per_person[a] += 1
            per_person[b] += 1
    return kept


def _shared_topics(facts: _Facts, a: int, b: int) -> list[int]:
    va, vb = facts.vectors.get(a, {}), facts.vectors.get(b, {})
    shared = [(min(va[t], vb[t]), t) for t in set(va) & set(vb)]
    shared.sort(key=lambda x: (-x[0], x[1]))
    return [t for _w, t in shared[:3]]


def explain_pair(cluster: Cluster, a: int, b: int) -> str:
    """Why the pair is suggested, computed afresh (what a decision keeps on record)."""
    facts = _facts(cluster)
    va, vb = facts.vectors.get(a, {}), facts.vectors.get(b, {})
    norm = math.sqrt(sum(w * w for w in va.values()) * sum(w * w for w in vb.values()))
    cosine = sum(w * vb.get(t, 0.0) for t, w in va.items()) / norm if norm else 0.0
    score, why = _score(facts, a, b, round(cosine, 4))
    why["cosine"] = round(cosine, 4)
    why["shared_topics"] = _shared_topics(facts, a, b)
    why["from_usage"] = any(
        t in facts.learned.get(p, {}) for p in (a, b) for t in why["shared_topics"]
    )
    return _explained(cluster, [(score, a, b, why)])[0].explanation


def _explained(cluster, rows) -> list[PairSuggestion]:
    """Turn ranked rows into suggestions with explanations, with a few bulk queries."""
    person_ids = {pk for _s, a, b, _w in rows for pk in (a, b)}
    people = {p.pk: p for p in Person.objects.filter(pk__in=person_ids)}
    topic_ids = {t for *_x, why in rows for t in why["shared_topics"]}
    topics = {t.pk: t.label for t in Topic.objects.filter(pk__in=topic_ids)}
    need_ids = {n for *_x, why in rows for _s, n, _o in why["needs"]}
    needs = dict(Need.objects.filter(pk__in=need_ids).values_list("pk", "title"))
    organisation_ids = {o for *_x, why in rows for _s, _n, o in why["needs"]}
    organisations = dict(
        Organisation.objects.filter(pk__in=organisation_ids).values_list("pk", "name")
    )
    group_names = dict(
        Group.objects.filter(pk__in={g for *_x, why in rows for g in why["groups"]}).values_list(
            "pk", "name"
        )
    )
    event_titles = dict(
        Event.objects.filter(pk__in={e for *_x, why in rows for e in why["events"]}).values_list(
            "pk", "title"
        )
    )
    suggestions = []
    for score, a, b, why in rows:
        if a not in people or b not in people:
            continue
        suggestion = PairSuggestion(
            cluster, people[a], people[b], score, from_usage=why["from_usage"]
        )
        if why["shared_topics"]:
            suggestion.reasons.append(
                _("both are interested in %(topics)s")
                % {"topics": ", ".join(topics[t] for t in why["shared_topics"] if t in topics)}
            )
        for seeker, need_id, provider_org in why["needs"][:2]:
            provider = b if seeker == a else a
            suggestion.reasons.append(
                _("%(seeker)s is looking for “%(need)s”, %(provider)s (%(organisation)s) offers it")
                % {
                    "seeker": people[seeker].full_name,
                    "need": needs.get(need_id, ""),
                    "provider": people[provider].full_name,
                    "organisation": organisations.get(provider_org, ""),
                }
            )
        if why["groups"]:
            suggestion.reasons.append(
                _("both are members of %(groups)s")
                % {"groups": ", ".join(sorted(group_names[g] for g in why["groups"]))}
            )
        if why["events"]:
            suggestion.reasons.append(
                _("both attended %(events)s")
                % {"events": ", ".join(sorted(event_titles[e] for e in why["events"])[:3])}
            )
        suggestions.append(suggestion)
    return suggestions


def suggestions_for_cluster(cluster: Cluster, *, limit: int = SHOWN) -> list[PairSuggestion]:
    """The best pairs of the cluster, at most five per person, explained."""
    return _explained(cluster, _ranked(cluster)[:limit])


def suggestions_for_person(user, person, *, limit: int = PER_PERSON) -> list[PairSuggestion]:
    """The person's best suggested contacts in the clusters `user` looks after."""
    rows = []
    for cluster in Cluster.objects.filter(pk__in=cluster_ids_of(user)).order_by("pk"):
        if not people_of_clusters([cluster.pk]).filter(pk=person.pk).exists():
            continue
        ranked = [row for row in _ranked(cluster, person.pk) if person.pk in row[1:3]]
        rows.extend((cluster, row) for row in ranked[:limit])
    rows.sort(key=lambda item: (-item[1][0], item[0].pk, item[1][1], item[1][2]))
    suggestions = []
    for cluster, row in rows:
        suggestions.extend(_explained(cluster, [row]))
        if len(suggestions) >= limit:
            break
    return suggestions


def _people_of_pair(cluster, person_a, person_b) -> tuple[Person, Person]:
    if person_a.pk == person_b.pk:
        raise ValidationError(_("Choose two different people."))
    in_cluster = people_of_clusters([cluster.pk]).filter(pk__in=[person_a.pk, person_b.pk])
    if in_cluster.count() != 2:
        raise PermissionDenied
    return (person_a, person_b) if person_a.pk < person_b.pk else (person_b, person_a)


def _introduction(user, cluster, a: Person, b: Person) -> Interaction | None:
    """Record the introduction with the interactions app where it can be: between two
    different organisations, in the name of a cluster one of them belongs to."""
    organisation_of = {}
    for person in (a, b):
        position = (
            Position.objects.current()
            .filter(person=person)
            .select_related("organisation")
            .order_by("pk")
            .first()
        )
        organisation_of[person.pk] = position.organisation if position else None
    for first, second in ((a, b), (b, a)):
        organisation = organisation_of[first.pk]
        other = organisation_of[second.pk]
        if organisation is None or other is None or organisation.pk == other.pk:
            continue
        if not user.has_perm("interactions.record_interaction", organisation):
            continue
        if not clusters_for(user, organisation).filter(pk=cluster.pk).exists():
            continue
        return record_interaction(
            user,
            organisation,
            cluster=cluster,
            kind=Interaction.Kind.INTRODUCTION,
            date=timezone.localdate(),
            summary=(
                _("Introduced %(person)s to %(other)s (%(organisation)s)")
                % {
                    "person": first.full_name,
                    "other": second.full_name,
                    "organisation": other.name,
                }
            )[:300],
            people=[first],
            introduced_to=other,
        )
    return None


@transaction.atomic
def introduce(user, cluster, person_a, person_b) -> PairDecision:
    """Introduce the two people: remember the decision and, where the interactions app can
    hold it, record the introduction there (with its audit entry)."""
    if not user.has_perm("community.decide_suggestion", cluster):
        raise PermissionDenied
    a, b = _people_of_pair(cluster, person_a, person_b)
    interaction = _introduction(user, cluster, a, b)
    decision = _decide(user, cluster, a, b, PairDecision.Decision.INTRODUCED)
    if interaction is not None:
        decision.interaction = interaction
        decision.save(update_fields=["interaction"])
    log_action(
        user,
        "community.suggestion.introduced",
        a,
        cluster=str(cluster),
        other_person_id=b.pk,
        interaction_id=interaction.pk if interaction else None,
    )
    return decision


@transaction.atomic
def dismiss(user, cluster, person_a, person_b) -> PairDecision:
    """Dismiss the suggestion: the pair is not suggested again in this cluster."""
    if not user.has_perm("community.decide_suggestion", cluster):
        raise PermissionDenied
    a, b = _people_of_pair(cluster, person_a, person_b)
    decision = _decide(user, cluster, a, b, PairDecision.Decision.DISMISSED)
    log_action(
        user, "community.suggestion.dismissed", a, cluster=str(cluster), other_person_id=b.pk
    )
    return decision


def _decide(user, cluster, a, b, decision) -> PairDecision:
    explanation = explain_pair(cluster, a.pk, b.pk)
    try:
        with transaction.atomic():
            return PairDecision.objects.create(
                cluster=cluster,
                person_a=a,
                person_b=b,
                decision=decision,
                explanation=explanation[:500],
                decided_by=user,
            )
    except IntegrityError:
        raise ValidationError(_("This pair was already decided on.")) from None


def decisions_of(cluster, *, limit: int = 20):
    """The latest decisions on suggested pairs in the cluster."""
    return (
        PairDecision.objects.filter(cluster=cluster)
        .filter(Q(person_a__erased_at__isnull=True) & Q(person_b__erased_at__isnull=True))
        .select_related("person_a", "person_b", "decided_by", "interaction")
        .order_by("-decided_at", "-pk")[:limit]
    )
