from django.urls import path

from knotenpunkt.assessments.views import assessments, indicators

app_name = "assessments"

urlpatterns = [
    path("", assessments.assessment_list, name="list"),
    path("new/", assessments.assessment_create, name="create"),
    path("<int:pk>/", assessments.assessment_detail, name="detail"),
    path("<int:pk>/edit/", assessments.assessment_edit, name="edit"),
    path("<int:pk>/delete/", assessments.assessment_delete, name="delete"),
    path("<int:pk>/summary.pdf", assessments.summary_pdf, name="summary_pdf"),
    path("<int:pk>/evidence-pack.zip", assessments.evidence_pack, name="pack"),
    path("<int:pk>/indicators/new/", indicators.indicator_add, name="indicator_add"),
    path("<int:pk>/indicators/import/", indicators.indicator_import, name="indicator_import"),
    path("<int:pk>/indicators/template.csv", indicators.import_template, name="import_template"),
    path("<int:pk>/indicators/copy/", indicators.indicator_copy, name="indicator_copy"),
    path("indicators/<int:pk>/", indicators.indicator_detail, name="indicator"),
    path("indicators/<int:pk>/delete/", indicators.indicator_delete, name="indicator_delete"),
    path("indicators/<int:pk>/evidence/", indicators.evidence_add, name="evidence_add"),
    path("evidence/<int:pk>/", indicators.evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/delete/", indicators.evidence_delete, name="evidence_delete"),
]
