"""Abbreviations of the taxonomy and their long forms, for a search that finds the same
organisations whichever of them a visitor types.

The topics list abbreviations beside what they stand for: "KI" and "AI" beside
"Künstliche Intelligenz" and "Artificial intelligence", "DSGVO" beside
"Datenschutzgrundverordnung", "CRM" in "Kundenmanagement (CRM)". Organisations write
either ("KI-Lösungen", "Generative KI"), so a search for one form alone misses those that
wrote the other. From the taxonomy we read *rings*: an abbreviation and the long forms it
spells (by initials, or written as "Long form (ABBR)" in a label), joined across German and
English labels of the same topic. A search turns each ring member in the query into "any
member of its ring", so "KI" and "künstliche Intelligenz" give the same query and the same
organisations.

Only abbreviations and their spelled-out forms are joined, not all synonyms of a topic:
"Linux" stays a word of its own rather than finding every firm that writes "open source".
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

# Short words that a long form may contain without a letter in the abbreviation
# ("Identity & access management" -> IAM).
_CONNECTORS = frozenset({"&", "and", "und", "of", "for", "für", "the", "der", "die", "das", "des"})
_ABBREVIATION = re.compile(r"^[^\W_]{2,6}(?:-[^\W_]{1,4})?$")
_EXPLICIT = re.compile(r"^(?P<long>[^()]*[^()\s])\s*\((?P<short>[^()]+)\)$")
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_SUFFIXES = ("ern", "en", "er", "es", "e", "n", "s")
# A letter inside a compound starts one of its parts only where a German word of at least
# this length and frequency (Zipf) begins: "Daten|schutz|grund|ver|ordnung" spells DSGVO,
# while "Maschinenauslastung" does not spell MES, nor "Usability" UI.
_MIN_PART = 4
_MIN_PART_ZIPF = 3.0


def fold(text: str) -> str:
    """Lower case with German umlauts spelled out, so 'Müller' and 'Mueller' meet."""
    return text.lower().translate(_FOLD)


def words(text: str) -> list[str]:
    """The folded words of a text, as the search documents hold them."""
    return re.findall(r"\w+", fold(text))


def stem(word: str) -> str:
    """A folded word without a plural or inflection ending ("Rechnungen" -> "rechnung")."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _key(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in words(text))


def is_abbreviation(name: str) -> bool:
    """One short word whose pieces have two capitals each: "KI", "ePA", "GenAI", "KI-VO"
    (but not "Low-Code")."""
    if not _ABBREVIATION.match(name):
        return False
    return any(sum(c.isupper() for c in piece) >= 2 for piece in name.split("-"))


def _letters(text: str) -> str:
    """Lowercase letters and digits without accents, so that "Ö" and "o" compare equal."""
    plain = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in plain if c.isalnum() and not unicodedata.combining(c))


def _initial_words(text: str) -> list[str]:
    return [w for w in (_letters(p) for p in re.split(r"[\s\-/]+", text)) if w]


@lru_cache(maxsize=4096)
def _starts_a_word(tail: str) -> bool:
    from wordfreq import zipf_frequency

    return any(
        zipf_frequency(tail[:end], "de") >= _MIN_PART_ZIPF
        for end in range(len(tail), _MIN_PART - 1, -1)
    )


def spells(abbreviation: str, long_form: str) -> bool:
    """Whether the abbreviation is made of the long form's words, in order: each word gives
    the start of itself and perhaps the starts of its compound parts ("KI" - "Künstliche
    Intelligenz", "GenAI" - "generative AI", "OZG" - "Onlinezugangsgesetz", "POS" - "Point
    of Sale"). It takes at least two parts: "Pressearbeit" does not spell PR. A long form
    that contains the abbreviation as a word is none ("POS systems")."""
    letters = _letters(abbreviation)
    all_words = _initial_words(long_form)
    if not letters or letters in all_words or "".join(all_words) == letters:
        return False
    content = [w for w in all_words if w not in _CONNECTORS]
    return any(_consumes(letters, phrase, 0) for phrase in (content, all_words) if phrase)


def _consumes(letters: str, phrase: list[str], parts: int) -> bool:
    if not phrase:
        return not letters and parts >= 2
    if not letters:
        return False
    word, rest = phrase[0], phrase[1:]
    # "X" stands for a leading "ex": XR - "Extended Reality", UX - "user experience".
    spellings = (word, "x" + word[2:]) if word.startswith("ex") else (word,)
    return any(_consumes_from(letters, w, 0, rest, parts + 1) for w in spellings)


def _consumes_from(letters: str, word: str, start: int, rest: list[str], parts: int) -> bool:
    """Whether `letters` are spelled by the part of `word` beginning at `start` (the
    `parts`-th part so far; maybe followed by later parts of it), then the words `rest`."""
    run = 0
    while run < len(letters) and start + run < len(word) and word[start + run] == letters[run]:
        run += 1
        remaining = letters[run:]
        if _consumes(remaining, rest, parts):
            return True
        if not remaining:
            return False
        following = remaining[0]
        for position in range(start + run, len(word)):
            if (
                word[position] == following
                and len(word) - position >= _MIN_PART
                and _starts_a_word(word[position:])
                and _consumes_from(remaining, word, position, rest, parts + 1)
            ):
                return True
    return False


