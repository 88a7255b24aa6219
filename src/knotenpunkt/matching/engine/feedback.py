"""Learning from feedback: which kinds of providers fit which kinds of needs.

When a need's author marks a suggestion fitting or not fitting (or accepts or declines a
contact), every pair (feature of the need, feature of the provider) gets +1 or -1. A
need feature is a concept the need names or one of its most specific words; a provider
feature is a concept of its profile, a word of its tags, or the provider itself. For a
new query, the weights of its features add up per provider and pass through tanh, so the
adjustment stays within [-1, 1] whatever the number of votes, and the engine weighs it
low (settings.MATCHING_SCORERS): feedback reorders close candidates, it cannot put an
unrelated provider on top.
"""

import numpy as np
from django.db import transaction
from django.db.models import F

from knotenpunkt.matching.engine.base import ExplanationParts

# How many of a need's words become features: its most specific ones.
NEED_TERMS = 8
PROVIDER_CONCEPTS = 12


def need_features(query, index) -> list[str]:
    features = [f"c:{c}" for c in query.concepts]
    terms = sorted(query.terms, key=lambda t: -query.terms[t] * index.term_idf.get(t, 0.0))
    features += [f"w:{t}" for t in terms[:NEED_TERMS] if index.term_idf.get(t, 0.0) > 1.0]
    return features


def provider_features(document, organisation_id: int) -> list[str]:
    concepts = sorted(document.concepts, key=lambda c: -document.concepts[c])
    features = [f"c:{c}" for c in concepts[:PROVIDER_CONCEPTS]]
    tag_stems = {s for _tag, stems, _concepts in document.tags for s in stems}
    features += [f"w:{s}" for s in sorted(tag_stems)[:PROVIDER_CONCEPTS]]
    features.append(f"o:{organisation_id}")
    return features


def learn(query, index, document, organisation_id: int, fitting: bool) -> int:
    """Record one piece of feedback; returns the number of associations touched."""
    from knotenpunkt.matching.models import FeedbackAssociation

    delta = 1.0 if fitting else -1.0
    pairs = [
        (nf, pf)
        for nf in need_features(query, index)
        for pf in provider_features(document, organisation_id)
    ]
    with transaction.atomic():
        for need_feature, provider_feature in pairs:
            FeedbackAssociation.objects.get_or_create(
                need_feature=need_feature, provider_feature=provider_feature
            )
            FeedbackAssociation.objects.filter(
                need_feature=need_feature, provider_feature=provider_feature
            ).update(weight=F("weight") + delta, votes=F("votes") + 1)
    return len(pairs)


class FeedbackScorer:
    """A bounded adjustment in [-1, 1] from what earlier feedback taught."""

    normalise = False

    def _weights(self, query, index) -> dict[str, float]:
        from knotenpunkt.matching.models import FeedbackAssociation

        features = need_features(query, index)
        if not features:
            return {}
        weights: dict[str, float] = {}
        rows = FeedbackAssociation.objects.filter(need_feature__in=features).values_list(
            "provider_feature", "weight"
        )
        for provider_feature, weight in rows:
            weights[provider_feature] = weights.get(provider_feature, 0.0) + weight
        # Normalised by the number of need features, so a long need does not learn louder.
        return {k: v / len(features) for k, v in weights.items() if v}

    def score(self, query, index, rows=None):
        weights = self._weights(query, index)
        total = np.zeros(index.size, dtype=np.float32)
        if weights:
            concept_weights = {k[2:]: v for k, v in weights.items() if k.startswith("c:")}
            term_weights = {k[2:]: v for k, v in weights.items() if k.startswith("w:")}
            total += _presence(index, index.concept_postings, concept_weights)
            total += _presence(index, index.term_postings, term_weights)
            for key, value in weights.items():
                if key.startswith("o:"):
                    row = index.row_of.get(int(key[2:]))
                    if row is not None:
                        total[row] += value
            total = np.tanh(total)
        return total if rows is None else total[rows]

    def explain(self, query, index, row, document) -> ExplanationParts:
        return ExplanationParts()


def _presence(index, postings, weights) -> np.ndarray:
    out = np.zeros(index.size, dtype=np.float32)
    for key, weight in weights.items():
        posting = postings.get(key)
        if posting is not None:
            out[posting[0]] += np.float32(weight)
    return out
