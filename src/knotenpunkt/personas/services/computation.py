"""Compute a cluster's personas and keep the staff's words across computations.

New segments are matched to the cluster's existing personas by the cosine similarity of
their centroids (one-to-one, best total similarity; at least MATCH_THRESHOLD): a matched
persona keeps its key, name, description and goals. A new segment becomes a new persona
named after its typical topics; a persona without a match is kept inactive (no members,
not shown as a segment) so that its words come back when it is found again.
"""

import math
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from scipy.optimize import linear_sum_assignment

from knotenpunkt.core.audit import log_action
from knotenpunkt.directory.models import Cluster, Topic
from knotenpunkt.events.models import Event
from knotenpunkt.feed.models import Usage
from knotenpunkt.feed.services.usage import POPULARITY
from knotenpunkt.personas.models import Computation, Persona, PersonaMembership, PersonaPopularity
from knotenpunkt.personas.services.clustering import MIN_SIZE, cluster
from knotenpunkt.personas.services.features import feature_vectors, population

MATCH_THRESHOLD = 0.5
TYPICAL_TOPICS = 5
TYPICAL_FORMATS = 4
POPULARITY_DAYS = 90
# An entry counts as popular in a persona only when this many of its people used it, so
# that nobody's single act shows through to the others.
MIN_PEOPLE_PER_ENTRY = 3


