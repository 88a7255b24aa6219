"""Ranking providers for a need and needs for a provider: the engine's public API.

The web UI, the alerts and `knotenpunkt match-eval` all call these functions, so what is
evaluated is what users see. Scores are in 0..1 and comparable within one list; every
match carries its explanation (concepts, words, tags) so that staff can justify why a
provider was shown.
"""

from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext as _

from knotenpunkt.directory.models import Organisation
from knotenpunkt.matching.engine import feedback
from knotenpunkt.matching.engine.base import ExplanationParts, configured_scorers
from knotenpunkt.matching.engine.query import Query, build_query
from knotenpunkt.matching.models import MatchDocument
from knotenpunkt.matching.services.indexing import current_index, split_compounds

_QUERY_CACHE_SIZE = 512
_queries: OrderedDict = OrderedDict()


@dataclass
class Explanation:
    """Why a provider and a need were matched, in words a user can check."""

    concepts: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        parts = []
        if self.concepts:
            parts.append(_("Matches on: %(concepts)s") % {"concepts": ", ".join(self.concepts)})
        if self.terms:
            parts.append(_("shared words: %(terms)s") % {"terms": ", ".join(self.terms)})
        if self.tags:
            parts.append(_("provider's keywords: %(tags)s") % {"tags": ", ".join(self.tags)})
        if not parts:
            return _("Similar wording in the profile.")
        return "; ".join(parts) + "."

    def as_dict(self) -> dict:
        return {
            "concepts": self.concepts,
            "terms": self.terms,
            "tags": self.tags,
            "summary": self.summary,
        }


@dataclass
class Match:
    organisation: Organisation
    score: float
    explanation: Explanation


@dataclass
class NeedMatch:
    need: object
    score: float
    explanation: Explanation


def query_for_need(need, index=None) -> Query:
    """The analysed query of a need, cached per process while the need is unchanged."""
    index = index or current_index()
    topics = _topic_slugs(need)
    key = (
        need.pk,
        getattr(need, "updated_at", None),
        topics,
        id(index.lexicon),
        split_compounds(),
    )
    query = _queries.get(key) if need.pk else None
    if query is None:
        query = build_query(
            need.title,
            need.text,
            index.lexicon,
            key=f"need:{need.pk}" if need.pk else need.title,
            split_compounds=split_compounds(),
            topics=topics,
        )
        if need.pk:
            _queries[key] = query
            while len(_queries) > _QUERY_CACHE_SIZE:
                _queries.popitem(last=False)
    return query


def _topic_slugs(need) -> tuple[str, ...]:
    """The slugs of a saved need's taxonomy topics (an unsaved need has none)."""
    if not need.pk or not hasattr(need, "topics"):
        return ()
    return tuple(sorted(t.slug for t in need.topics.all()))


def _combined(query: Query, index) -> np.ndarray:
    total = np.zeros(index.size, dtype=np.float32)
    for scorer, weight in configured_scorers():
        scores = scorer.score(query, index, None)
        if scorer.normalise:
            top = float(scores[index.candidate].max()) if index.candidate.any() else 0.0
            if top <= 0:
                continue
            scores = scores / top
        total += np.float32(weight) * scores
    return total


def _explain(query: Query, index, row: int, document: MatchDocument) -> Explanation:
    merged = ExplanationParts()
    for scorer, _weight in configured_scorers():
        parts = scorer.explain(query, index, row, document)
        for name in ("concepts", "terms", "tags"):
            target = getattr(merged, name)
            target.extend(x for x in getattr(parts, name) if x not in target)
    return Explanation(merged.concepts[:5], merged.terms[:8], merged.tags[:6])


def rank_providers(need, *, limit: int = 10) -> list[Match]:
    """The providers that best fit a need, best first, with their explanations."""
    index = current_index()
    if index.size == 0:
        return []
    query = query_for_need(need, index)
    scores = _combined(query, index)
    eligible = index.candidate.copy()
    own_row = index.row_of.get(need.organisation_id)
    if own_row is not None:
        eligible[own_row] = False
    eligible &= scores > 0
    rows = np.flatnonzero(eligible)
    if rows.size == 0:
        return []
    # Take a little more than asked for, then order ties by the per-need hash.
    take = min(rows.size, limit + 20)
    top = rows[np.argpartition(-scores[rows], take - 1)[:take]] if rows.size > take else rows
    ordered = sorted(
        top.tolist(),
        key=lambda r: (
            -round(float(scores[r]), 6),
            query.tie_break(int(index.organisation_ids[r])),
        ),
    )[:limit]
    best = float(scores[ordered[0]])
    ids = [int(index.organisation_ids[r]) for r in ordered]
    organisations = Organisation.objects.in_bulk(ids)
    documents = {
        d.organisation_id: d for d in MatchDocument.objects.filter(organisation_id__in=ids)
    }
    matches = []
    for row, organisation_id in zip(ordered, ids, strict=True):
        organisation = organisations.get(organisation_id)
        document = documents.get(organisation_id)
        if organisation is None or document is None:
            continue
        matches.append(
            Match(
                organisation=organisation,
                score=round(float(scores[row]) / best, 4),
                explanation=_explain(query, index, row, document),
            )
        )
    return matches


def rank_needs(organisation, needs_queryset, *, limit: int = 10) -> list[NeedMatch]:
    """The needs (among those given) this organisation fits best, with explanations.

    The score says how close the organisation comes to the best provider for each need
    (1.0: it is the best one), so it is comparable across needs.
    """
    index = current_index()
    row = index.row_of.get(organisation.pk)
    if row is None or not index.candidate[row]:
        return []
    scored = []
    for need in needs_queryset:
        if need.organisation_id == organisation.pk:
            continue
        query = query_for_need(need, index)
        scores = _combined(query, index)
        mine = float(scores[row])
        if mine <= 0:
            continue
        best = float(scores[index.candidate].max())
        scored.append((mine / best, query.tie_break(organisation.pk), need, query))
    scored.sort(key=lambda item: (-round(item[0], 6), item[1]))
    document = MatchDocument.objects.filter(organisation=organisation).first()
    return [
        NeedMatch(need=need, score=round(score, 4), explanation=_explain(q, index, row, document))
        for score, _tie, need, q in scored[:limit]
    ]


def record_feedback(suggestion, fitting: bool) -> None:
    """Learn from a need author's verdict on a suggestion (fitting or not)."""
    index = current_index()
    document = MatchDocument.objects.filter(organisation_id=suggestion.provider_id).first()
    if document is None:
        return
    query = query_for_need(suggestion.need, index)
    feedback.learn(query, index, document, suggestion.provider_id, fitting)
