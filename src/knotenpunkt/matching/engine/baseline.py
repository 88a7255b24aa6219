"""A plain TF-IDF ranking, the yardstick `match-eval` measures the engine against.

Lowercased words, no stemming, no stopwords, no compounds, no concepts: cosine similarity
of tf x log(N/df) vectors. Deliberately naive; kept here so both run in the same process
on the same data.
"""

import math
import re
from collections import Counter

_WORD = re.compile(r"\w+")


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())


class TfIdfBaseline:
    def __init__(self, documents: dict[int, str]):
        counts = {key: Counter(_tokens(text)) for key, text in documents.items()}
        df = Counter(term for c in counts.values() for term in c)
        n = len(documents)
        self.idf = {term: math.log(n / d) for term, d in df.items()}
        self.vectors = {key: self._vector(c) for key, c in counts.items()}

    def _vector(self, counts: Counter) -> dict[str, float]:
        vector = {t: tf * self.idf.get(t, 0.0) for t, tf in counts.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {t: v / norm for t, v in vector.items()}

    def rank(self, text: str, *, exclude=(), limit: int = 10) -> list[tuple[int, float]]:
        query = self._vector(Counter(_tokens(text)))
        scores = []
        for key, vector in self.vectors.items():
            if key in exclude:
                continue
            score = sum(w * vector.get(t, 0.0) for t, w in query.items())
            if score > 0:
                scores.append((key, score))
        scores.sort(key=lambda item: (-item[1], item[0]))
        return scores[:limit]
