"""German compound splitting driven by a word-frequency list (wordfreq's German data).

A split is accepted when its parts are, on average, more common words than the whole
(Koehn & Knight's frequency criterion): "Zeiterfassung" (rare) -> zeit + erfassung
(common), while "Unternehmen" (more common than "unter" + "nehmen" together) stays
whole. Linking elements (Arbeit-s-zeit, Kunde-n-daten) are tried on the head. Parts must
be real words of some frequency and not function words, so prefixes such as "aus-" or
"mit-" are not split off. The frequency list ships inside the wordfreq package; nothing is
downloaded. Without wordfreq, words are simply not split.
"""

import math
from functools import lru_cache

from knotenpunkt.matching.engine.stopwords import STOPWORDS

# Minimum Zipf frequency (log10 per billion words) of a part, by its length: short parts
# must be common words, or every word would contain some three-letter abbreviation.
_MIN_ZIPF_SHORT = 3.3  # parts of 3-4 letters
_MIN_ZIPF = 2.5
_MIN_PART = 3
_MIN_WORD = 7
_MAX_PARTS = 3
# A split must beat the whole word by this much (in Zipf units) per extra part.
_SPLIT_PENALTY = 0.25
_LINKERS = ("", "s", "es", "n", "en", "e")
_ENDINGS = ("", "n", "en", "s", "es", "e", "ern", "er")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Function words are never compound parts ("mit|arbeiter", "aus|bildung" are derivations).
_NOT_PARTS = _words(
    """
    aus auf bei mit nach vor von zu unter über uber durch gegen ohne um an in ab ein eine
    der die das den dem des und oder sich ich wir ihr sie man nicht noch schon mehr
    ver ent zer ge be er es an ist war hat sein ing ung heit keit lich isch tion
    """
)

_frequencies: dict[str, float] | None = None


def _load() -> dict[str, float]:
    global _frequencies
    if _frequencies is None:
        try:
            from wordfreq import get_frequency_dict
        except ImportError:  # pragma: no cover - wordfreq is a dependency
            _frequencies = {}
            return _frequencies
        raw = get_frequency_dict("de", wordlist="large")
        # Zipf >= 2 keeps the real vocabulary and drops most one-off noise.
        floor = 1e-7
        _frequencies = {
            word: math.log10(freq * 1e9)
            for word, freq in raw.items()
            if freq >= floor and word.isalpha() and len(word) >= _MIN_PART
        }
    return _frequencies


def available() -> bool:
    """Whether a frequency list is there to split with."""
    return bool(_load())


def zipf(word: str) -> float:
    return _load().get(word, 0.0)


def _part_ok(word: str) -> bool:
    if len(word) < _MIN_PART or word in _NOT_PARTS or word in STOPWORDS:
        return False
    needed = _MIN_ZIPF_SHORT if len(word) <= 4 else _MIN_ZIPF
    return zipf(word) >= needed


def _heads(head: str):
    """The head as written and without a linking element, if that leaves a word."""
    for linker in _LINKERS:
        if linker and not head.endswith(linker):
            continue
        base = head[: len(head) - len(linker)] if linker else head
        if _part_ok(base):
            yield base


@lru_cache(maxsize=100_000)
def _best(word: str, parts_left: int) -> tuple[float, tuple[str, ...]]:
    """(mean Zipf minus penalties, parts) of the best analysis of `word`."""
    whole = (zipf(word), (word,)) if _part_ok(word) else (-math.inf, (word,))
    if parts_left < 2 or len(word) < 2 * _MIN_PART:
        return whole
    best = whole
    for i in range(_MIN_PART, len(word) - _MIN_PART + 1):
        head_written, tail = word[:i], word[i:]
        heads = list(_heads(head_written))
        if not heads:
            continue
        tail_score, tail_parts = _best(tail, parts_left - 1)
        if tail_score == -math.inf:
            continue
        head = max(heads, key=zipf)
        n = 1 + len(tail_parts)
        score = (zipf(head) + tail_score * len(tail_parts)) / n - _SPLIT_PENALTY * (n - 1)
        if score > best[0]:
            best = (score, (head, *tail_parts))
    return best


@lru_cache(maxsize=100_000)
def split(word: str) -> tuple[str, ...]:
    """The parts of a lowercase German compound (empty when it is not one).

    Returns the leaf parts and, for three-part words, the two-part tail as well
    ("arbeitszeiterfassung" -> arbeit, zeit, erfassung, zeiterfassung).
    """
    if len(word) < _MIN_WORD or not word.isalpha() or not available():
        return ()
    parts: tuple[str, ...] = ()
    # Inflected forms ("Dachdeckern", "Stundenzetteln") are often missing from the list
    # while their base form is there: try the word, then without a common ending.
    for ending in _ENDINGS:
        if ending and (not word.endswith(ending) or len(word) - len(ending) < _MIN_WORD):
            continue
        base = word[: len(word) - len(ending)] if ending else word
        _score, parts = _best(base, _MAX_PARTS)
        if len(parts) >= 2:
            word = base
            break
    if len(parts) < 2:
        return ()
    extra = ()
    if len(parts) == 3:
        tail = word[len(word) - len(parts[1]) - len(parts[2]) :]
        if tail == parts[1] + parts[2] and _part_ok(tail):
            extra = (tail,)
    return tuple(dict.fromkeys((*parts, *extra)))
