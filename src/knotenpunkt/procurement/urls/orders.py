from django.urls import path

from knotenpunkt.procurement.views import orders as views

urlpatterns: list = [
    path("orders/", views.order_list, name="orders"),
    path("orders/<int:pk>/", views.order_detail, name="order"),
    path("orders/<int:pk>/complete/", views.order_complete, name="order_complete"),
    path("orders/<int:pk>/cancel/", views.order_cancel, name="order_cancel"),
    path("orders/<int:pk>/invoice/", views.invoice_create, name="invoice_create"),
    path("offerings/<slug:slug>/order/", views.order_direct, name="order_direct"),
    path("supplier-invoices/<int:pk>/", views.supplier_invoice, name="supplier_invoice"),
    path(
        "supplier-invoices/<int:pk>/xrechnung.xml",
        views.supplier_invoice_xml,
        name="supplier_invoice_xml",
    ),
    path(
        "supplier-invoices/<int:pk>/invoice.pdf",
        views.supplier_invoice_pdf,
        name="supplier_invoice_pdf",
    ),
]
