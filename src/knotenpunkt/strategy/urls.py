from django.urls import path

from knotenpunkt.strategy.views import swot, transfer, tree

app_name = "strategy"

urlpatterns = [
    path("", tree.index, name="index"),
    # nodes of a tree
    path("fields/<int:pk>/edit/", tree.field_edit, name="field_edit"),
    path("fields/<int:pk>/goals/new/", tree.goal_create, name="goal_create"),
    path("goals/<int:pk>/edit/", tree.goal_edit, name="goal_edit"),
    path("goals/<int:pk>/activities/new/", tree.activity_create, name="activity_create"),
    path("activities/<int:pk>/", tree.activity, name="activity"),
    path("activities/<int:pk>/edit/", tree.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/link/", tree.link, name="link"),
    path("activities/<int:pk>/results/new/", tree.result_create, name="result_create"),
    path("results/<int:pk>/edit/", tree.result_edit, name="result_edit"),
    path("links/<int:pk>/remove/", tree.unlink, name="unlink"),
    path("<slug:kind>/<int:pk>/delete/", tree.node_delete, name="node_delete"),
    # swot items and contributors
    path("swot/items/<int:pk>/edit/", swot.swot_item_edit, name="swot_item_edit"),
    path("swot/items/<int:pk>/delete/", swot.swot_item_delete, name="swot_item_delete"),
    path("contributors/<int:pk>/remove/", swot.contributor_remove, name="contributor_remove"),
    # a tree ("shared" for the tree of all clusters, else a cluster's slug)
    path("<slug:scope>/", tree.tree, name="tree"),
    path("<slug:scope>/fields/new/", tree.field_create, name="field_create"),
    path("<slug:scope>/export.csv", transfer.export, {"file_format": "csv"}, name="export_csv"),
    path("<slug:scope>/export.xlsx", transfer.export, {"file_format": "xlsx"}, name="export_xlsx"),
    path("<slug:scope>/import/", transfer.import_tree, name="import"),
    # a cluster's swot and its contributors
    path("<slug:slug>/swot/", swot.swot_now, name="swot_now"),
    path("<slug:slug>/swot/<int:year>/", swot.swot, name="swot"),
    path("<slug:slug>/swot/<int:year>/copy/", swot.swot_copy, name="swot_copy"),
    path("<slug:slug>/swot/<int:year>/new/", swot.swot_item_create, name="swot_item_create"),
    path("<slug:slug>/contributors/", swot.contributors, name="contributors"),
]
