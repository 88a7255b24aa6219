"""The concept lexicon: capabilities and the many ways people name them.

Concepts come from two sources, merged by id:

- the directory taxonomy (every Topic: its German and English label and its synonyms),
  read from the database so that an installation's edits count; id "t:<slug>";
- a curated lexicon (matching/data/concepts.json) of everyday phrasings for what digital
  providers offer ("Stundenzettel", "Arbeitszeiten aufschreiben" -> time recording). An
  entry that names taxonomy topics adds its phrasings to them; others are concepts of
  their own, id "c:<key>".

A phrase is found in a text when all its stems occur within a short window (compound
parts count, so "Zettel" is found in "Zettelwirtschaft").
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.utils.translation import get_language

from knotenpunkt.matching.engine import compounds
from knotenpunkt.matching.engine.analysis import Token, phrase_stems

LEXICON_PATH = Path(__file__).resolve().parent.parent / "data" / "concepts.json"
# Phrase words must stand this close together (positions, i.e. words) to count.
PHRASE_WINDOW = 6
# Industries say whom a provider serves, not what it can do: they count for less.
# A single word this common in German at large (specificity below this, i.e. a wordfreq
# Zipf frequency above about 3.9: "Kasse", "Zimmer", "online", "Foto") is vague evidence.
VAGUE_SPECIFICITY = 0.7
# Vague words must come in company: this many distinct ones for the same concept.
VAGUE_CORROBORATION = 2
KIND_WEIGHT = {"industry": 0.5, "theme": 0.8, "competence": 1.0, "technology": 1.0}


@dataclass
class Concept:
    id: str
    label_de: str
    label_en: str
    kind: str = "competence"
    parents: list[str] = field(default_factory=list)
    phrases: set[tuple[str, ...]] = field(default_factory=set)
    # The stems of its names and technical terms (not of the everyday phrasings): what a
    # provider's own profile would say, used to expand a need's query.
    vocabulary: set[str] = field(default_factory=set)

    @property
    def weight(self) -> float:
        return KIND_WEIGHT.get(self.kind, 1.0)

    def label(self, language: str | None = None) -> str:
        language = language or get_language() or "de"
        if language.startswith("en"):
            return self.label_en or self.label_de
        return self.label_de or self.label_en


@dataclass
class Lexicon:
    concepts: dict[str, Concept]
    # rarest-looking stem of a phrase -> [(concept id, phrase stems)]
    triggers: dict[str, list[tuple[str, tuple[str, ...]]]]

    def detect(self, tokens: list[Token]) -> dict[str, float]:
        """Concept id -> weighted number of phrase occurrences found in the tokens."""
        return self.detect_with_stems(tokens)[0]

    def detect_with_stems(
        self, tokens: list[Token], *, strict: bool = False
    ) -> tuple[dict[str, float], set[str]]:
        """The concepts found, and the stems of the phrases that found them.

        `strict` (for needs): a concept found only by one everyday word is dropped. A
        provider's profile is written to name its capabilities, so it is read as it is.
        """
        positions: dict[str, list[int]] = defaultdict(list)
        parts: set[str] = set()
        for token in tokens:
            positions[token.stem].append(token.position)
            if token.part:
                parts.add(token.stem)
        found: dict[str, float] = defaultdict(float)
        stems_of: dict[str, set[str]] = defaultdict(set)
        # Concepts with evidence that can stand alone (a multi-word phrase or a specific
        # word), and the distinct everyday words that found each concept.
        firm: set[str] = set()
        vague: dict[str, set[str]] = defaultdict(set)
        seen: set[tuple[str, tuple[str, ...]]] = set()
        for stem_ in list(positions):
            for concept_id, phrase in self.triggers.get(stem_, ()):
                if (concept_id, phrase) in seen:
                    continue
                seen.add((concept_id, phrase))
                hits = _phrase_hits(phrase, positions, parts)
                if hits:
                    weight = specificity(phrase)
                    found[concept_id] += hits * weight
                    if hits >= 1:
                        stems_of[concept_id].update(phrase)
                    if len(phrase) == 1 and weight < VAGUE_SPECIFICITY:
                        vague[concept_id].add(phrase[0])
                    else:
                        firm.add(concept_id)
        # One everyday word ("Baustelle", "Kasse", "online") names a situation, not a
        # capability: it cannot find a concept on its own, only with other evidence.
        for concept_id in list(found) if strict else ():
            if concept_id not in firm and len(vague[concept_id]) < VAGUE_CORROBORATION:
                del found[concept_id]
        matched_stems: set[str] = set()
        for concept_id in found:
            matched_stems.update(stems_of[concept_id])
        return dict(found), matched_stems

    def vocabulary_of(self, concept_id: str) -> set[str]:
        concept = self.concepts.get(concept_id)
        return concept.vocabulary if concept is not None else set()

    def ancestors(self, concept_id: str) -> list[str]:
        out, todo = (
            [],
            list(self.concepts[concept_id].parents if concept_id in self.concepts else []),
        )
        while todo:
            parent = todo.pop()
            if parent in out or parent not in self.concepts:
                continue
            out.append(parent)
            todo.extend(self.concepts[parent].parents)
        return out


def specificity(phrase: tuple[str, ...]) -> float:
    """How much finding this phrase says: everyday words ("Bau", "Software") say less.

    Single words are weighted by how rare they are in German at large (wordfreq), not in
    our data, so the weight does not depend on who happens to be in the directory.
    Multi-word phrases are specific by construction.
    """
    if len(phrase) > 1:
        return 1.0 + 0.25 * (len(phrase) - 1)
    return _word_specificity(phrase[0])


@cache
def _word_specificity(stem_: str) -> float:
    frequency = max(
        (compounds.zipf(w) for w in (stem_, stem_ + "e", stem_ + "en", stem_ + "n", stem_ + "s")),
        default=0.0,
    )
    if frequency == 0.0:
        return 1.0
    return min(1.0, max(0.2, (6.0 - frequency) / 3.0))


def _phrase_hits(
    phrase: tuple[str, ...], positions: dict[str, list[int]], parts: set[str]
) -> float:
    if len(phrase) == 1:
        hits = len(positions.get(phrase[0], ()))
        # A short word found only inside a compound ("werk" in "Handwerk") is weak.
        if hits and phrase[0] in parts and len(phrase[0]) < 5:
            return hits * 0.3
        return hits
    if any(s not in positions for s in phrase):
        return 0
    hits = 0
    for start in positions[phrase[0]]:
        if all(any(abs(p - start) <= PHRASE_WINDOW for p in positions[s]) for s in phrase[1:]):
            hits += 1
    return hits


@cache
def curated_entries() -> tuple[dict, ...]:
    """The curated lexicon as shipped (read once per process)."""
    with LEXICON_PATH.open(encoding="utf-8") as handle:
        return tuple(json.load(handle)["concepts"])


def build_lexicon(topics: list[dict], curated: bool = True) -> Lexicon:
    """A lexicon from taxonomy topics (dicts with slug, parent, kind, labels, synonyms)."""
    concepts: dict[str, Concept] = {}
    for topic in topics:
        cid = f"t:{topic['slug']}"
        concept = Concept(
            cid,
            topic["label_de"],
            topic["label_en"],
            topic.get("kind") or "competence",
            [f"t:{topic['parent']}"] if topic.get("parent") else [],
        )
        for text in (topic["label_de"], topic["label_en"], *topic.get("synonyms", [])):
            _add_phrases(concept, text, vocabulary=True)
        concepts[cid] = concept
    if curated:
        for entry in curated_entries():
            targets = [f"t:{slug}" for slug in entry.get("topics", []) if f"t:{slug}" in concepts]
            if not targets:
                cid = f"c:{entry['key']}"
                concepts[cid] = Concept(
                    cid,
                    entry["label_de"],
                    entry["label_en"],
                    entry.get("kind", "competence"),
                    [f"t:{slug}" for slug in entry.get("parents", [])],
                )
                targets = [cid]
            for cid in targets:
                for text in (
                    entry.get("label_de", ""),
                    entry.get("label_en", ""),
                    *entry.get("terms", []),
                ):
                    _add_phrases(concepts[cid], text, vocabulary=True)
                for text in entry.get("phrasings", []):
                    _add_phrases(concepts[cid], text)
    return Lexicon(concepts, _triggers(concepts))


_PARTICLES = (
    "zusammen",
    "zurück",
    "fest",
    "auf",
    "aus",
    "ein",
    "mit",
    "nach",
    "vor",
    "weg",
    "ab",
    "an",
    "zu",
)


def _separable_variant(text: str) -> str | None:
    """The phrase with a separable verb's particle dropped, or None.

    German splits such verbs in a sentence ("Arbeitszeiten aufschreiben" -> "wir schreiben
    die Arbeitszeiten auf"), and the particle is a stopword; so a multi-word phrase also
    matches with the bare verb.
    """
    words = text.split()
    if len(words) < 2:
        return None
    changed = False
    for i, word in enumerate(words):
        lower = word.lower()
        for particle in _PARTICLES:
            rest = lower[len(particle) :]
            if lower.startswith(particle) and lower.endswith("en") and len(rest) >= 5:
                words[i] = rest
                changed = True
                break
    return " ".join(words) if changed else None


def _add_phrases(concept: Concept, text: str, vocabulary: bool = False) -> None:
    # "Bau- & Ausbauhandwerk", "Kundenmanagement (CRM)": each alternative on its own.
    alternatives = _alternatives(text)
    alternatives += [v for v in map(_separable_variant, alternatives) if v]
    for alternative in alternatives:
        stems = phrase_stems(alternative)
        if stems and len(stems) <= 4:
            concept.phrases.add(stems)
            if vocabulary:
                concept.vocabulary.update(stems)


def _alternatives(text: str) -> list[str]:
    text = text.replace("(", "&").replace(")", "").replace(",", "&").replace(" und ", " & ")
    text = text.replace(" and ", " & ")
    # "Produkt- & Industriedesign": an elided "Produkt-" is no phrase of its own.
    parts = [p.strip() for p in text.split("&") if p.strip() and not p.strip().endswith("-")]
    return [text.replace("&", " "), *parts] if len(parts) > 1 else parts


def _triggers(concepts: dict[str, Concept]) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    triggers: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
    for concept in concepts.values():
        for phrase in concept.phrases:
            # Any stem of the phrase must be present; the first is as good a trigger as any
            # since the check needs all of them.
            triggers[phrase[0]].append((concept.id, phrase))
    return dict(triggers)


def topics_from_database() -> list[dict]:
    """The taxonomy as the lexicon needs it, read from the database."""
    from knotenpunkt.directory.models import Topic

    return [
        {
            "slug": t.slug,
            "parent": t.parent.slug if t.parent_id else None,
            "kind": t.kind,
            "label_de": t.label_de,
            "label_en": t.label_en,
            "synonyms": t.synonym_list,
        }
        for t in Topic.objects.select_related("parent")
    ]
