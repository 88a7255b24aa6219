app_name = "invoicing"
urlpatterns: list = []
