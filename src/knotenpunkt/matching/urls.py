from django.urls import path  # noqa: F401 - the blocks below add their patterns

app_name = "matching"
urlpatterns: list = []
