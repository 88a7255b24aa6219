from django.urls import path

from knotenpunkt.procurement.views import requests as views

urlpatterns: list = [
    path("advisor/", views.advisor, name="advisor"),
    path("requests/", views.request_list, name="requests"),
    path("requests/new/", views.request_create, name="request_create"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("requests/<int:pk>/edit/", views.request_edit, name="request_edit"),
    path("requests/<int:pk>/invite/", views.request_invite, name="request_invite"),
    path("requests/<int:pk>/propose/", views.request_propose, name="request_propose"),
    path("requests/<int:pk>/send/", views.request_send, name="request_send"),
    path("requests/<int:pk>/award/", views.request_award, name="request_award"),
    path("requests/<int:pk>/cancel/", views.request_cancel, name="request_cancel"),
    path(
        "requests/<int:pk>/documentation.pdf",
        views.request_documentation,
        name="request_documentation",
    ),
    path("invitations/", views.invitation_list, name="invitations"),
    path("invitations/<int:pk>/", views.invitation_detail, name="invitation"),
    path("invitations/<int:pk>/remove/", views.invitation_remove, name="invitation_remove"),
    path("invitations/<int:pk>/decline/", views.invitation_decline, name="invitation_decline"),
    path("quotes/<int:pk>/document/", views.quote_document, name="quote_document"),
]
