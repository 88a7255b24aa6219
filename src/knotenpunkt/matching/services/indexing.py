"""Keeping the matching index up to date, and handing each process its in-memory copy.

Each organisation has one stored MatchDocument (its analysed profile). Writers call
`reindex_organisation` (through the task, after commit); it rewrites the document and
starts a new index *generation* in the shared cache. Every process keeps one in-memory
MatchIndex and rebuilds it when the generation it was built for is no longer current, the
way the directory's listing cache works (directory.services.listing_cache).
"""

import secrets
import threading
import time
from collections import Counter

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Max, Prefetch

from knotenpunkt.directory.models import Organisation, Topic
from knotenpunkt.matching.engine.analysis import ANALYSER_VERSION, Token, analyse, stems
from knotenpunkt.matching.engine.concepts import Lexicon, build_lexicon, topics_from_database
from knotenpunkt.matching.engine.index import DocumentRecord, MatchIndex
from knotenpunkt.matching.models import MatchDocument

GENERATION_KEY = "matching:index:generation"
# A provider's own taxonomy topics are a deliberate statement: as strong as naming the
# concept twice in the text.
TOPIC_STRENGTH = 2.0
# Phrases must not run from one field or tag into the next.
FIELD_GAP = 50
# A compound's part is weaker evidence than a word written on its own (as in queries).
PART_WEIGHT = 0.5

_lock = threading.Lock()
_state: dict = {"index": None, "lexicon": None, "lexicon_signature": None}


def split_compounds() -> bool:
    return getattr(settings, "MATCHING_SPLIT_COMPOUNDS", True)


def use_curated_lexicon() -> bool:
    return getattr(settings, "MATCHING_CURATED_LEXICON", True)


# --- generation ----------------------------------------------------------------------------


def index_changed() -> None:
    """Start a new index generation now and once the transaction has committed."""
    _next_generation()
    transaction.on_commit(_next_generation)


def _next_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, _fresh_generation(), timeout=None)


def _fresh_generation() -> int:
    # Random, not 1: after the cache was cleared or evicted the key, a process must not
    # take its old index (built for "generation 1") for current.
    return secrets.randbits(40)


def _generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


# --- lexicon -------------------------------------------------------------------------------


def current_lexicon() -> Lexicon:
    """The concept lexicon, rebuilt when the taxonomy or the settings changed."""
    summary = Topic.objects.aggregate(latest=Max("updated_at"))
    signature = (
        Topic.objects.count(),
        summary["latest"],
        use_curated_lexicon(),
        split_compounds(),
    )
    if _state["lexicon"] is None or _state["lexicon_signature"] != signature:
        _state["lexicon"] = build_lexicon(topics_from_database(), curated=use_curated_lexicon())
        _state["lexicon_signature"] = signature
    return _state["lexicon"]


# --- documents -----------------------------------------------------------------------------


def _shift(token: Token, offset: int) -> Token:
    return Token(token.stem, token.position + offset, token.surface, token.part)


def _term_counts(tokens: list[Token]) -> dict[str, float]:
    """Stem -> count, a compound's part counting half ("hand" in "Handwerker")."""
    counts: Counter = Counter()
    for token in tokens:
        counts[token.stem] += PART_WEIGHT if token.part else 1.0
    return dict(counts)


def _lines(text: str) -> list[str]:
    return [line.strip(" -•*\t") for line in (text or "").splitlines() if line.strip(" -•*\t")]


def _organisations():
    return Organisation.objects.select_related("competence_profile").prefetch_related(
        Prefetch("topics", queryset=Topic.objects.only("slug", "label_de", "label_en")),
        Prefetch(
            "competence_profile__topics",
            queryset=Topic.objects.only("slug", "label_de", "label_en"),
        ),
    )


