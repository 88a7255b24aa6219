"""The site's URLs plus two views that fail, for the error page tests."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from knotenpunkt.urls import handler403, handler404, handler500  # noqa: F401
from knotenpunkt.urls import urlpatterns as site_urlpatterns


def refuse(request):
    raise PermissionDenied("developer detail: missing events.view_secret")


def fail(request):
    raise RuntimeError("the database went away")


urlpatterns = [
    path("tests/refuse/", refuse),
    path("tests/fail/", fail),
    *site_urlpatterns,
]
