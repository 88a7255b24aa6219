from django.urls import path

from knotenpunkt.directory import views

app_name = "directory"
urlpatterns = [
    path("", views.organisation_list, name="organisations"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("brand.css", views.cluster_accents, name="cluster_accents"),
    path("c/<slug:slug>/", views.cluster_detail, name="cluster"),
    path("o/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("o/<slug:slug>/edit/", views.organisation_edit, name="organisation_edit"),
    path("o/<slug:slug>/people/", views.organisation_people, name="organisation_people"),
    path("o/<slug:slug>/people/<int:pk>/", views.position_edit, name="position_edit"),
    path("o/<slug:slug>/people/<int:pk>/end/", views.position_end, name="position_end"),
]
