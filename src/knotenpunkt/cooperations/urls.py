from django.urls import path

from knotenpunkt.cooperations.views import cooperations, networks

app_name = "cooperations"

urlpatterns = [
    path("", cooperations.cooperation_list, name="list"),
    path("export.csv", cooperations.cooperation_export, name="export"),
    path("new/", cooperations.cooperation_create, name="create"),
    path("mine/", cooperations.own_cooperations, name="mine"),
    path("<int:pk>/", cooperations.cooperation_detail, name="detail"),
    path("<int:pk>/edit/", cooperations.cooperation_edit, name="edit"),
    path("<int:pk>/delete/", cooperations.cooperation_delete, name="delete"),
    # partner networks, agreements and trips
    path("networks/", networks.network_list, name="networks"),
    path("networks/new/", networks.network_create, name="network_create"),
    path("networks/<int:pk>/", networks.network_detail, name="network"),
    path("networks/<int:pk>/edit/", networks.network_edit, name="network_edit"),
    path("networks/<int:pk>/delete/", networks.network_delete, name="network_delete"),
    path("networks/<int:pk>/agreements/", networks.agreement_add, name="agreement_add"),
    path("networks/<int:pk>/trips/", networks.trip_link, name="trip_link"),
    path("agreements/<int:pk>/delete/", networks.agreement_delete, name="agreement_delete"),
    path("agreements/<int:pk>/document/", networks.agreement_document, name="agreement_document"),
    path("trips/<int:pk>/remove/", networks.trip_unlink, name="trip_unlink"),
]
