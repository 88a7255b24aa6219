"""Bearer tokens for the API: the platform's own (Authorization: Bearer kp_…) and OAuth
access tokens of third-party apps (docs/api.md). The token's user becomes request.user,
so that every endpoint asks the same rules as the pages; request.api_token is the token
(`allows(scope)`, `name`, `organisation_id`), whichever kind it is."""

from ninja.errors import AuthorizationError
from ninja.security import HttpBearer

from knotenpunkt.api.applications import find_access
from knotenpunkt.api.tokens import PREFIX, find_token


class TokenAuth(HttpBearer):
    openapi_scheme = "bearer"

    def authenticate(self, request, token: str):
        found = find_token(token) if token.startswith(f"{PREFIX}_") else find_access(token)
        if found is None:
            return None
        request.user = found.user
        request.api_token = found
        return found


def require_scope(request, scope: str) -> None:
    """403 unless the request's token carries `scope`."""
    from django.utils.translation import gettext as _

    token = getattr(request, "api_token", None)
    if token is None or not token.allows(scope):
        raise AuthorizationError(
            message=_("This token lacks the scope %(scope)s.") % {"scope": scope}
        )


def require_organisation(request, organisation) -> None:
    """403 if the request's token is an organisation token of another organisation."""
    from django.utils.translation import gettext as _

    token = getattr(request, "api_token", None)
    if token is not None and token.organisation_id not in (None, organisation.pk):
        raise AuthorizationError(message=_("This token acts for another organisation only."))


def reader(request, scope: str):
    """For public endpoints that show more with a token: the user whose view to answer
    with. Without an Authorization header, anonymous; a token that is not valid is a 401
    (not quietly the public view); a valid token without `scope` sees the public view."""
    from django.contrib.auth.models import AnonymousUser
    from ninja.errors import AuthenticationError

    header = request.headers.get("Authorization", "")
    if not header:
        return AnonymousUser()
    scheme, _, credentials = header.partition(" ")
    found = find_token(credentials.strip()) if scheme.lower() == "bearer" else None
    if found is None:
        raise AuthenticationError
    request.user = found.user
    request.api_token = found
    return found.user if found.allows(scope) else AnonymousUser()
