from django.contrib import admin
from django.db.models import QuerySet

from knotenpunkt.core.admin import ReadOnlyAdmin, ScopedAdmin, ScopedInline
from knotenpunkt.directory.admin import ClusterScopedAdmin
from knotenpunkt.invoicing.models import Invoice, InvoiceLine, InvoiceSettings
from knotenpunkt.invoicing.rules import visible_invoices


@admin.register(InvoiceSettings)
class InvoiceSettingsAdmin(ClusterScopedAdmin):
    cluster_lookup = "cluster"
    list_display = ["cluster", "number_prefix", "vat_id", "tax_number", "iban"]


class InvoiceLineInline(ScopedInline, admin.TabularInline):
    model = InvoiceLine
    extra = 0
    can_delete = False
    readonly_fields = ["position", "description", "quantity", "unit_net", "vat_rate", "net_amount"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdmin, ScopedAdmin):
    """Read only: invoices change only through the services (cancel, mark paid)."""

    list_display = ["number", "issued_on", "cluster", "buyer_name", "gross_total", "status"]
    list_filter = ["status", "kind", "year", "cluster"]
    search_fields = ["number", "buyer_name"]
    list_select_related = ["cluster"]
    inlines = [InvoiceLineInline]

    def visible_to(self, user) -> QuerySet:
        return visible_invoices(user)

    def has_delete_permission(self, request, obj=None):
        return False
