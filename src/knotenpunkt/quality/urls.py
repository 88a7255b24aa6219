from django.urls import path

from knotenpunkt.quality.models import MergeKind
from knotenpunkt.quality.views import dashboard as dashboard_views
from knotenpunkt.quality.views import duplicates as duplicate_views
from knotenpunkt.quality.views import merge as merge_views

app_name = "quality"

urlpatterns = [
    # dashboard and merge
    path("", dashboard_views.dashboard, name="dashboard"),
    path("records/<slug:kind>/", dashboard_views.record_list, name="records"),
    path(
        "merge/person/<int:a>/<int:b>/",
        merge_views.merge,
        {"kind": MergeKind.PERSON},
        name="merge_people",
    ),
    path(
        "merge/organisation/<int:a>/<int:b>/",
        merge_views.merge,
        {"kind": MergeKind.ORGANISATION},
        name="merge_organisations",
    ),
    path("merges/", merge_views.merge_history, name="merge_history"),
    path("merges/<int:pk>/", merge_views.merge_detail, name="merge_detail"),
    path("merges/<int:pk>/undo/", merge_views.merge_undo, name="merge_undo"),
    path("bulk-merge/", merge_views.bulk_merge_start, name="bulk_merge"),
    path("bulk-merge/<int:pk>/", merge_views.bulk_merge_report, name="bulk_merge_report"),
    # duplicates
    path("duplicates/", duplicate_views.duplicate_list, name="duplicates"),
    path("duplicates/scan/", duplicate_views.duplicate_scan, name="duplicate_scan"),
    path(
        "duplicates/<int:pk>/different/",
        duplicate_views.duplicate_different,
        name="duplicate_different",
    ),
    path("duplicates/<int:pk>/same/", duplicate_views.duplicate_same, name="duplicate_same"),
    path("similar/people/", duplicate_views.similar_people, name="similar_people"),
    path(
        "similar/organisations/",
        duplicate_views.similar_organisations,
        name="similar_organisations",
    ),
]
