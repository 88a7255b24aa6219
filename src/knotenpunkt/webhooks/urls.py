from django.urls import path

from knotenpunkt.webhooks import views

app_name = "webhooks"
urlpatterns = [
    path("", views.subscription_list, name="list"),
    path("new/", views.subscription_create, name="create"),
    path("<int:pk>/", views.subscription_detail, name="subscription"),
    path("<int:pk>/edit/", views.subscription_edit, name="edit"),
    path("<int:pk>/secret/", views.subscription_rotate, name="rotate"),
    path("<int:pk>/test/", views.subscription_test, name="test"),
    path("<int:pk>/switch-on/", views.subscription_enable, name="enable"),
    path("<int:pk>/switch-off/", views.subscription_disable, name="disable"),
    path("<int:pk>/delete/", views.subscription_delete, name="delete"),
    path("deliveries/<int:pk>/", views.delivery_detail, name="delivery"),
    path("deliveries/<int:pk>/again/", views.delivery_redeliver, name="redeliver"),
]
