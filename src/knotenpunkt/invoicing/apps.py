from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvoicingConfig(AppConfig):
    name = "knotenpunkt.invoicing"
    label = "invoicing"
    verbose_name = _("Invoices")

    def ready(self):
        from knotenpunkt.invoicing import audit_actions, merge_relations, personal_data  # noqa: F401
        from knotenpunkt.invoicing.export_sources import register_invoice_source
        from knotenpunkt.invoicing.services.export import cluster_invoices

        register_invoice_source(cluster_invoices)
