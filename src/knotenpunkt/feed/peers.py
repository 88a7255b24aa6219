"""The "popular with people like you" term: an extension point for a later app (the personas).

A provider returns, for a person, feed entry id → how popular the entry is among people
like them (precomputed; several people at least, so that no one's act shows through).
The feed sits below the app that knows who is alike, so that app registers here.
"""

import math
from collections.abc import Callable

PEERS = 1.5
# The term becomes the reason shown only when it is at least this large and the item has
# no more personal reason (a followed topic, a group, an organisation).
SHOWN_FROM = 1.0

_PROVIDERS: list[Callable] = []


def register_peer_popularity(provider: Callable) -> None:
    """`provider(person) -> dict[entry_id, float]`, asked once per feed page."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def peer_popularity(person) -> dict[int, float]:
    """Entry id → the highest popularity any provider reports among the person's peers."""
    scores: dict[int, float] = {}
    if person is None:
        return scores
    for provider in _PROVIDERS:
        for entry_id, score in provider(person).items():
            scores[entry_id] = max(scores.get(entry_id, 0.0), score)
    return scores


def with_peers(score: float, reason: tuple, popularity: float) -> tuple[float, tuple]:
    """The score with the peers' term added, and the reason ("peers") when it explains most."""
    term = PEERS * math.log1p(max(0.0, popularity))
    if term >= SHOWN_FROM and reason[0] in ("popular", "cluster", "new"):
        reason = ("peers", None)
    return score + term, reason
