from django.urls import path

from knotenpunkt.procurement.views import buyers as views

urlpatterns: list = [
    path("buyers/register/", views.buyer_register, name="buyer_register"),
    path("buyers/", views.buyer_list, name="buyers"),
    path("buyers/<int:pk>/verify/", views.buyer_verify, name="buyer_verify"),
]
