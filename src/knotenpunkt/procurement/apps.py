from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    name = "knotenpunkt.procurement"
    verbose_name = _("Procurement")
    default_auto_field = "django.db.models.BigAutoField"