@dataclass(frozen=True)
class TopicNames:
    """What a topic is called: its labels and its synonyms, as in the taxonomy."""

    label_de: str
    label_en: str
    synonyms: tuple[str, ...]


def _label_parts(label: str) -> tuple[list[str], list[tuple[str, str]]]:
    """A label's names ("A & B" names two things) and its explicit "Long (ABBR)" pairs."""
    names, pairs = [], []
    explicit = _EXPLICIT.match(label.strip())
    if explicit:
        long_form, short = explicit["long"].strip(), explicit["short"].strip()
        label = long_form
        if is_abbreviation(short) and "&" not in long_form:
            pairs.append((short, long_form))
    names = [part.strip() for part in label.split(" & ") if part.strip()]
    return names, pairs


def _long_forms(label: str) -> list[str]:
    """What in a label may spell an abbreviation: the whole label and each of its parts
    ("Identity & access management" spells IAM)."""
    names, _pairs = _label_parts(label)
    whole = _EXPLICIT.match(label.strip())
    whole_label = whole["long"].strip() if whole else label.strip()
    return [whole_label, *(n for n in names if n != whole_label)]


class Rings:
    """The rings of one taxonomy: for each member (as its stemmed words), the members of
    its ring as written, the member itself first."""

    def __init__(self) -> None:
        self._parent: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._written: dict[tuple[str, ...], str] = {}
        self.members: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.longest = 0

    def _find(self, key):
        while self._parent[key] != key:
            self._parent[key] = self._parent[self._parent[key]]
            key = self._parent[key]
        return key

    def _add(self, text: str) -> tuple[str, ...] | None:
        key = _key(text)
        if not key:
            return None
        self._parent.setdefault(key, key)
        self._written.setdefault(key, text)
        return key

    def join(self, first: str, second: str) -> None:
        a, b = self._add(first), self._add(second)
        if a is not None and b is not None:
            self._parent[self._find(a)] = self._find(b)

    def has(self, text: str) -> bool:
        return _key(text) in self._parent

    def close(self) -> "Rings":
        groups: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        for key in self._parent:
            groups.setdefault(self._find(key), []).append(key)
        for keys in groups.values():
            for key in keys:
                others = sorted((k for k in keys if k != key), key=lambda k: self._written[k])
                self.members[key] = (self._written[key], *(self._written[k] for k in others))
        self.longest = max((len(k) for k in self.members), default=0)
        return self


def abbreviation_rings(topics: Iterable[TopicNames]) -> Rings:
    """The rings of abbreviations and long forms that the given topics name."""
    rings = Rings()
    translations = []
    for topic in topics:
        names_de, pairs_de = _label_parts(topic.label_de)
        names_en, pairs_en = _label_parts(topic.label_en)
        for short, long_form in pairs_de + pairs_en:
            rings.join(short, long_form)
        names = [*_long_forms(topic.label_de), *_long_forms(topic.label_en), *topic.synonyms]
        shorts = [n for n in names if is_abbreviation(n)]
        for short in shorts:
            for long_form in names:
                if long_form not in shorts and spells(short, long_form):
                    rings.join(short, long_form)
        if len(names_de) == len(names_en):
            translations += zip(names_de, names_en, strict=True)
    # German and English labels of a topic name the same thing ("DSGVO" and "GDPR"): once
    # one of them is an abbreviation's long form, the other joins its ring.
    for german, english in translations:
        if rings.has(german) or rings.has(english):
            rings.join(german, english)
    return rings.close()


@dataclass(frozen=True)
class QueryPart:
    """A stretch of a search: either words to find as they are (`alternatives` empty) or
    a ring member, to be found as any of `alternatives`."""

    text: str
    alternatives: tuple[str, ...] = ()


def expand_query(query: str, rings: Rings) -> list[QueryPart]:
    """The query cut into ring members (longest first) and the words between them.

    A word written with a leading "-" (excluded in a web search) is never expanded.
    """
    tokens = [(m.group(0), m.start()) for m in re.finditer(r"\S+", query)]
    parts: list[QueryPart] = []
    plain: list[str] = []
    index = 0
    while index < len(tokens):
        found = None
        if not tokens[index][0].startswith("-"):
            for length in range(min(rings.longest, len(tokens) - index), 0, -1):
                text = " ".join(t for t, _start in tokens[index : index + length])
                members = rings.members.get(_key(text))
                if members:
                    found = (length, text, members)
                    break
        if found is None:
            plain.append(tokens[index][0])
            index += 1
            continue
        length, text, members = found
        if plain:
            parts.append(QueryPart(" ".join(plain)))
            plain = []
        parts.append(QueryPart(text, members))
        index += length
    if plain:
        parts.append(QueryPart(" ".join(plain)))
    return parts
