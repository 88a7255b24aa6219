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


def require_personal_token(request) -> None:
    """403 for an organisation token: it acts for its organisation, not for a person's
    own registrations or subscriptions."""
    from django.utils.translation import gettext as _

    token = getattr(request, "api_token", None)
    if token is not None and token.organisation_id is not None:
        raise AuthorizationError(
            message=_("This is about your own data: use a personal token, not an organisation's.")
        )


def optional_token_user(request, scope: str):
    """For resources everybody may read and a token's user may read more of: the token's
    user (the token must carry `scope`), or an anonymous user without Authorization
    header. A sent but invalid token is refused (401), never read as anonymous."""
    from django.contrib.auth.models import AnonymousUser
    from ninja.errors import AuthenticationError

    if "Authorization" not in request.headers:
        # Not a browser session either: the API answers for the token alone.
        return AnonymousUser()
    if TokenAuth()(request) is None:
        raise AuthenticationError
    require_scope(request, scope)
    return request.user
