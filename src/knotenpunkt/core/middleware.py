"""Response headers the platform sets on every response."""

from django.conf import settings
from django.core.exceptions import BadRequest


class SecurityHeadersMiddleware:
    """A Permissions-Policy that switches off the browser features the platform never
    uses (camera, microphone, location, payment ...), so injected or embedded content
    cannot ask for them; and no server or Python version in the `Server` header.

    gunicorn names itself without a version ("gunicorn"); Django's development server
    (wsgiref, behind `make demo`) would send "WSGIServer/0.2 CPython/3.x" unless the
    response already names a server, so there the platform names one itself. Under
    other servers the response carries no Server header of its own, to avoid a second one.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = ", ".join(
            f"{feature}=({' '.join(allowed)})"
            for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        if request.META.get("SERVER_SOFTWARE", "").startswith("WSGIServer"):
            response.headers["Server"] = "Knotenpunkt"
        return response


class RefuseNulCharactersMiddleware:
    """A NUL character in the address or a query parameter is a 400 (Bad Request).

    No text the platform stores or searches may contain one; PostgreSQL refuses it with a
    DataError, which would be an error page. Forms report NUL in posted fields themselves
    ("Null characters are not allowed"), so that the person keeps what they typed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise BadRequest("NUL character in the address")
        return self.get_response(request)
