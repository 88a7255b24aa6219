from django.urls import path

from knotenpunkt.groups import views

app_name = "groups"
urlpatterns = [
    path("", views.group_list, name="list"),
    path("new/", views.group_create, name="create"),
    path("<slug:slug>/", views.group_detail, name="group"),
    path("<slug:slug>/edit/", views.group_edit, name="edit"),
    path("<slug:slug>/join/", views.group_join, name="join"),
    path("<slug:slug>/request/", views.group_request, name="request"),
    path("<slug:slug>/leave/", views.group_leave, name="leave"),
    path("<slug:slug>/decline-invitation/", views.invitation_decline, name="decline_invitation"),
    path("<slug:slug>/members/", views.manage_members, name="manage_members"),
    path(
        "<slug:slug>/members/<int:pk>/<str:action>/",
        views.membership_action,
        name="membership_action",
    ),
    path("<slug:slug>/meetings/new/", views.meeting_edit, name="meeting_create"),
    path("<slug:slug>/meetings/<int:pk>/", views.meeting_edit, name="meeting_edit"),
    path("<slug:slug>/meetings/<int:pk>/delete/", views.meeting_delete, name="meeting_delete"),
    path("<slug:slug>/meetings/<int:pk>/documents/", views.document_add, name="document_add"),
    path("<slug:slug>/documents/<int:pk>/", views.document_download, name="document"),
    path("<slug:slug>/documents/<int:pk>/delete/", views.document_delete, name="document_delete"),
]
