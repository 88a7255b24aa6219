from django.contrib import admin
from django.db.models import Q
from django.forms import Script
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.admin import AuditedAdmin
from knotenpunkt.directory import signals
from knotenpunkt.directory.models import (
    Cluster,
    Membership,
    Organisation,
    Person,
    PersonEmail,
    PersonPhone,
    Position,
    Region,
    Topic,
)
from knotenpunkt.directory.services.listing_cache import directory_changed
from knotenpunkt.directory.services.search import refresh_search_index
from knotenpunkt.directory.services.taxonomy import topic_changed


def duplicate_warning(lookup_url_name: str, form_id: str) -> list[Script]:
    """The as-you-type duplicate warning of the quality app on an add/change form."""
    return [
        Script(
            "quality/similar.js",
            **{"data-similar-url": reverse_lazy(lookup_url_name), "data-form": f"#{form_id}"},
        )
    ]


class ClusterScopedAdmin(AuditedAdmin):
    """Cluster staff see the records of their own clusters; platform admins see all."""

    cluster_lookup: str = ""

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser or not self.cluster_lookup:
            return qs
        clusters = request.user.staffed_clusters.all()
        # Records that belong to no cluster yet (prospects) stay visible to every staff.
        return qs.filter(
            Q(**{f"{self.cluster_lookup}__in": clusters})
            | Q(**{f"{self.cluster_lookup}__isnull": True})
        ).distinct()


@admin.register(Cluster)
class ClusterAdmin(AuditedAdmin):
    list_display = ["name", "short_name", "email", "city"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["staff"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "ags", "state"]
    search_fields = ["name", "ags"]
    list_filter = ["state"]


@admin.register(Topic)
class TopicAdmin(AuditedAdmin):
    list_display = ["label_de", "label_en", "kind", "parent"]
    list_filter = ["kind", ("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["label_de", "label_en", "synonyms", "slug"]
    autocomplete_fields = ["parent"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        topic_changed(obj)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["cluster", "kind", "annual_fee", "start_date", "end_date", "status"]


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    autocomplete_fields = ["person", "organisation"]
    fields = [
        "person",
        "organisation",
        "function",
        "job_title",
        "is_admin",
        "start_date",
        "end_date",
    ]


@admin.register(Organisation)
class OrganisationAdmin(ClusterScopedAdmin):
    cluster_lookup = "memberships__cluster"
    list_display = [
        "name",
        "legal_form",
        "actor_type",
        "size_class",
        "city",
        "region",
        "is_listed",
        "updated_at",
    ]
    list_filter = [
        "actor_type",
        "size_class",
        "memberships__cluster",
        "memberships__kind",
        "region",
        "is_listed",
    ]
    search_fields = ["name", "city", "website", "vat_id", "register_number", "email"]
    autocomplete_fields = ["topics", "region"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline, PositionInline]
    list_per_page = 50

    class Media:
        css = {"all": ["quality/similar.css"]}
        js = duplicate_warning("quality:similar_organisations", "organisation_form")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh_search_index([form.instance.pk])
        signals.organisation_changed.send(sender=Organisation, organisation=form.instance)


class EmailInline(admin.TabularInline):
    model = PersonEmail
    extra = 0


class PhoneInline(admin.TabularInline):
    model = PersonPhone
    extra = 0


@admin.register(Person)
class PersonAdmin(ClusterScopedAdmin):
    cluster_lookup = "positions__organisation__memberships__cluster"
    list_display = [
        "last_name",
        "first_name",
        "title",
        "primary_email_column",
        "is_public",
        "updated_at",
    ]
    list_filter = [
        "positions__function",
        "is_public",
        "positions__organisation__memberships__cluster",
    ]
    search_fields = ["last_name", "first_name", "emails__address"]
    autocomplete_fields = ["topics", "user"]
    inlines = [EmailInline, PhoneInline, PositionInline]
    readonly_fields = ["erased_at"]

    class Media:
        css = {"all": ["quality/similar.css"]}
        js = duplicate_warning("quality:similar_people", "person_form")

    @admin.display(description=_("e-mail"))
    def primary_email_column(self, obj):
        return obj.primary_email

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("emails")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        signals.person_changed.send(sender=Person, person=form.instance)


@admin.register(Membership)
class MembershipAdmin(ClusterScopedAdmin):
    cluster_lookup = "cluster"
    list_display = [
        "organisation",
        "cluster",
        "kind",
        "annual_fee",
        "start_date",
        "end_date",
        "status",
    ]
    list_filter = ["cluster", "kind", "status"]
    search_fields = ["organisation__name"]
    autocomplete_fields = ["organisation"]
    date_hierarchy = "start_date"
    list_select_related = ["organisation", "cluster"]

    # Who is listed in the public directory depends on the memberships.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        directory_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        directory_changed()


@admin.register(Position)
class PositionAdmin(ClusterScopedAdmin):
    cluster_lookup = "organisation__memberships__cluster"
    list_display = ["person", "organisation", "function", "job_title", "is_admin", "end_date"]
    list_filter = ["function", "is_admin"]
    search_fields = ["person__last_name", "organisation__name", "job_title"]
    autocomplete_fields = ["person", "organisation"]
    list_select_related = ["person", "organisation"]
