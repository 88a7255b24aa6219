from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from knotenpunkt.api.api import api
from knotenpunkt.api.urls import oauth_urlpatterns
from knotenpunkt.front_page.views import home

urlpatterns = [
    # The front page shows what happens in every app; it sits above them (core imports none).
    path("", home, name="home"),
    path("", include("knotenpunkt.core.urls")),
    # Browsers ask for /favicon.ico whatever the page links; whitenoise serves the file.
    # Resolved per request: the static manifest may not exist when the URLs are loaded.
    path("favicon.ico", lambda request: redirect(static("knotenpunkt/favicon.ico"))),
    path("accounts/", include("knotenpunkt.accounts.urls")),
    path("directory/", include("knotenpunkt.directory.urls")),
    path("privacy/", include("knotenpunkt.privacy.urls")),
    path("imports/", include("knotenpunkt.imports.urls")),
    path("quality/", include("knotenpunkt.quality.urls")),
    path("groups/", include("knotenpunkt.groups.urls")),
    path("events/", include("knotenpunkt.events.urls")),
    path("invoices/", include("knotenpunkt.invoicing.urls")),
    path("membership/", include("knotenpunkt.memberships.urls")),
    # Delivery and bounce events of mail providers (django-anymail's tracking webhooks),
    # refused while no webhook secret is configured.
    path("mailings/webhooks/", include("knotenpunkt.mailings.webhook_urls")),
    path("mailings/", include("knotenpunkt.mailings.urls")),
    path("matching/", include("knotenpunkt.matching.urls")),
    path("shop/", include("knotenpunkt.procurement.urls")),
    path("cooperations/", include("knotenpunkt.cooperations.urls")),
    path("interactions/", include("knotenpunkt.interactions.urls")),
    path("commitments/", include("knotenpunkt.commitments.urls")),
    path("feed/", include("knotenpunkt.feed.urls")),
    path("kpis/", include("knotenpunkt.kpis.urls")),
    path("personas/", include("knotenpunkt.personas.urls")),
    path("community/", include("knotenpunkt.community.urls")),
    path("strategy/", include("knotenpunkt.strategy.urls")),
    path("participation/", include("knotenpunkt.participation.urls")),
    path("jobs/", include("knotenpunkt.jobs.urls")),
    path("label/", include("knotenpunkt.assessments.urls")),
    path("opendata/", include("knotenpunkt.opendata.urls")),
    # The REST API (docs/api.md); the tokens that open it are listed under "My data".
    path("api/v1/", api.urls),
    path("api-tokens/", include("knotenpunkt.api.urls")),
    path("", include((oauth_urlpatterns, "oauth2_provider"))),
    path("webhooks/", include("knotenpunkt.webhooks.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # The clusters' websites (docs/website.md): Wagtail's editor under /cms/, its pages
    # under /<language>/web/ below, so that Wagtail's catch-all serve view never hides a
    # platform URL and the platform keeps its own front page at "/".
    path("cms/", include(wagtailadmin_urls)),
    path("website/documents/", include(wagtaildocs_urls)),
]
urlpatterns += i18n_patterns(
    path("web/", include("knotenpunkt.website.urls")),
    path("web/", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    # Uploaded logos in development; production serves MEDIA_ROOT from the web server.
    urlpatterns += [
        path(
            f"{settings.MEDIA_URL.strip('/')}/<path:path>",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        ),
    ]

# German (or English) error pages in the site's frame; the 500 page needs no database.
handler403 = "knotenpunkt.front_page.errors.permission_denied"
handler404 = "knotenpunkt.front_page.errors.page_not_found"
handler500 = "knotenpunkt.front_page.errors.server_error"
