"""The back office of cooperations and partner networks: read only (the pages document,
check and audit every change), scoped by the app's `visible_…` rules."""

from django.contrib import admin
from django.db.models import QuerySet

from knotenpunkt.cooperations import rules as cooperation_rules
from knotenpunkt.cooperations.models import (
    Cooperation,
    CooperationAgreement,
    CooperationPartner,
    PartnerNetwork,
    TripDestination,
)
from knotenpunkt.core.admin import ReadOnlyAdmin, ScopedAdmin, ScopedInline


class ReadOnlyInline(ScopedInline, admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class PartnerInline(ReadOnlyInline):
    model = CooperationPartner
    fields = ["organisation", "role"]


class AgreementInline(ReadOnlyInline):
    model = CooperationAgreement
    fields = ["subject", "signed_on", "ends_on"]


class TripDestinationInline(ReadOnlyInline):
    model = TripDestination
    fields = ["event"]


@admin.register(Cooperation)
class CooperationAdmin(ReadOnlyAdmin, ScopedAdmin):
    """Read only: cooperations are documented on the cooperation pages, which check the
    partners and the contact they came from."""

    list_display = ["title", "cluster", "start_date", "status", "cluster_role", "funding_programme"]
    list_filter = ["cluster", "status", "cluster_role"]
    search_fields = ["title", "partners__organisation__name"]
    list_select_related = ["cluster"]
    date_hierarchy = "start_date"
    inlines = [PartnerInline]

    def visible_to(self, user) -> QuerySet:
        return cooperation_rules.visible_cooperations(user)


@admin.register(PartnerNetwork)
class PartnerNetworkAdmin(ReadOnlyAdmin, ScopedAdmin):
    list_display = ["name", "cluster", "kind", "country"]
    list_filter = ["cluster", "kind", "country"]
    search_fields = ["name"]
    list_select_related = ["cluster"]
    inlines = [AgreementInline, TripDestinationInline]

    def visible_to(self, user) -> QuerySet:
        return cooperation_rules.visible_networks(user)