def build_document(organisation: Organisation, lexicon: Lexicon) -> dict:
    """The analysed document of one organisation, as stored in MatchDocument."""
    split = split_compounds()
    profile = getattr(organisation, "competence_profile", None)
    texts = [organisation.description]
    tag_lines: list[str] = []
    topics = list(organisation.topics.all())
    if profile is not None:
        texts += [profile.offer, profile.references]
        tag_lines += (
            _lines(profile.keywords)
            + _lines(profile.technologies)
            + _lines(profile.services)
            + _lines(profile.products)
        )
        topics += [t for t in profile.topics.all() if t not in topics]
    fields = {"name": organisation.name, "text": "\n".join(t for t in texts if t)}
    analysed: dict[str, dict[str, int]] = {}
    lengths: dict[str, int] = {}
    all_tokens = []
    offset = 0
    for name, text in fields.items():
        tokens = analyse(text, split_compounds=split)
        analysed[name] = _term_counts(tokens)
        lengths[name] = sum(1 for t in tokens if not t.part)
        all_tokens += [_shift(t, offset) for t in tokens]
        offset += (tokens[-1].position + FIELD_GAP) if tokens else 0
    tag_counter: Counter = Counter()
    tags = []
    tag_length = 0
    for line in tag_lines:
        tokens = analyse(line, split_compounds=split)
        tag_counter.update(_term_counts(tokens))
        tag_length += sum(1 for t in tokens if not t.part)
        all_tokens += [_shift(t, offset) for t in tokens]
        offset += (tokens[-1].position + FIELD_GAP) if tokens else 0
        tags.append([line, sorted({t.stem for t in tokens}), sorted(lexicon.detect(tokens))])
    for topic in topics:
        line = topic.label_de
        topic_stems = stems(f"{topic.label_de} {topic.label_en}", split_compounds=split)
        tag_counter.update(set(topic_stems))
        tag_length += len(set(topic_stems))
        tags.append([line, sorted(set(topic_stems)), [f"t:{topic.slug}"]])
    analysed["tags"] = dict(tag_counter)
    lengths["tags"] = tag_length
    concepts = lexicon.detect(all_tokens)
    for topic in topics:
        concept_id = f"t:{topic.slug}"
        concepts[concept_id] = concepts.get(concept_id, 0.0) + TOPIC_STRENGTH
    has_content = bool(lengths["text"] or lengths["tags"])
    return {
        "fields": analysed,
        "lengths": lengths,
        "concepts": {c: round(s, 3) for c, s in concepts.items()},
        "tags": tags,
        "is_candidate": organisation.is_listed and has_content,
        "analyser_version": ANALYSER_VERSION,
    }


def reindex_organisation(organisation_id: int) -> None:
    """Rebuild one organisation's stored document (or drop it if it is gone)."""
    organisation = _organisations().filter(pk=organisation_id).first()
    if organisation is None:
        MatchDocument.objects.filter(organisation_id=organisation_id).delete()
    else:
        document = build_document(organisation, current_lexicon())
        MatchDocument.objects.update_or_create(organisation=organisation, defaults=document)
    index_changed()


def reindex_all(batch_size: int = 500) -> int:
    """Rebuild every organisation's document (after a taxonomy or analyser change)."""
    lexicon = current_lexicon()
    count = 0
    with transaction.atomic():
        MatchDocument.objects.all().delete()
        batch = []
        for organisation in _organisations().order_by("pk").iterator(chunk_size=batch_size):
            batch.append(
                MatchDocument(organisation=organisation, **build_document(organisation, lexicon))
            )
            if len(batch) >= batch_size:
                MatchDocument.objects.bulk_create(batch)
                count += len(batch)
                batch = []
        MatchDocument.objects.bulk_create(batch)
        count += len(batch)
    index_changed()
    return count


# --- the in-memory index -------------------------------------------------------------------


def current_index() -> MatchIndex:
    """This process's in-memory index, rebuilt if another process changed a document."""
    generation = _generation()
    index = _state["index"]
    if index is not None and index.generation == generation:
        return index
    with _lock:
        index = _state["index"]
        if index is None or index.generation != generation:
            index = _build_index(generation)
            _state["index"] = index
    return index


def _build_index(generation: int) -> MatchIndex:
    started = time.perf_counter()
    lexicon = current_lexicon()
    rows = MatchDocument.objects.values_list(
        "organisation_id", "fields", "lengths", "concepts", "is_candidate"
    ).order_by("organisation_id")
    index = MatchIndex(
        (DocumentRecord(*row) for row in rows.iterator(chunk_size=2000)),
        lexicon=lexicon,
        generation=generation,
    )
    index.build_seconds = time.perf_counter() - started
    return index


def reset_index() -> None:
    """Forget this process's index and lexicon (tests; settings changes)."""
    _state.update(index=None, lexicon=None, lexicon_signature=None)
