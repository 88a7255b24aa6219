"""The built-in scorers: BM25F over words, and overlap of concepts."""

import numpy as np

from knotenpunkt.matching.engine.base import ExplanationParts


def _select(scores: np.ndarray, rows: np.ndarray | None) -> np.ndarray:
    return scores if rows is None else scores[rows]


class TermScorer:
    """BM25F over the provider's name, texts and tags, for the need's words.

    The query holds the need's own words (compound parts at half weight) and, at lower
    weight, the words of the concepts the need names. IDF makes a word that every
    profile uses ("digital", "Lösung") count for little; saturation and per-field length
    normalisation keep a long profile from winning by volume.
    """

    normalise = True

    def score(self, query, index, rows=None):
        weights = {t: w * index.term_idf.get(t, 0.0) for t, w in query.all_terms.items()}
        return _select(index.accumulate(index.term_postings, weights), rows)

    def explain(self, query, index, row, document) -> ExplanationParts:
        stems = set().union(*(set(terms) for terms in document.fields.values()))
        shared = [t for t in query.terms if t in stems]
        shared.sort(key=lambda t: -query.terms[t] * index.term_idf.get(t, 0.0))
        words = []
        for stem in shared:
            word = query.surfaces.get(stem, stem)
            if word not in words:
                words.append(word)
        tags = [
            tag
            for tag, tag_stems, _concepts in document.tags
            if any(s in query.all_terms for s in tag_stems)
        ]
        return ExplanationParts(terms=words[:8], tags=tags[:6])


class ConceptScorer:
    """Concepts the need and the provider both name, weighted by how rare they are.

    Not scaled by the best document: the score is the share of the need's (weighted)
    concepts that the provider covers, so a need whose concepts were found only weakly
    cannot let a weak concept overlap dominate the ranking.
    """

    normalise = False

    def score(self, query, index, rows=None):
        lexicon = index.lexicon
        weights = {}
        for concept_id, strength in query.concepts.items():
            concept = lexicon.concepts.get(concept_id) if lexicon else None
            kind_weight = concept.weight if concept else 1.0
            need_strength = strength / (strength + 1.0)
            weights[concept_id] = kind_weight * need_strength * index.concept_idf.get(concept_id, 0)
        total = sum(weights.values())
        if total <= 0:
            return _select(np.zeros(index.size, dtype=np.float32), rows)
        # Posting values are at most 1, so this is a share in [0, 1]; the square root
        # lets covering the main concept count without covering every side remark.
        overlap = index.accumulate(index.concept_postings, weights) / np.float32(total)
        return _select(np.sqrt(overlap), rows)

    def explain(self, query, index, row, document) -> ExplanationParts:
        lexicon = index.lexicon
        matched = [c for c in query.concepts if c in document.concepts]
        if lexicon is not None:
            for concept_id in query.concepts:
                if concept_id not in matched and any(
                    a == concept_id for c in document.concepts for a in lexicon.ancestors(c)
                ):
                    matched.append(concept_id)
        matched.sort(key=lambda c: -query.concepts[c] * index.concept_idf.get(c, 0.0))
        labels = []
        for concept_id in matched:
            concept = lexicon.concepts.get(concept_id) if lexicon else None
            if concept is not None and concept.label() not in labels:
                labels.append(concept.label())
        tags = [
            tag for tag, _stems, tag_concepts in document.tags if set(tag_concepts) & set(matched)
        ]
        return ExplanationParts(concepts=labels[:5], tags=tags[:6])
