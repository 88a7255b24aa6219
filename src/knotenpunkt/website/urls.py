"""The websites' feeds; the pages themselves are served by Wagtail (see the project urls)."""

from django.urls import path

from knotenpunkt.website import feeds, views

app_name = "website"
urlpatterns = [
    path("feed/rss/", feeds.rss, name="rss"),
    path("feed/atom/", feeds.atom, name="atom"),
    path("go/<int:page_id>/", views.go, name="go"),
    path("authors/", views.portrait_authors, name="authors"),
    path("portrait-consent/<str:token>/", views.portrait_consent, name="portrait_consent"),
]
