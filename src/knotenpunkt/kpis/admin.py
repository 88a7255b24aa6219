from django.contrib import admin
from django.db.models import QuerySet

from knotenpunkt.core.admin import ScopedAdmin, SharedReferenceAdmin
from knotenpunkt.kpis import rules as kpi_rules
from knotenpunkt.kpis.models import Kpi, KpiTarget


@admin.register(Kpi)
class KpiAdmin(SharedReferenceAdmin):
    """The installation's one KPI system; definitions are shared by every cluster."""

    list_display = ["key", "name_de", "unit", "higher_is_better", "amber_percent", "is_active"]
    list_filter = ["unit", "is_active", "is_public"]
    search_fields = ["key", "name_de", "name_en"]
    readonly_fields = ["key", "measure", "unit"]

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("kpis.edit_definitions")

    def has_add_permission(self, request):
        # A KPI needs a measure an app computes; they are created with the apps.
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(KpiTarget)
class KpiTargetAdmin(ScopedAdmin):
    list_display = ["kpi", "cluster", "year", "target", "set_by", "updated_at"]
    list_filter = ["year", "cluster", "kpi"]
    list_select_related = ["kpi", "cluster", "set_by"]
    readonly_fields = ["set_by"]

    def visible_to(self, user) -> QuerySet:
        return kpi_rules.visible_targets(user)
