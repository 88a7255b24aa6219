from django.contrib import admin

from knotenpunkt.core.admin import ScopedInline
from knotenpunkt.directory.admin import ClusterScopedAdmin
from knotenpunkt.groups.models import Group, GroupMembership


class GroupMembershipInline(ScopedInline, admin.TabularInline):
    model = GroupMembership
    fk_name = "group"
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "role", "status", "joined_at"]


@admin.register(Group)
class GroupAdmin(ClusterScopedAdmin):
    cluster_lookup = "clusters"
    list_display = ["name", "kind", "policy"]
    list_filter = ["kind", "policy", "clusters"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["clusters", "topics", "excluded_topics"]
    inlines = [GroupMembershipInline]
