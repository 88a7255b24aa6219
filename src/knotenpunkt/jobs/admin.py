"""The back office of the job board: postings read only (they change through their
pages, which review, mail and log each step), scoped to the clusters the user looks
after; the clusters' review settings; digest subscriptions for platform admins only
(they belong to no cluster and name addresses)."""

from django.contrib import admin
from django.db.models import QuerySet

from knotenpunkt.core.admin import AuditedAdmin, PlatformAdminOnly, ReadOnlyAdmin, ScopedAdmin
from knotenpunkt.directory.rules import clusters_looked_after
from knotenpunkt.jobs.models import ClusterJobSettings, JobDigestSubscription, JobPosting
from knotenpunkt.jobs.rules import visible_postings


@admin.register(JobPosting)
class JobPostingAdmin(ReadOnlyAdmin, ScopedAdmin):
    list_display = ["title", "organisation", "kind", "status", "valid_until", "published_at"]
    list_filter = ["status", "kind", "work_mode"]
    search_fields = ["title", "organisation__name", "city"]
    list_select_related = ["organisation"]
    date_hierarchy = "published_at"
    exclude = ["search_vector"]

    def visible_to(self, user) -> QuerySet:
        return visible_postings(user)


@admin.register(ClusterJobSettings)
class ClusterJobSettingsAdmin(ScopedAdmin):
    list_display = ["cluster", "review_required", "updated_at"]
    list_select_related = ["cluster"]

    def visible_to(self, user) -> QuerySet:
        return ClusterJobSettings.objects.filter(cluster__in=clusters_looked_after(user))


@admin.register(JobDigestSubscription)
class JobDigestSubscriptionAdmin(PlatformAdminOnly, ReadOnlyAdmin, AuditedAdmin):
    """Read-only: a subscription changes only through its owner (double opt-in, the
    unsubscribe link), so every change carries the person's consent."""

    list_display = ["person", "email", "status", "requested_at", "confirmed_at", "last_sent_at"]
    list_filter = ["status"]
    search_fields = ["email", "person__last_name"]
    list_select_related = ["person"]
