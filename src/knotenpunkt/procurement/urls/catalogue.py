from django.urls import path

from knotenpunkt.procurement.views import catalogue as views

urlpatterns: list = [
    path("", views.catalogue, name="catalogue"),
    path("compare/", views.compare, name="compare"),
    path("offerings/<slug:slug>/", views.offering_detail, name="offering"),
    path("offerings/<slug:slug>/v<int:number>/", views.offering_version, name="offering_version"),
    path("offerings/<slug:slug>/edit/", views.offering_edit, name="offering_edit"),
    path("offerings/<slug:slug>/withdraw/", views.offering_withdraw, name="offering_withdraw"),
    path(
        "offerings/<slug:slug>/reviews/",
        views.offering_review_write,
        name="offering_review_write",
    ),
    path("my-offerings/", views.my_offerings, name="my_offerings"),
    path("my-offerings/<slug:organisation>/new/", views.offering_create, name="offering_create"),
    path("review/", views.review_queue, name="review_queue"),
    path("review/<int:pk>/", views.review_listing, name="review_listing"),
    path("documents/<int:pk>/", views.document, name="document"),
]
