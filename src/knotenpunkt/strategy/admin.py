"""The back office shows the strategy read-only: the tree, the SWOT and the contributors
change on the strategy pages, which check and audit every step."""

from django.contrib import admin
from django.db.models import QuerySet

from knotenpunkt.core.admin import ReadOnlyAdmin, ScopedAdmin
from knotenpunkt.strategy import rules as strategy_rules
from knotenpunkt.strategy.models import FieldOfAction, StrategyContributor, SwotItem


@admin.register(FieldOfAction)
class FieldOfActionAdmin(ReadOnlyAdmin, ScopedAdmin):
    list_display = ["title", "cluster", "order"]
    list_filter = ["cluster"]
    search_fields = ["title"]
    list_select_related = ["cluster"]

    def visible_to(self, user) -> QuerySet:
        return strategy_rules.visible_fields_of_action(user)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SwotItem)
class SwotItemAdmin(ReadOnlyAdmin, ScopedAdmin):
    list_display = ["text", "quadrant", "year", "cluster"]
    list_filter = ["cluster", "year", "quadrant"]
    search_fields = ["text"]
    list_select_related = ["cluster"]

    def visible_to(self, user) -> QuerySet:
        return strategy_rules.visible_swot_items(user)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StrategyContributor)
class StrategyContributorAdmin(ReadOnlyAdmin, ScopedAdmin):
    list_display = ["user", "cluster", "role", "added_at"]
    list_filter = ["cluster"]
    list_select_related = ["user", "cluster"]

    def visible_to(self, user) -> QuerySet:
        return strategy_rules.visible_contributors(user)

    def has_delete_permission(self, request, obj=None):
        return False
