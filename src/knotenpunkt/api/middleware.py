"""The API's middleware: rate limits per token (by its public prefix; an OAuth access
token by its checksum) or, without one, per address: at most N requests a minute in
fixed windows, counted in the shared cache.

Every API answer carries the limit in the headers of the IETF draft "RateLimit header
fields for HTTP" (RateLimit-Limit, -Remaining, -Reset, and RateLimit-Policy); an answer
over the limit is 429 with Retry-After and a problem body. Counted before the token is
checked (by its prefix, which needs no database): a flood is refused before it costs a
query.
"""

import time

from django.conf import settings
from django.core.cache import cache

from knotenpunkt.api.applications import rate_limit_key
from knotenpunkt.api.problems import CONTENT_TYPE, problem
from knotenpunkt.api.tokens import PREFIX, prefix_of

API_PREFIX = "/api/v1/"
WINDOW_SECONDS = 60


def _limit_and_key(request) -> tuple[int, str]:
    header = request.headers.get("Authorization", "")
    scheme, _, credentials = header.partition(" ")
    credentials = credentials.strip() if scheme.lower() == "bearer" else ""
    prefix = prefix_of(credentials)
    if prefix is not None:
        return settings.API_RATE_LIMIT_PER_MINUTE, f"token:{prefix}"
    if credentials and not credentials.startswith(f"{PREFIX}_"):
        # Any other bearer token is an OAuth access token (or nothing): counted by its
        # checksum, the way the toolkit stores it.
        return settings.API_RATE_LIMIT_PER_MINUTE, f"oauth:{rate_limit_key(credentials)}"
    return settings.API_ANONYMOUS_RATE_LIMIT_PER_MINUTE, f"ip:{request.META.get('REMOTE_ADDR')}"


class ApiMiddleware:
    """For the API's addresses: the rate limit, and every error as a problem, also those
    answered before the API is reached (a NUL character refused by the core's middleware,
    an address the API does not have)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        response = self._limited(request)
        if response.status_code >= 400 and not response.get("Content-Type", "").startswith(
            CONTENT_TYPE
        ):
            allowed = response.get("Allow")
            response = problem(request, response.status_code)
            if allowed:
                response["Allow"] = allowed
        return response

    def _limited(self, request):
        limit, who = _limit_and_key(request)
        now = time.time()
        window = int(now // WINDOW_SECONDS)
        key = f"api-rate:{who}:{window}"
        cache.add(key, 0, WINDOW_SECONDS + 5)
        try:
            used = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, WINDOW_SECONDS + 5)
            used = 1
        reset = max(1, int((window + 1) * WINDOW_SECONDS - now))
        if used > limit:
            from django.utils.translation import gettext as _

            response = problem(
                request,
                429,
                _("At most %(limit)s requests a minute; try again in %(seconds)s seconds.")
                % {"limit": limit, "seconds": reset},
            )
            response["Retry-After"] = str(reset)
        else:
            response = self.get_response(request)
        response["RateLimit-Policy"] = f"{limit};w={WINDOW_SECONDS}"
        response["RateLimit-Limit"] = str(limit)
        response["RateLimit-Remaining"] = str(max(0, limit - used))
        response["RateLimit-Reset"] = str(reset)
        return response
