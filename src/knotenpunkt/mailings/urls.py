from django.urls import path

from knotenpunkt.mailings.views import archive, mailings, segments, subscriptions

app_name = "mailings"
urlpatterns: list = [
    path("subscribe/", subscriptions.subscribe, name="subscribe"),
    path("confirm/<str:token>/", subscriptions.confirm, name="confirm"),
    path("preferences/<str:token>/", subscriptions.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", subscriptions.unsubscribe, name="unsubscribe"),
    # segments
    path("segments/", segments.segment_list, name="segments"),
    path("segments/new/", segments.segment_create, name="segment_create"),
    path("segments/<int:pk>/", segments.segment_edit, name="segment_edit"),
    path("segments/<int:pk>/preview/", segments.segment_preview, name="segment_preview"),
    # archive and engagement counting
    path("archive/<slug:cluster>/", archive.archive, name="archive"),
    path("archive/<slug:cluster>/<int:pk>/", archive.archive_mailing, name="archive_mailing"),
    path(
        "archive/<slug:cluster>/<int:pk>/mail.html",
        archive.archive_mailing_html,
        name="archive_mailing_html",
    ),
    path(
        "archive/<slug:cluster>/<int:pk>/mail.txt",
        archive.archive_mailing_text,
        name="archive_mailing_text",
    ),
    path("o/<str:token>/", archive.track_open, name="track_open"),
    path("c/<str:token>/", archive.track_click, name="track_click"),
    # mailings: composing and sending (staff)
    path("", mailings.mailing_list, name="mailings"),
    path("new/", mailings.mailing_create, name="mailing_create"),
    path("<int:pk>/", mailings.mailing_detail, name="mailing_detail"),
    path("<int:pk>/edit/", mailings.mailing_edit, name="mailing_edit"),
    path("<int:pk>/progress/", mailings.mailing_progress, name="mailing_progress"),
    path("<int:pk>/preview/", mailings.mailing_preview, name="mailing_preview"),
    path("<int:pk>/preview/html/", mailings.mailing_preview_html, name="mailing_preview_html"),
    path("<int:pk>/test/", mailings.mailing_test, name="mailing_test"),
    path("<int:pk>/schedule/", mailings.mailing_schedule, name="mailing_schedule"),
    path("<int:pk>/cancel/", mailings.mailing_cancel, name="mailing_cancel"),
    path("<int:pk>/resume/", mailings.mailing_resume, name="mailing_resume"),
]
