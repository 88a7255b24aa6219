from knotenpunkt.procurement.urls_catalogue import urlpatterns as catalogue
from knotenpunkt.procurement.urls_orders import urlpatterns as orders
from knotenpunkt.procurement.urls_requests import urlpatterns as requests

app_name = "procurement"
urlpatterns: list = catalogue + requests + orders
