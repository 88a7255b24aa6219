"""A cache for the rendered public directory listing (filter form and result list).

Rendering a listing (the count, the page of organisations, their topics, the form) costs
more than serving it from a cache, and the public listing is the same for every visitor.
Entries are keyed by the normalised filters, the language, today's date (active
memberships depend on it) and a *generation*. Every service that changes what the listing
shows calls `directory_changed()`, which starts a new generation: old entries are never
read again and expire on their own. The generation lives in the shared cache (the
database or Redis, see settings.CACHES), so web workers and the task worker agree on it;
each page view reads it once. A write path that forgot to call it is bounded by
`LISTING_SECONDS`.

The rendered listings themselves are kept in each web process's memory, not in the shared
cache: a listing is rendered once per process and generation, and neither a hit nor a miss
writes to the shared cache. With the default database cache, storing one (30 kB, mostly the
228 topics of the form) cost five queries and a commit (plus culling above 300 entries),
more than rendering it, and every search nobody had made before paid for it
(docs/benchmarks.md, uncached scenario).

The generation (knotenpunkt.core.generations) read for a page is also what the filter
form's options are kept under (search.filter_options).
"""

import hashlib
from collections.abc import Callable, Mapping
from contextvars import ContextVar

from django.core.cache.backends.locmem import LocMemCache
from django.utils import timezone

from knotenpunkt.core.generations import Generation

GENERATION_KEY = "directory:listing:generation"
LISTING = Generation(GENERATION_KEY)
LISTING_SECONDS = 300
LISTING_PARAMS = ("q", "cluster", "actor_type", "topic", "region", "size_class", "page")
# At most about 15 MB per process (a rendered listing is about 30 kB).
_LISTINGS = LocMemCache(
    "knotenpunkt-directory-listing",
    {"TIMEOUT": LISTING_SECONDS, "OPTIONS": {"MAX_ENTRIES": 500}},
)
# The generation of the page being rendered (set by cached_listing while it renders).
_RENDERING: ContextVar[int | None] = ContextVar("directory_listing_generation", default=None)


def directory_changed() -> None:
    """Start a new listing generation (knotenpunkt.core.generations)."""
    LISTING.changed()


def current_generation() -> int | None:
    """The listing generation: the one of the page being rendered, else the cache's."""
    generation = _RENDERING.get()
    return LISTING.current() if generation is None else generation


def listing_key(params: Mapping[str, str], language: str, generation: int | None = None) -> str:
    """The cache key for one listing: only the parameters the listing reads, normalised."""
    normalised = "&".join(
        f"{name}={' '.join(params.get(name, '').split())}" for name in LISTING_PARAMS
    )
    digest = hashlib.blake2b(normalised.encode(), digest_size=16).hexdigest()
    today = timezone.localdate().isoformat()
    if generation is None:
        generation = LISTING.current()
    return f"directory:listing:{generation}:{language}:{today}:{digest}"


def cached_listing(params: Mapping[str, str], language: str, render: Callable[[], dict]) -> dict:
    """The rendered fragments for these filters, from the cache or freshly rendered."""
    generation = current_generation()
    if generation is None:  # a cache that keeps nothing (dummycache): nothing to agree on
        return render()
    key = listing_key(params, language, generation)
    fragments = _LISTINGS.get(key)
    if fragments is None:
        token = _RENDERING.set(generation)
        try:
            fragments = render()
        finally:
            _RENDERING.reset(token)
        _LISTINGS.set(key, fragments)
    return fragments
