from django.urls import path

from knotenpunkt.matching.views import alerts, board, needs, profiles

app_name = "matching"
urlpatterns: list = [
    path("needs/", needs.need_list, name="needs"),
    path("needs/new/", needs.need_create, name="need_create"),
    path("needs/<int:pk>/", needs.need_detail, name="need"),
    path("needs/<int:pk>/edit/", needs.need_edit, name="need_edit"),
    path("needs/<int:pk>/close/", needs.need_close, name="need_close"),
    path("needs/<int:pk>/interest/", needs.express_interest, name="express_interest"),
    path("suggestions/<int:pk>/feedback/", needs.suggestion_feedback, name="suggestion_feedback"),
    path("contacts/<int:pk>/accept/", needs.contact_accept, name="contact_accept"),
    path("contacts/<int:pk>/decline/", needs.contact_decline, name="contact_decline"),
    path("contacts/<int:pk>/cooperation/", needs.contact_cooperation, name="contact_cooperation"),
    path("for-me/", board.for_me, name="for_me"),
    path("board/", board.board, name="board"),
    path("profile/<slug:slug>/", profiles.profile_edit, name="profile_edit"),
    path("alerts/", alerts.alert_settings, name="alert_settings"),
]
