"""The procurement URLs, one list per sub-domain (urls/catalogue.py, buyers, requests,
orders), mounted together under one namespace."""

from knotenpunkt.procurement.urls.buyers import urlpatterns as buyers
from knotenpunkt.procurement.urls.catalogue import urlpatterns as catalogue
from knotenpunkt.procurement.urls.orders import urlpatterns as orders
from knotenpunkt.procurement.urls.requests import urlpatterns as requests

app_name = "procurement"
urlpatterns: list = catalogue + buyers + requests + orders
