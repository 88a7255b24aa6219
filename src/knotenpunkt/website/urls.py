"""The websites' feeds; the pages themselves are served by Wagtail (see the project urls)."""

from django.urls import path

from knotenpunkt.website import feeds

app_name = "website"
urlpatterns = [
    path("feed/rss/", feeds.rss, name="rss"),
    path("feed/atom/", feeds.atom, name="atom"),
]