def similarity(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine similarity of two centroids given as {feature: value}."""
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def _typical(centroid: dict[str, float], prefixes: tuple[str, ...], count: int) -> list[str]:
    found = [(v, k) for k, v in centroid.items() if k.startswith(prefixes) and v >= 0.05]
    return [k for _v, k in sorted(found, key=lambda item: (-item[0], item[1]))[:count]]


def _match(old: list[Persona], segments) -> dict[int, Persona]:
    """segment index → existing persona, one-to-one by centroid similarity."""
    if not old or not segments:
        return {}
    scores = [[similarity(s.centroid, p.centroid) for p in old] for s in segments]
    rows, columns = linear_sum_assignment(scores, maximize=True)
    return {
        int(r): old[int(c)]
        for r, c in zip(rows, columns, strict=True)
        if scores[r][c] >= MATCH_THRESHOLD
    }


def _new_persona(cluster_obj, taken: set[str], topic_ids: list[int]) -> Persona:
    number = 1
    while f"persona-{number}" in taken:
        number += 1
    slug = f"persona-{number}"
    taken.add(slug)
    labels = [str(t) for t in Topic.objects.filter(pk__in=topic_ids[:2])]
    with translation.override(settings.LANGUAGE_CODE):
        if labels:
            name = _("Persona %(number)d: %(topics)s") % {
                "number": number,
                "topics": ", ".join(labels),
            }
        else:
            name = _("Persona %(number)d") % {"number": number}
    return Persona(cluster=cluster_obj, slug=slug, name=name[:120])


@transaction.atomic
def compute_personas(cluster_obj: Cluster, actor=None, *, k: int | None = None) -> Computation:
    """Recompute one cluster's personas, memberships and popularity from today's data
    (`k`: a fixed number of clusters instead of the silhouette's choice)."""
    cluster_obj = Cluster.objects.select_for_update().get(pk=cluster_obj.pk)
    now = timezone.now()
    result = cluster(feature_vectors(population(cluster_obj)), k)
    old = list(Persona.objects.filter(cluster=cluster_obj).order_by("pk"))
    matched = _match(old, result.segments)
    taken = {p.slug for p in old}
    kept: list[tuple[Persona, list[int]]] = []
    for index, segment in enumerate(result.segments):
        topic_ids = [int(k.split(":")[1]) for k in _typical(segment.centroid, ("topic:",), 5)]
        persona = matched.get(index) or _new_persona(cluster_obj, taken, topic_ids)
        persona.is_active = True
        persona.size = len(segment.person_ids)
        persona.centroid = segment.centroid
        persona.typical_topic_ids = topic_ids[:TYPICAL_TOPICS]
        persona.typical_formats = _typical(segment.centroid, ("format:", "kind:"), TYPICAL_FORMATS)
        persona.computed_at = now
        persona.save()
        kept.append((persona, segment.person_ids))
    kept_ids = {p.pk for p, _ids in kept}
    Persona.objects.filter(cluster=cluster_obj).exclude(pk__in=kept_ids).update(
        is_active=False, size=0
    )
    PersonaMembership.objects.filter(cluster=cluster_obj).delete()
    PersonaMembership.objects.bulk_create(
        [
            PersonaMembership(persona=persona, person_id=person_id, cluster=cluster_obj)
            for persona, person_ids in kept
            for person_id in person_ids
        ],
        batch_size=2000,
    )
    _store_popularity(cluster_obj, kept, now)
    computation, _created = Computation.objects.update_or_create(
        cluster=cluster_obj,
        defaults={
            "computed_at": now,
            "population": sum(len(ids) for _p, ids in kept) + result.dropped,
            "clusters_tried": {str(k): v for k, v in result.tried.items()},
            "chosen_k": result.chosen_k,
            "merged": result.merged,
            "dropped": result.dropped,
        },
    )
    log_action(actor, "personas.computed", cluster_obj, personas=len(kept))
    return computation


def _store_popularity(cluster_obj, kept, now) -> None:
    PersonaPopularity.objects.filter(persona__cluster=cluster_obj).delete()
    persona_of = {pid: persona.pk for persona, ids in kept for pid in ids}
    scores: dict[tuple[int, int], float] = defaultdict(float)
    people: dict[tuple[int, int], set[int]] = defaultdict(set)
    for person_id, entry_id, kind in Usage.objects.filter(
        person_id__in=list(persona_of), at__gte=now - timedelta(days=POPULARITY_DAYS)
    ).values_list("person_id", "entry_id", "kind"):
        key = (persona_of[person_id], entry_id)
        scores[key] += POPULARITY[kind]
        people[key].add(person_id)
    PersonaPopularity.objects.bulk_create(
        [
            PersonaPopularity(persona_id=p, entry_id=e, score=round(score, 3))
            for (p, e), score in scores.items()
            if score > 0 and len(people[(p, e)]) >= MIN_PEOPLE_PER_ENTRY
        ],
        batch_size=2000,
    )


def compute_all(cluster_ids: list[int] | None = None) -> dict[str, int]:
    """Every cluster's personas (or those of `cluster_ids`): the nightly run."""
    clusters = Cluster.objects.order_by("pk")
    if cluster_ids is not None:
        clusters = clusters.filter(pk__in=cluster_ids)
    counts = {}
    for cluster_obj in clusters:
        compute_personas(cluster_obj)
        counts[cluster_obj.slug] = Persona.objects.filter(
            cluster=cluster_obj, is_active=True
        ).count()
    return counts


@transaction.atomic
def remove_person(person) -> list[int]:
    """Take the person out of every persona at once (consent withdrawn, erased).

    A persona that falls below MIN_SIZE is set inactive with its memberships until the
    next computation (enqueued after commit): no segment of fewer than five is used."""
    memberships = list(PersonaMembership.objects.filter(person=person))
    if not memberships:
        return []
    PersonaMembership.objects.filter(pk__in=[m.pk for m in memberships]).delete()
    persona_ids = [m.persona_id for m in memberships]
    too_small = Persona.objects.filter(pk__in=persona_ids, size__lte=MIN_SIZE)
    PersonaMembership.objects.filter(persona__in=too_small).delete()
    PersonaPopularity.objects.filter(persona__in=too_small).delete()
    too_small.update(is_active=False, size=0)
    Persona.objects.filter(pk__in=persona_ids, is_active=True).update(size=F("size") - 1)
    cluster_ids = sorted({m.cluster_id for m in memberships})

    from knotenpunkt.personas.tasks import compute_personas as compute_task

    transaction.on_commit(lambda: compute_task.enqueue(cluster_ids))
    return cluster_ids


def typical_formats_display(codes: list[str]) -> list[str]:
    """The stored codes ("format:online", "kind:networking") in words."""
    labels = {f"format:{v}": label for v, label in Event.Format.choices}
    labels.update({f"kind:{v}": label for v, label in Event.Kind.choices})
    return [str(labels[c]) for c in codes if c in labels]
