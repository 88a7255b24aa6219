from django.urls import path

from knotenpunkt.mailings import views

app_name = "mailings"
urlpatterns: list = [
    path("subscribe/", views.subscribe, name="subscribe"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("preferences/<str:token>/", views.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]

# segments
from knotenpunkt.mailings import views_segments  # noqa: E402

urlpatterns += [
    path("segments/", views_segments.segment_list, name="segments"),
    path("segments/new/", views_segments.segment_create, name="segment_create"),
    path("segments/<int:pk>/", views_segments.segment_edit, name="segment_edit"),
    path("segments/<int:pk>/preview/", views_segments.segment_preview, name="segment_preview"),
]

# archive and engagement counting
from knotenpunkt.mailings import views_archive  # noqa: E402

urlpatterns += [
    path("archive/<slug:cluster>/", views_archive.archive, name="archive"),
    path("archive/<slug:cluster>/<int:pk>/", views_archive.archive_mailing, name="archive_mailing"),
    path(
        "archive/<slug:cluster>/<int:pk>/mail.html",
        views_archive.archive_mailing_html,
        name="archive_mailing_html",
    ),
    path(
        "archive/<slug:cluster>/<int:pk>/mail.txt",
        views_archive.archive_mailing_text,
        name="archive_mailing_text",
    ),
    path("o/<str:token>/", views_archive.track_open, name="track_open"),
    path("c/<str:token>/", views_archive.track_click, name="track_click"),
]

# mailings: composing and sending (staff)
from knotenpunkt.mailings import views_mailings  # noqa: E402

urlpatterns += [
    path("", views_mailings.mailing_list, name="mailings"),
    path("new/", views_mailings.mailing_create, name="mailing_create"),
    path("<int:pk>/", views_mailings.mailing_detail, name="mailing_detail"),
    path("<int:pk>/edit/", views_mailings.mailing_edit, name="mailing_edit"),
    path("<int:pk>/progress/", views_mailings.mailing_progress, name="mailing_progress"),
    path("<int:pk>/preview/", views_mailings.mailing_preview, name="mailing_preview"),
    path(
        "<int:pk>/preview/html/",
        views_mailings.mailing_preview_html,
        name="mailing_preview_html",
    ),
    path("<int:pk>/test/", views_mailings.mailing_test, name="mailing_test"),
    path("<int:pk>/schedule/", views_mailings.mailing_schedule, name="mailing_schedule"),
    path("<int:pk>/cancel/", views_mailings.mailing_cancel, name="mailing_cancel"),
]
