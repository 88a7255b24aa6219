"""Text analysis shared by needs, provider documents and the concept lexicon.

Everything that compares words goes through `analyse()`, so a need, a profile and a
lexicon phrase always meet on the same terms: lowercased, umlauts folded by the Snowball
German stemmer (which also reads spelled-out "ae/oe/ue"), stopwords (German and English)
dropped, stemmed, and German compounds split into their parts while the whole word is
kept ("Zettelwirtschaft" -> zettelwirtschaft, zettel, wirtschaft). Hyphenated words give
their parts and the joined form ("Handwerker-App" -> handwerker, app, handwerkerapp).
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

from knotenpunkt.matching.engine import compounds
from knotenpunkt.matching.engine.stopwords import STOPWORDS

# Bump when the analysis changes: stored documents of an older version are re-analysed.
ANALYSER_VERSION = 3

_WORD = re.compile(r"[0-9a-zäöüß]+(?:[-/][0-9a-zäöüß]+)*", re.IGNORECASE)


_stemmer = Stemmer.Stemmer("german")


@dataclass(frozen=True, slots=True)
class Token:
    """One analysed word: its stem, where it stood, and the word as it was written.

    `part` is True for a compound part or a hyphen part; the whole word is a token of its
    own at the same position. `surface` is always the whole word in its original case,
    also for a part: explanations show it, and a part alone ("ber", "einig" from
    "bereinigen") is a fragment no reader recognises.
    """

    stem: str
    position: int
    surface: str
    part: bool = False


def normalise(text: str) -> str:
    """Lowercase, NFC-normalised text (so that a decomposed "ä" is one letter)."""
    return unicodedata.normalize("NFC", text or "").lower()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The stem of one lowercase word (umlauts and ß folded by the stemmer)."""
    return _stemmer.stemWord(word)


@lru_cache(maxsize=100_000)
def _word_tokens(word: str, split_compounds: bool) -> tuple[tuple[str, str, bool], ...]:
    """(stem, surface, is_part) for one word as matched by `_WORD`; cached per word."""
    pieces = [p for p in re.split(r"[-/]", word) if p]
    out: list[tuple[str, str, bool]] = []
    seen: set[str] = set()

    def add(surface: str, is_part: bool) -> None:
        if len(surface) < 2 or surface in STOPWORDS or surface.isdigit():
            return
        s = stem(surface)
        if len(s) < 2 or s in seen:
            return
        seen.add(s)
        out.append((s, surface, is_part))

    if len(pieces) > 1:
        add("".join(pieces), False)
        for piece in pieces:
            add(piece, True)
            if split_compounds:
                for part in compounds.split(piece):
                    add(part, True)
    else:
        add(word, False)
        if split_compounds:
            for part in compounds.split(word):
                add(part, True)
    return tuple(out)


def analyse(text: str, *, split_compounds: bool = True) -> list[Token]:
    """The tokens of a text, in order; compound and hyphen parts follow their whole word."""
    tokens: list[Token] = []
    written = unicodedata.normalize("NFC", text or "")
    lowered = written.lower()
    # Each token keeps the whole word as the author wrote it, read from the same span of
    # the original text; should lowercasing change the length (rare letters such as "İ"),
    # the lowercase word is shown instead.
    same_spans = len(lowered) == len(written)
    for position, match in enumerate(_WORD.finditer(lowered)):
        word = written[match.start() : match.end()] if same_spans else match.group(0)
        for s, _surface, is_part in _word_tokens(match.group(0), split_compounds):
            tokens.append(Token(s, position, word, is_part))
    return tokens


def stems(text: str, *, split_compounds: bool = True) -> list[str]:
    """Just the stems of `analyse()`, in order."""
    return [t.stem for t in analyse(text, split_compounds=split_compounds)]


def phrase_stems(phrase: str) -> tuple[str, ...]:
    """The stems a lexicon phrase must find: whole words only, not their compound parts.

    A phrase "Zettel" finds the part of "Zettelwirtschaft", but a phrase "Stundenzettel"
    needs that word, not "Stunden" somewhere and "Zettel" elsewhere. A hyphenated phrase
    word counts as its pieces, so "Handwerker-App" also finds "Handwerker App"; but if a
    piece would be lost ("E-Auto", "IT-Betrieb"), the joined word is needed instead, so
    that the phrase does not shrink to a generic "Auto" or "Betrieb". A phrase that
    loses a number ("Arbeit 4.0") is not used at all.
    """
    out: list[str] = []
    for match in _WORD.finditer(normalise(phrase)):
        word = match.group(0)
        if word.isdigit():
            return ()
        tokens = _word_tokens(word, False)
        pieces = [p for p in re.split(r"[-/]", word) if p]
        if len(pieces) > 1 and len(tokens) == len(pieces) + 1:
            chosen = [s for s, _surface, is_part in tokens if is_part]
        else:
            chosen = [s for s, _surface, is_part in tokens if not is_part]
        out += [s for s in chosen if s not in out]
    return tuple(out)
