from django.contrib import admin
from django.db import transaction
from django.db.models import QuerySet

from knotenpunkt.core.admin import ReadOnlyAdmin, ScopedAdmin
from knotenpunkt.directory.admin import ClusterScopedAdmin
from knotenpunkt.directory.rules import visible_organisations, visible_people
from knotenpunkt.matching.models import AlertSetting, CompetenceProfile, Contact, Need, Suggestion
from knotenpunkt.matching.services.profiles import enqueue_reindex


@admin.register(CompetenceProfile)
class CompetenceProfileAdmin(ScopedAdmin):
    list_display = ["organisation", "region_served", "team_size", "updated_at"]
    list_filter = ["region_served"]
    search_fields = ["organisation__name", "offer", "technologies", "keywords"]
    autocomplete_fields = ["organisation", "topics"]
    list_select_related = ["organisation"]

    def visible_to(self, user) -> QuerySet:
        return CompetenceProfile.objects.filter(organisation__in=visible_organisations(user))

    def save_related(self, request, form, formsets, change):
        # The back office edits past the profile service: the index must follow all the same.
        super().save_related(request, form, formsets, change)
        organisation_id = form.instance.organisation_id
        transaction.on_commit(lambda: enqueue_reindex(organisation_id))


@admin.register(Need)
class NeedAdmin(ClusterScopedAdmin):
    cluster_lookup = "cluster"
    list_display = [
        "title",
        "organisation",
        "cluster",
        "kind",
        "visibility",
        "status",
        "created_at",
    ]
    list_filter = ["status", "kind", "visibility", ("cluster", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "text", "organisation__name"]
    autocomplete_fields = ["organisation", "author", "topics"]
    list_select_related = ["organisation", "cluster"]
    date_hierarchy = "created_at"


@admin.register(Contact)
class ContactAdmin(ReadOnlyAdmin, ClusterScopedAdmin):
    """Read-only: contacts change through the flow (interest, acceptance), which mails and
    logs each step; an edit here would skip both."""

    cluster_lookup = "need__cluster"
    list_display = ["need", "provider", "status", "created_at", "decided_at"]
    list_filter = ["status", ("need__cluster", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["need__title", "provider__name"]
    list_select_related = ["need", "provider"]


@admin.register(Suggestion)
class SuggestionAdmin(ReadOnlyAdmin, ClusterScopedAdmin):
    """Read-only: the record of what the engine showed, and why."""

    cluster_lookup = "need__cluster"
    list_display = ["need", "provider", "rank", "score", "feedback", "updated_at"]
    list_filter = ["feedback", ("need__cluster", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["need__title", "provider__name"]
    list_select_related = ["need", "provider"]


@admin.register(AlertSetting)
class AlertSettingAdmin(ScopedAdmin):
    list_display = ["person", "need_alerts", "frequency", "updated_at"]
    list_filter = ["need_alerts", "frequency"]
    search_fields = ["person__last_name", "person__first_name"]
    autocomplete_fields = ["person"]
    list_select_related = ["person"]

    def visible_to(self, user) -> QuerySet:
        return AlertSetting.objects.filter(person__in=visible_people(user))
