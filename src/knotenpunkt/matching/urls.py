from django.urls import path

from knotenpunkt.matching import views, views_alerts, views_board, views_profiles

app_name = "matching"
urlpatterns: list = [
    path("needs/", views.need_list, name="needs"),
    path("needs/new/", views.need_create, name="need_create"),
    path("needs/<int:pk>/", views.need_detail, name="need"),
    path("needs/<int:pk>/edit/", views.need_edit, name="need_edit"),
    path("needs/<int:pk>/close/", views.need_close, name="need_close"),
    path("needs/<int:pk>/interest/", views.express_interest, name="express_interest"),
    path("suggestions/<int:pk>/feedback/", views.suggestion_feedback, name="suggestion_feedback"),
    path("contacts/<int:pk>/accept/", views.contact_accept, name="contact_accept"),
    path("contacts/<int:pk>/decline/", views.contact_decline, name="contact_decline"),
    path("contacts/<int:pk>/cooperation/", views.contact_cooperation, name="contact_cooperation"),
    path("for-me/", views_board.for_me, name="for_me"),
    path("board/", views_board.board, name="board"),
    path("profile/<slug:slug>/", views_profiles.profile_edit, name="profile_edit"),
    path("alerts/", views_alerts.alert_settings, name="alert_settings"),
]
