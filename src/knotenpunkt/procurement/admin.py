from django.contrib import admin

from knotenpunkt.core.admin import AuditedAdmin
from knotenpunkt.procurement.models import EInvoiceRule, Threshold


@admin.register(Threshold)
class ThresholdAdmin(AuditedAdmin):
    list_display = [
        "jurisdiction",
        "procedure",
        "amount",
        "inclusive",
        "authority_kinds",
        "category",
        "valid_from",
        "valid_until",
        "uncertain",
    ]
    list_filter = ["jurisdiction", "procedure", "uncertain"]
    search_fields = ["source", "note"]


@admin.register(EInvoiceRule)
class EInvoiceRuleAdmin(AuditedAdmin):
    list_display = ["jurisdiction", "required", "exempt_up_to", "valid_from", "uncertain"]
    list_filter = ["required", "uncertain"]
    search_fields = ["source", "note"]
