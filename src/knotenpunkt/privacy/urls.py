from django.urls import path

from knotenpunkt.privacy import views

app_name = "privacy"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("export/", views.export, name="export"),
    path("erase/", views.erase, name="erase"),
    path("withdraw/", views.withdraw, name="withdraw"),
]
