"""The extension point: scorers, and how the engine picks the ones in use.

A scorer rates every candidate document of the in-memory index for one query and can
say, for the few documents that are shown, why. The engine combines the scorers listed
in settings.MATCHING_SCORERS (dotted path and weight), so an installation can add, say,
an embedding-model scorer that it hosts itself, without touching the engine:

    MATCHING_SCORERS = [
        ("knotenpunkt.matching.engine.scoring.TermScorer", 1.0),
        ("knotenpunkt.matching.engine.scoring.ConceptScorer", 0.5),
        ("knotenpunkt.matching.engine.feedback.FeedbackScorer", 0.15),
        ("myinstallation.matching.EmbeddingScorer", 0.5),
    ]
"""

from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from django.conf import settings
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    import numpy as np

    from knotenpunkt.matching.engine.index import MatchIndex
    from knotenpunkt.matching.engine.query import Query

DEFAULT_SCORERS = (
    ("knotenpunkt.matching.engine.scoring.TermScorer", 1.0),
    ("knotenpunkt.matching.engine.scoring.ConceptScorer", 0.5),
    ("knotenpunkt.matching.engine.feedback.FeedbackScorer", 0.15),
)


@dataclass
class ExplanationParts:
    """What one scorer contributes to "why this match" for one document."""

    concepts: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


@runtime_checkable
class Scorer(Protocol):
    """Rates documents for a query.

    `normalise`: True if the engine should scale this scorer's scores by their maximum
    (relevance scores of any scale); False for a bounded adjustment in [-1, 1] that is
    added as it is (e.g. learned feedback).
    """

    normalise: bool

    def score(self, query: "Query", index: "MatchIndex", rows: "np.ndarray | None") -> "np.ndarray":
        """Scores for the index rows `rows` (all rows when None), in that order."""

    def explain(self, query: "Query", index: "MatchIndex", row: int, document) -> ExplanationParts:
        """Why document `row` (its MatchDocument given) scored for this query."""


@cache
def _load(path: str):
    return import_string(path)()


def configured_scorers() -> list[tuple[Scorer, float]]:
    """The scorers in use with their weights (settings.MATCHING_SCORERS or the default)."""
    spec = getattr(settings, "MATCHING_SCORERS", None) or DEFAULT_SCORERS
    return [(_load(path), float(weight)) for path, weight in spec]
