"""Anonymous answers of the public lists, kept in each web process's memory.

The organisation list and the catalogue are the same for every caller without a token,
and integrators poll them (a member's website asks for its cluster's members on every
page view). An answer is kept under the generations of the data it shows
(knotenpunkt.core.generations: the directory's listing generation, the catalogue's),
the language, today's date (memberships in force and valid certificates depend on it)
and the full URL (the answer's own links name host and query). A change to the data
starts a new generation, so an answer is never served after the change; a write path
that forgot to start one is bounded by ANSWER_SECONDS, as the directory page's listings.

Only 200 answers to GET without an Authorization header are kept: a token may see more
(and is rate-limited and audited per token), and an error is cheap to compute again.
The rate limit and its headers are the middleware's, outside this cache.
"""

import hashlib
from collections.abc import Callable
from functools import wraps

from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

from knotenpunkt.core.generations import Generation

ANSWER_SECONDS = 300
# At most about 20 MB per process (a page of 20 organisations is about 15 kB).
_ANSWERS = LocMemCache(
    "knotenpunkt-api-answers", {"TIMEOUT": ANSWER_SECONDS, "OPTIONS": {"MAX_ENTRIES": 1000}}
)


def _key(request, generations: tuple[int, ...]) -> str:
    parts = [
        ":".join(str(g) for g in generations),
        get_language() or "",
        timezone.localdate().isoformat(),
        request.build_absolute_uri(),
    ]
    return hashlib.blake2b("|".join(parts).encode(), digest_size=20).hexdigest()


def cached_for_anonymous(*generations: Generation) -> Callable:
    """A view decorator (ninja's decorate_view) keeping the view's anonymous answers."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method != "GET" or "HTTP_AUTHORIZATION" in request.META:
                return view(request, *args, **kwargs)
            current = tuple(generation.current() for generation in generations)
            if None in current:  # a cache that keeps nothing: nothing to agree on
                return view(request, *args, **kwargs)
            key = _key(request, current)
            kept = _ANSWERS.get(key)
            if kept is not None:
                content, content_type = kept
                return HttpResponse(content, content_type=content_type)
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming:
                _ANSWERS.set(key, (response.content, response["Content-Type"]))
            return response

        return wrapper

    return decorator
