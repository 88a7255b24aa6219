from django.urls import path

from knotenpunkt.commitments import views

app_name = "commitments"

urlpatterns = [
    path("", views.commitment_list, name="list"),
    path("manage/", views.manage_list, name="manage"),
    path("manage/new/", views.create, name="create"),
    path("<slug:slug>/", views.commitment_detail, name="detail"),
    path("<slug:slug>/versions/<int:number>/", views.version_detail, name="version"),
    path("<slug:slug>/sign/", views.sign, name="sign"),
    path("<slug:slug>/withdraw/", views.withdraw, name="withdraw"),
    path("<slug:slug>/manage/", views.manage_detail, name="manage_detail"),
    path("<slug:slug>/new-version/", views.new_version, name="new_version"),
    path("<slug:slug>/publish/", views.publish, name="publish"),
]
