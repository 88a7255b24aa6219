"""A need turned into what the scorers read: weighted terms and concepts."""

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from knotenpunkt.matching.engine.analysis import Token, analyse
from knotenpunkt.matching.engine.concepts import Lexicon

# The title says in a few words what the need is about.
TITLE_WEIGHT = 1.5
# A compound's part is evidence, but weaker than the word the author wrote.
PART_WEIGHT = 0.5
# Words the need did not use but its concepts stand for ("Zeiterfassung" for a need about
# "Stundenzettel") count for this much, so they find providers' own vocabulary.
EXPANSION_WEIGHT = 0.3
# Concepts found only weakly (one everyday word inside a compound) do not expand the query.
MIN_EXPANSION_STRENGTH = 0.5
CAPABILITY_BOOST = 1.5
# A taxonomy topic the author chose for the need is deliberate evidence: as strong as a
# provider's own topic (services.indexing.TOPIC_STRENGTH).
NEED_TOPIC_STRENGTH = 2.0


@dataclass
class Query:
    key: str
    tokens: list[Token]
    terms: dict[str, float]
    concepts: dict[str, float]
    expansion: dict[str, float] = field(default_factory=dict)
    # stem -> the word as the need wrote it, for explanations
    surfaces: dict[str, str] = field(default_factory=dict)

    def tie_break(self, organisation_id: int) -> int:
        """A per-need pseudo-random order for equal scores: not by name, not by age."""
        digest = hashlib.blake2b(f"{self.key}:{organisation_id}".encode(), digest_size=8)
        return int.from_bytes(digest.digest(), "big")

    @property
    def all_terms(self) -> dict[str, float]:
        merged = dict(self.expansion)
        for term, weight in self.terms.items():
            merged[term] = max(weight, merged.get(term, 0.0))
        return merged


def build_query(
    title: str,
    text: str,
    lexicon: Lexicon | None,
    *,
    key: str,
    split_compounds: bool = True,
    expand: bool = True,
    topics: tuple[str, ...] = (),
) -> Query:
    """Analyse a need's title and text into weighted terms and the concepts they name.

    `topics`: slugs of the taxonomy topics the author tagged the need with.
    """
    title_tokens = analyse(title, split_compounds=split_compounds)
    offset = (title_tokens[-1].position + 10) if title_tokens else 0
    body_tokens = [
        Token(t.stem, t.position + offset, t.surface, t.part)
        for t in analyse(text, split_compounds=split_compounds)
    ]
    tokens = title_tokens + body_tokens
    counts: Counter = Counter()
    surfaces: dict[str, str] = {}
    for token in tokens:
        weight = PART_WEIGHT if token.part else 1.0
        if token.position < offset:
            weight *= TITLE_WEIGHT
        counts[token.stem] += weight
        surfaces.setdefault(token.stem, token.surface)
    # Repeating a word in a need should not drown the other words: grow slowly.
    terms = {
        stem: count if count <= 1 else min(1.0 + 0.5 * (count - 1), 2.5)
        for stem, count in counts.items()
    }
    concepts: dict[str, float] = {}
    expansion: dict[str, float] = defaultdict(float)
    if lexicon is not None:
        concepts, capability_stems = lexicon.detect_with_stems(tokens, strict=True)
        for slug in topics:
            concept_id = f"t:{slug}"
            if concept_id in lexicon.concepts:
                concepts[concept_id] = concepts.get(concept_id, 0.0) + NEED_TOPIC_STRENGTH
        # Words that name a capability ("im Internet verkaufen") say more about what is
        # needed than the words describing the author's situation ("Produkte vom Hof").
        for stem in capability_stems:
            if stem in terms:
                terms[stem] *= CAPABILITY_BOOST
        if expand:
            for concept_id, strength in concepts.items():
                if strength < MIN_EXPANSION_STRENGTH:
                    continue
                vocabulary = lexicon.vocabulary_of(concept_id)
                # Each concept gets about the same budget, however many synonyms it has.
                share = (
                    EXPANSION_WEIGHT * min(1.0, strength) / max(1.0, (len(vocabulary) / 4) ** 0.5)
                )
                for stem in vocabulary:
                    expansion[stem] = max(expansion[stem], share)
    return Query(key, tokens, terms, concepts, dict(expansion), surfaces)
