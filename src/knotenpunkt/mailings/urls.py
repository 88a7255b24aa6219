from django.urls import path

from knotenpunkt.mailings import views

app_name = "mailings"
urlpatterns: list = [
    path("subscribe/", views.subscribe, name="subscribe"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("preferences/<str:token>/", views.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]

# segments (T)
from knotenpunkt.mailings import views_segments  # noqa: E402

urlpatterns += [
    path("segments/", views_segments.segment_list, name="segments"),
    path("segments/new/", views_segments.segment_create, name="segment_create"),
    path("segments/<int:pk>/", views_segments.segment_edit, name="segment_edit"),
    path("segments/<int:pk>/preview/", views_segments.segment_preview, name="segment_preview"),
]
