"""The back office shows subscriptions and the delivery log, scoped by the same rules as
the pages; changes go through the pages' services (they check the address and audit)."""

from django.contrib import admin
from django.db.models import QuerySet

from knotenpunkt.core.admin import ReadOnlyAdmin, ScopedAdmin
from knotenpunkt.webhooks import rules as webhooks_rules
from knotenpunkt.webhooks.models import Delivery, Subscription


@admin.register(Subscription)
class SubscriptionAdmin(ReadOnlyAdmin, ScopedAdmin):
    list_display = ["url", "organisation", "cluster", "is_active", "consecutive_failures"]
    list_filter = ["is_active", "cluster"]
    list_select_related = ["organisation", "cluster"]
    search_fields = ["url", "description"]
    # The secret stays on the owner's page.
    exclude = ["secret"]

    def visible_to(self, user) -> QuerySet:
        return webhooks_rules.visible_subscriptions(user)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin, ScopedAdmin):
    list_display = [
        "message",
        "subscription",
        "status",
        "attempts",
        "response_status",
        "next_attempt_at",
    ]
    list_filter = ["status"]
    list_select_related = ["message", "subscription"]
    search_fields = ["message__id", "subscription__url"]

    def visible_to(self, user) -> QuerySet:
        return webhooks_rules.visible_deliveries(user)

    def has_delete_permission(self, request, obj=None):
        return False
