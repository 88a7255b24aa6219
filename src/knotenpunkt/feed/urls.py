from django.urls import path

from knotenpunkt.feed import syndication, views

app_name = "feed"

urlpatterns = [
    path("", views.personal_feed, name="feed"),
    path("open/<int:pk>/", views.open_entry, name="open"),
    path("<int:pk>/rate/", views.rate, name="rate"),
    path("<int:pk>/share/", views.share, name="share"),
    path("follow/", views.follow, name="follow"),
    path("follows/", views.follows, name="follows"),
    path("consent/", views.consent, name="consent"),
    path("inbox/", views.inbox, name="inbox"),
    path("figures/", views.figures, name="figures"),
    path("public.rss", syndication.public_rss, name="public_rss"),
    path("public.atom", syndication.public_atom, name="public_atom"),
]
