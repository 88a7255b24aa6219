"""The 403, 404 and 500 pages in the site's frame (handler403/404/500 in knotenpunkt.urls).

They sit with the front page, above the apps: they point to the login, the directory
search and the front page.
"""

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpResponseServerError, QueryDict
from django.shortcuts import render, resolve_url
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme

from knotenpunkt.core.context_processors import platform


def _previous_page(request) -> str:
    """The page the visitor came from, if it is one of ours; else the front page."""
    referer = request.headers.get("referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return resolve_url("home")


def permission_denied(request, exception=None):
    """403: a guest is offered the login that leads back here; a logged-in user learns
    whom to ask for the right. The exception's text is not shown (it is for developers)."""
    back_here = QueryDict(mutable=True)
    back_here[REDIRECT_FIELD_NAME] = request.get_full_path()
    context = {
        # As login_required builds it (redirect_to_login): slashes stay readable.
        "login_url": f"{resolve_url(settings.LOGIN_URL)}?{back_here.urlencode(safe='/')}",
        "previous_page": _previous_page(request),
    }
    return render(request, "front_page/errors/403.html", context, status=403)


def page_not_found(request, exception=None):
    """404: the search and the way back, in the site's frame."""
    context = {"previous_page": _previous_page(request)}
    return render(request, "front_page/errors/404.html", context, status=404)


def server_error(request):
    """500: rendered without the request, so no context processor runs: nothing here may
    need the database, the session or the user, which may be what just failed."""
    try:
        html = loader.get_template("front_page/errors/500.html").render(platform(request))
    except Exception:  # noqa: BLE001 - the error page itself must never fail
        html = "<h1>Server Error (500)</h1>"
    return HttpResponseServerError(html)
