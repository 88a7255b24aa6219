from django.urls import path

from knotenpunkt.interactions import views

app_name = "interactions"

urlpatterns = [
    path("", views.interaction_list, name="list"),
    path("export.csv", views.interaction_export, name="export"),
    path("follow-ups/", views.my_follow_ups, name="my_follow_ups"),
    path("follow-ups/<int:pk>/done/", views.follow_up_done, name="follow_up_done"),
    path("record/<slug:organisation>/", views.interaction_create, name="create"),
    path("<int:pk>/", views.interaction_detail, name="detail"),
    path("<int:pk>/edit/", views.interaction_edit, name="edit"),
    path("<int:pk>/delete/", views.interaction_delete, name="delete"),
    path("<int:pk>/follow-ups/", views.follow_up_add, name="follow_up_add"),
]
