"""Generations: a number in the shared cache that names the current state of some data,
so that answers cached under it are never read again once the data has changed.

A service that changes the data calls `changed()`; whoever caches an answer keys it by
`current()`. The number lives in the shared cache (the database or Redis, see
settings.CACHES), so web workers and the task worker agree on it; the answers themselves
may be kept wherever suits them (per process, in the shared cache) and expire on their own.

A generation is a random number, not a count from 1: when the cache loses the key (a
cleared or culled cache), the next generation must not be one whose answers are still
stored.
"""

import secrets

from django.core.cache import cache
from django.db import transaction


class Generation:
    def __init__(self, key: str):
        self.key = key

    def changed(self) -> None:
        """Start a new generation now and again once the transaction has committed.

        Now, so that the writer's own next request shows the change; after the commit,
        because an answer computed by someone else in between was stored with the data
        before the commit.
        """
        self._next()
        transaction.on_commit(self._next)

    def current(self) -> int | None:
        """The generation; None with a cache that keeps nothing (dummycache)."""
        generation = cache.get(self.key)
        if generation is None:
            # add, then read: of two processes starting a generation at once, one wins.
            cache.add(self.key, secrets.randbits(40), timeout=None)
            generation = cache.get(self.key)
        return generation

    def _next(self) -> None:
        try:
            cache.incr(self.key)
        except ValueError:  # not set yet, or evicted
            cache.set(self.key, secrets.randbits(40), timeout=None)
