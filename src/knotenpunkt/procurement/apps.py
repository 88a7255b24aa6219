from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    name = "knotenpunkt.procurement"
    verbose_name = _("Procurement")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from knotenpunkt.invoicing.export_sources import register_invoice_source
        from knotenpunkt.procurement import (  # noqa: F401
            audit_actions,
            measures,
            merge_relations,
            personal_data,
        )
        from knotenpunkt.procurement.services.supplier_invoices import exported_invoices

        # The invoice export (invoicing) lists the providers' e-invoices too.
        register_invoice_source(exported_invoices)
