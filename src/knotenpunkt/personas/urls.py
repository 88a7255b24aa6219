from django.urls import path

from knotenpunkt.personas import views

app_name = "personas"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:cluster>/", views.cluster_personas, name="cluster"),
    path("<slug:cluster>/recompute/", views.recompute, name="recompute"),
    path("<slug:cluster>/<slug:persona>/", views.persona_edit, name="edit"),
]
