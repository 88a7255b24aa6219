"""A shared cache for the rendered public directory listing.

Rendering a directory page (filter form with 228 topics, the count, the page of results)
costs far more than serving it from a cache, and the public listing is the same for every
visitor. Entries are keyed by the normalised filters, the language, today's date (active
memberships depend on it) and a *generation* number. Every service that changes what the
listing shows calls `directory_changed()`, which starts a new generation: old entries are
never read again and expire on their own. The generation lives in the shared cache (the
database or Redis, see settings.CACHES), so web workers and the task worker agree on it.
A write path that forgot to call it is bounded by `LISTING_SECONDS`.
"""

import hashlib
from collections.abc import Callable, Mapping

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

GENERATION_KEY = "directory:listing:generation"
LISTING_SECONDS = 300
LISTING_PARAMS = ("q", "cluster", "actor_type", "topic", "region", "size_class", "page")


def directory_changed() -> None:
    """Start a new listing generation now and again once the transaction has committed.

    Now, so that the writer's own next page shows the change; after the commit, because a
    page rendered by someone else in between was stored with the data before the commit.
    """
    _next_generation()
    transaction.on_commit(_next_generation)


def _next_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet, or evicted
        cache.set(GENERATION_KEY, 1, timeout=None)


def _generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = 1
        cache.add(GENERATION_KEY, generation, timeout=None)
    return generation


def listing_key(params: Mapping[str, str], language: str) -> str:
    """The cache key for one listing: only the parameters the listing reads, normalised."""
    normalised = "&".join(
        f"{name}={' '.join(params.get(name, '').split())}" for name in LISTING_PARAMS
    )
    digest = hashlib.blake2b(normalised.encode(), digest_size=16).hexdigest()
    today = timezone.localdate().isoformat()
    return f"directory:listing:{_generation()}:{language}:{today}:{digest}"


def cached_listing(params: Mapping[str, str], language: str, render: Callable[[], dict]) -> dict:
    """The rendered fragments for these filters, from the cache or freshly rendered."""
    key = listing_key(params, language)
    fragments = cache.get(key)
    if fragments is None:
        fragments = render()
        cache.set(key, fragments, LISTING_SECONDS)
    return fragments
