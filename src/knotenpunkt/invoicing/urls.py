from django.urls import path

from knotenpunkt.invoicing import views

app_name = "invoicing"
urlpatterns = [
    path("", views.invoice_list, name="invoices"),
    path("export/", views.booking_export, name="export"),
    path("bank-statement/", views.statement_import, name="statement_import"),
    path("<int:pk>/", views.invoice_detail, name="invoice"),
    path("<int:pk>/pdf/", views.invoice_pdf_download, name="invoice_pdf"),
    path("<int:pk>/xml/", views.invoice_xml_download, name="invoice_xml"),
    path("<int:pk>/paid/", views.invoice_mark_paid, name="mark_paid"),
    path("<int:pk>/cancel/", views.invoice_cancel, name="cancel"),
]
