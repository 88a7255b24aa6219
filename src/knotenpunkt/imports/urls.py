from django.urls import path

from knotenpunkt.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.start, name="start"),
    path("<int:pk>/", views.run_detail, name="run"),
    path("<int:pk>/columns/", views.mapping, name="mapping"),
    path("<int:pk>/check/", views.preview, name="preview"),
    path("<int:pk>/problem-rows.csv", views.problems_csv, name="problems_csv"),
]
