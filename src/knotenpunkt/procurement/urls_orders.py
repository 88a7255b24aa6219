from django.urls import path

from knotenpunkt.procurement import views_buyers, views_orders

urlpatterns: list = [
    path("buyers/register/", views_buyers.buyer_register, name="buyer_register"),
    path("buyers/", views_buyers.buyer_list, name="buyers"),
    path("buyers/<int:pk>/verify/", views_buyers.buyer_verify, name="buyer_verify"),
    path("orders/", views_orders.order_list, name="orders"),
    path("orders/<int:pk>/", views_orders.order_detail, name="order"),
    path("orders/<int:pk>/complete/", views_orders.order_complete, name="order_complete"),
    path("orders/<int:pk>/cancel/", views_orders.order_cancel, name="order_cancel"),
    path("orders/<int:pk>/invoice/", views_orders.invoice_create, name="invoice_create"),
    path("offerings/<slug:slug>/order/", views_orders.order_direct, name="order_direct"),
    path("supplier-invoices/<int:pk>/", views_orders.supplier_invoice, name="supplier_invoice"),
    path(
        "supplier-invoices/<int:pk>/xrechnung.xml",
        views_orders.supplier_invoice_xml,
        name="supplier_invoice_xml",
    ),
    path(
        "supplier-invoices/<int:pk>/invoice.pdf",
        views_orders.supplier_invoice_pdf,
        name="supplier_invoice_pdf",
    ),
]
