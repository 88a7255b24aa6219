from django.urls import path

from knotenpunkt.kpis import views

app_name = "kpis"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("report.xlsx", views.report, {"fmt": "xlsx"}, name="report_xlsx"),
    path("report.pdf", views.report, {"fmt": "pdf"}, name="report_pdf"),
    path("trend/", views.trend, name="trend"),
    path("recompute/", views.recompute, name="recompute"),
    path("definitions/", views.definitions, name="definitions"),
    path("definitions/<slug:key>/", views.kpi_edit, name="kpi_edit"),
    path("<slug:key>/<int:year>/", views.drill_down, name="drill_down"),
    path("<slug:key>/<int:year>/target/", views.target_edit, name="target"),
]
