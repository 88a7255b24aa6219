"""Merges in the back office: read only. A merge is made and undone through the merge
pages, which keep the snapshot and the audit log; editing a record here would break undo."""

from django.contrib import admin

from knotenpunkt.core.admin import PlatformAdminOnly
from knotenpunkt.quality.models import BulkMergeItem, BulkMergeRun, MergeRecord


class ReadOnlyAdmin(PlatformAdminOnly, admin.ModelAdmin):
    # Platform admins only: a merge's record holds both records' data whatever their
    # clusters; cluster staff see and undo their merges on the merge pages.

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MergeRecord)
class MergeRecordAdmin(ReadOnlyAdmin):
    list_display = ["merged_at", "kind", "loser_repr", "survivor_repr", "merged_by", "undone_at"]
    list_filter = ["kind"]
    search_fields = ["loser_repr", "survivor_repr"]
    exclude = ["snapshot"]
    list_select_related = ["merged_by"]


class BulkMergeItemInline(admin.TabularInline):
    model = BulkMergeItem
    fields = ["label", "score", "outcome", "reason", "merge"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(BulkMergeRun)
class BulkMergeRunAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "kind", "threshold", "status", "merged_count", "skipped_count"]
    list_filter = ["kind", "status"]
    inlines = [BulkMergeItemInline]
