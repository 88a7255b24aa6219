"""The project's URLs plus anymail's webhooks, as the project mounts them
(`path("mailings/webhooks/", include("knotenpunkt.mailings.webhook_urls"))`), for the
webhook tests."""

from django.urls import include, path

from knotenpunkt.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path("mailings/webhooks/", include("knotenpunkt.mailings.webhook_urls")),
    *(p for p in project_urlpatterns if getattr(p, "namespace", None) != "anymail"),
]
