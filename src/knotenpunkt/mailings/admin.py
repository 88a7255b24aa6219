from django.contrib import admin

from knotenpunkt.directory.admin import ClusterScopedAdmin
from knotenpunkt.mailings.models import MailingList, Subscription


@admin.register(MailingList)
class MailingListAdmin(ClusterScopedAdmin):
    cluster_lookup = "cluster"
    list_display = ["name", "cluster", "kind", "topic", "group", "is_active"]
    list_filter = ["kind", "is_active", ("cluster", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["topic", "group"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Staff create lists only for the clusters they run.
        if db_field.name == "cluster" and not request.user.is_superuser:
            kwargs["queryset"] = request.user.staffed_clusters.all()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Subscription)
class SubscriptionAdmin(ClusterScopedAdmin):
    """Read-only: a subscription changes only through its owner (double opt-in, the
    preference centre), never by staff, so every change carries the person's consent."""

    cluster_lookup = "mailing_list__cluster"
    list_display = ["person", "mailing_list", "status", "requested_at", "confirmed_at"]
    list_filter = ["status", ("mailing_list", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["person__last_name", "person__first_name", "mailing_list__name"]
    list_select_related = ["person", "mailing_list__cluster"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
