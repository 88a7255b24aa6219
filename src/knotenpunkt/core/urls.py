from django.urls import path

from knotenpunkt.core import views

app_name = "core"
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("privacy-notice/", views.privacy_notice, name="privacy_notice"),
    path("accessibility/", views.accessibility, name="accessibility"),
]
