from django.contrib import admin
from django.db.models import QuerySet

from knotenpunkt.core.admin import ReadOnlyAdmin, ScopedAdmin
from knotenpunkt.opendata import rules as opendata_rules
from knotenpunkt.opendata.models import Dataset, Distribution
from knotenpunkt.opendata.services import datasets


class DistributionInline(ReadOnlyAdmin, admin.TabularInline):
    model = Distribution
    fields = ["format", "byte_size", "rows", "checksum", "generated_at", "changed_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Dataset)
class DatasetAdmin(ScopedAdmin):
    list_display = ["title_de", "cluster", "kind", "licence", "is_published", "modified"]
    list_filter = ["kind", "is_published", "licence", "cluster"]
    list_select_related = ["cluster"]
    search_fields = ["title_de", "title_en"]
    readonly_fields = ["issued", "modified"]
    inlines = [DistributionInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        datasets.dataset_saved(obj)

    def visible_to(self, user) -> QuerySet:
        return opendata_rules.visible_datasets(user)
