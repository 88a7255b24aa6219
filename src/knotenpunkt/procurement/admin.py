from django.contrib import admin
from django.db.models import QuerySet

from knotenpunkt.core.admin import (
    AuditedAdmin,
    PlatformAdminOnly,
    ReadOnlyAdmin,
    ScopedAdmin,
    ScopedInline,
    SharedReferenceAdmin,
)
from knotenpunkt.directory.rules import visible_organisations
from knotenpunkt.procurement.models import (
    DutyThreshold,
    EInvoiceRule,
    Interface,
    Offering,
    OfferingVersion,
    Order,
    PublicBuyer,
    SupplierInvoice,
    SupplierInvoiceLine,
    Themenfeld,
    Threshold,
)
from knotenpunkt.procurement.rules import visible_buyers


@admin.register(Threshold)
class ThresholdAdmin(SharedReferenceAdmin):
    list_display = [
        "jurisdiction",
        "procedure",
        "amount",
        "up_to_eu_threshold",
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
class EInvoiceRuleAdmin(SharedReferenceAdmin):
    list_display = [
        "jurisdiction",
        "required",
        "exempt_up_to",
        "exempt_inclusive",
        "valid_from",
        "uncertain",
    ]
    list_filter = ["required", "uncertain"]
    search_fields = ["source", "note"]


@admin.register(DutyThreshold)
class DutyThresholdAdmin(SharedReferenceAdmin):
    list_display = [
        "duty",
        "jurisdiction",
        "amount",
        "inclusive",
        "authority_kinds",
        "valid_from",
        "valid_until",
        "uncertain",
    ]
    list_filter = ["duty", "jurisdiction", "uncertain"]
    search_fields = ["source", "note", "bound_wording"]


@admin.register(Themenfeld)
class ThemenfeldAdmin(SharedReferenceAdmin):
    list_display = ["key", "label_de", "label_en"]
    search_fields = ["key", "label_de", "label_en"]


@admin.register(Interface)
class InterfaceAdmin(SharedReferenceAdmin):
    list_display = ["name", "kind", "key"]
    list_filter = ["kind"]
    search_fields = ["key", "name"]


class OfferingVersionInline(ScopedInline, admin.TabularInline):
    model = OfferingVersion
    fields = ["number", "name", "status", "published_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Offering)
class OfferingAdmin(ScopedAdmin):
    # Listing and review go through the catalogue services; here staff fix the odd slug
    # or withdrawal date and see the versions, of the providers they look after.
    list_display = ["slug", "provider", "published", "withdrawn_at", "created_at"]
    list_filter = ["withdrawn_at"]
    search_fields = ["slug", "provider__name", "versions__name"]
    list_select_related = ["provider", "published"]
    raw_id_fields = ["provider", "published"]
    inlines = [OfferingVersionInline]

    def visible_to(self, user) -> QuerySet:
        return Offering.objects.filter(provider__in=visible_organisations(user))


@admin.register(OfferingVersion)
class OfferingVersionAdmin(ScopedAdmin):
    list_display = ["name", "offering", "number", "status", "category", "published_at"]
    list_filter = ["status", "category", "kind", "hosting"]
    search_fields = ["name", "summary", "offering__slug", "offering__provider__name"]
    list_select_related = ["offering"]
    raw_id_fields = ["offering", "created_by", "reviewed_by"]
    filter_horizontal = ["themenfelder", "interfaces"]

    def visible_to(self, user) -> QuerySet:
        return OfferingVersion.objects.filter(offering__provider__in=visible_organisations(user))


@admin.register(PublicBuyer)
class PublicBuyerAdmin(ReadOnlyAdmin, ScopedAdmin):
    # Registration and verification mail the people concerned and are audited: they
    # happen on the shop's own pages (procurement:buyers), not here.
    list_display = ["organisation", "jurisdiction", "authority_kind", "leitweg_id", "verified_at"]
    list_filter = ["jurisdiction", "authority_kind", ("verified_at", admin.EmptyFieldListFilter)]
    search_fields = ["organisation__name", "leitweg_id"]
    list_select_related = ["organisation"]

    def visible_to(self, user) -> QuerySet:
        return visible_buyers(user)


@admin.register(Order)
class OrderAdmin(PlatformAdminOnly, ReadOnlyAdmin, AuditedAdmin):
    # Platform admins only, like the order pages: an order is the business of its buyer
    # and its provider, not of the cluster management.
    list_display = ["title", "buyer", "provider", "procedure", "net_value", "ordered_on", "status"]
    list_filter = ["status", "procedure", "offering_category"]
    search_fields = ["title", "buyer__organisation__name", "provider__name"]
    list_select_related = ["buyer__organisation", "provider"]
    date_hierarchy = "ordered_on"

    def has_delete_permission(self, request, obj=None):
        # Orders are what the splitting check and the documentation rest on.
        return False


class SupplierInvoiceLineInline(ScopedInline, admin.TabularInline):
    model = SupplierInvoiceLine
    fields = ["position", "description", "quantity", "unit_net", "vat_rate", "net_amount"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(SupplierInvoice)
class SupplierInvoiceAdmin(PlatformAdminOnly, ReadOnlyAdmin, AuditedAdmin):
    # Platform admins only: a provider's invoice to a buyer, see the orders.
    # Invoices are kept unchanged for ten years (§ 147 AO): never edited or deleted here.
    list_display = ["number", "provider", "buyer_name", "issued_on", "gross_total"]
    search_fields = ["number", "provider__name", "buyer_name", "buyer_leitweg_id"]
    list_select_related = ["provider"]
    date_hierarchy = "issued_on"
    inlines = [SupplierInvoiceLineInline]

    def has_delete_permission(self, request, obj=None):
        return False
