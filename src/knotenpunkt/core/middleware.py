"""Response headers the platform sets on every response."""

from django.conf import settings


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
