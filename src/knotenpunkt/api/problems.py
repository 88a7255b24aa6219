"""Errors as RFC 9457 problem details (application/problem+json), titled and explained
in the language the client asked for (Accept-Language; German by default).

Every problem has `type` "about:blank" (the status says what kind of problem it is),
`title` (the status in words), `status` and, where there is more to say, `detail`;
invalid input adds `errors`, one per field: {"field": "query.page", "message": "…"}.
"""

import json

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError, ValidationError

CONTENT_TYPE = "application/problem+json"
TITLES = {
    400: gettext_lazy("Bad request"),
    401: gettext_lazy("Authentication required"),
    403: gettext_lazy("Forbidden"),
    404: gettext_lazy("Not found"),
    405: gettext_lazy("Method not allowed"),
    422: gettext_lazy("Invalid input"),
    429: gettext_lazy("Too many requests"),
    500: gettext_lazy("Internal server error"),
}


def problem(request, status: int, detail: str = "", **extra) -> HttpResponse:
    body = {"type": "about:blank", "title": str(TITLES.get(status, status)), "status": status}
    if detail:
        body["detail"] = str(detail)
    body["instance"] = request.path
    body.update(extra)
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=CONTENT_TYPE
    )
    response["Content-Language"] = get_language() or "de"
    return response


def _field(location: list) -> str:
    return ".".join(str(part) for part in location if part not in ("body", "payload"))


def _validation(request, exc: ValidationError):
    errors = [
        {"field": _field(error.get("loc", [])), "message": error.get("msg", "")}
        for error in exc.errors
    ]
    return problem(request, 422, _("The request has invalid values; see errors."), errors=errors)


def _django_validation(request, exc: DjangoValidationError):
    if hasattr(exc, "error_dict"):
        errors = [
            {"field": field, "message": str(message)}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        errors = [{"field": "", "message": str(message)} for message in exc.messages]
    return problem(request, 422, _("The request has invalid values; see errors."), errors=errors)


def _authentication(request, exc: AuthenticationError):
    response = problem(
        request,
        401,
        _("Send a valid, unexpired access token: Authorization: Bearer kp_…"),
    )
    response["WWW-Authenticate"] = 'Bearer realm="knotenpunkt"'
    return response


def _http_error(request, exc: HttpError):
    return problem(request, exc.status_code, exc.message)


def _permission_denied(request, exc: PermissionDenied):
    return problem(request, 403, str(exc) or _("You may not do this with this token."))


class NamedNotFound(Http404):
    """A 404 whose message is for the client: a filter names a cluster or topic that
    does not exist (public things, so saying so reveals nothing)."""


def _not_found(request, exc: Http404):
    # Other 404s say the general thing: whether something exists that the caller may not
    # see is not told (and Django's own messages name models).
    if isinstance(exc, NamedNotFound):
        return problem(request, 404, str(exc))
    return problem(request, 404, _("There is nothing at this address, or you may not see it."))


def install(api) -> None:
    """Let the API answer every error as a problem."""
    api.add_exception_handler(ValidationError, _validation)
    api.add_exception_handler(DjangoValidationError, _django_validation)
    api.add_exception_handler(AuthenticationError, _authentication)
    api.add_exception_handler(HttpError, _http_error)
    api.add_exception_handler(PermissionDenied, _permission_denied)
    api.add_exception_handler(Http404, _not_found)
