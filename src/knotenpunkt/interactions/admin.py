"""The back office of interactions: read only (the pages record and change them, with the
rules on private notes), scoped to the clusters the user looks after. Notes are not shown:
the admin cannot tell whose private notes they are."""

from django.contrib import admin
from django.db.models import QuerySet

from knotenpunkt.core.admin import ReadOnlyAdmin, ScopedAdmin
from knotenpunkt.interactions import rules as interaction_rules
from knotenpunkt.interactions.models import FollowUp, Interaction


@admin.register(Interaction)
class InteractionAdmin(ReadOnlyAdmin, ScopedAdmin):
    list_display = ["date", "kind", "organisation", "cluster", "summary"]
    list_filter = ["cluster", "kind"]
    search_fields = ["organisation__name", "summary"]
    list_select_related = ["organisation", "cluster"]
    date_hierarchy = "date"
    exclude = ["notes"]

    def visible_to(self, user) -> QuerySet:
        return interaction_rules.visible_interactions(user)


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnlyAdmin, ScopedAdmin):
    list_display = ["title", "due_on", "assignee", "done_at", "reminded_at", "interaction"]
    list_filter = ["interaction__cluster"]
    search_fields = ["title", "interaction__organisation__name"]
    list_select_related = ["assignee", "interaction__organisation"]

    def visible_to(self, user) -> QuerySet:
        return interaction_rules.visible_follow_ups(user)
