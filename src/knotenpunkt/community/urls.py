from django.urls import path

from knotenpunkt.community import views

app_name = "community"

urlpatterns = [
    path("", views.people, name="people"),
    path("people/<int:pk>/", views.person_profile, name="person"),
    path("organisations/", views.organisations, name="organisations"),
    path("organisations/<int:pk>/", views.organisation_profile, name="organisation"),
    path("suggestions/", views.suggestions, name="suggestions"),
    path(
        "suggestions/introduce/",
        views.decide,
        {"decision": "introduce"},
        name="introduce",
    ),
    path("suggestions/dismiss/", views.decide, {"decision": "dismiss"}, name="dismiss"),
]
