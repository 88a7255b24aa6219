from django.contrib import admin
from django.db.models import Q, QuerySet
from django.forms import Script
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.admin import ScopedAdmin, ScopedInline, SharedReferenceAdmin
from knotenpunkt.core.permissions import is_platform_admin
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
from knotenpunkt.directory.rules import (
    clusters_looked_after,
    visible_organisations,
    visible_people,
)
from knotenpunkt.directory.services.changes import organisations_saved, people_saved
from knotenpunkt.directory.services.listing_cache import directory_changed
from knotenpunkt.directory.services.staff import staff_changed
from knotenpunkt.directory.services.taxonomy import topic_changed


def duplicate_warning(lookup_url_name: str, form_id: str) -> list[Script]:
    """The as-you-type duplicate warning of the quality app on an add/change form."""
    return [
        Script(
            "quality/similar.js",
            **{"data-similar-url": reverse_lazy(lookup_url_name), "data-form": f"#{form_id}"},
        )
    ]


class ClusterScopedAdmin(ScopedAdmin):
    """Records owned through a cluster (`cluster_lookup`): staff see those of the clusters
    they look after, and records of no cluster yet; platform admins see all."""

    cluster_lookup: str = ""

    def visible_to(self, user) -> QuerySet:
        rows = self.model._default_manager.all()
        clusters = clusters_looked_after(user)
        if not clusters.exists():
            # Staff of no cluster look after nothing, not even the records of none.
            return rows.none()
        return rows.filter(
            Q(**{f"{self.cluster_lookup}__in": clusters})
            | Q(**{f"{self.cluster_lookup}__isnull": True})
        )


@admin.register(Cluster)
class ClusterAdmin(ScopedAdmin):
    """Cluster staff edit their own cluster's ordinary fields. Who is staff (and so who
    sees the cluster's invoices, attendees and members) only platform admins decide; each
    grant and removal is audited."""

    list_display = ["name", "short_name", "email", "city"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["staff"]

    def visible_to(self, user) -> QuerySet:
        return clusters_looked_after(user)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not is_platform_admin(request.user):
            readonly.append("staff")
        return readonly

    def has_add_permission(self, request):
        return is_platform_admin(request.user) and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return is_platform_admin(request.user) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        obj._staff_before = set(obj.staff.values_list("pk", flat=True)) if change else set()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        cluster = form.instance
        staff_changed(request.user, cluster, before=getattr(cluster, "_staff_before", set()))


@admin.register(Region)
class RegionAdmin(SharedReferenceAdmin):
    list_display = ["name", "ags", "state"]
    search_fields = ["name", "ags"]
    list_filter = ["state"]


@admin.register(Topic)
class TopicAdmin(SharedReferenceAdmin):
    list_display = ["label_de", "label_en", "kind", "parent"]
    list_filter = ["kind", ("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["label_de", "label_en", "synonyms", "slug"]
    autocomplete_fields = ["parent"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        topic_changed(obj)


class MembershipInline(ScopedInline, admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["cluster", "kind", "annual_fee", "start_date", "end_date", "status"]


class PositionInline(ScopedInline, admin.TabularInline):
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
class OrganisationAdmin(ScopedAdmin):
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

    def visible_to(self, user) -> QuerySet:
        return visible_organisations(user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        organisations_saved([form.instance.pk])


class EmailInline(ScopedInline, admin.TabularInline):
    model = PersonEmail
    extra = 0


class PhoneInline(ScopedInline, admin.TabularInline):
    model = PersonPhone
    extra = 0


@admin.register(Person)
class PersonAdmin(ScopedAdmin):
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

    def visible_to(self, user) -> QuerySet:
        return visible_people(user)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not is_platform_admin(request.user):
            # A login linked to a person takes over the person's rights (an organisation's
            # admin, say): only platform admins link them here.
            readonly.append("user")
        return readonly

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("emails")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        people_saved([form.instance.pk])


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
class PositionAdmin(ScopedAdmin):
    list_display = ["person", "organisation", "function", "job_title", "is_admin", "end_date"]
    list_filter = ["function", "is_admin"]
    search_fields = ["person__last_name", "organisation__name", "job_title"]
    autocomplete_fields = ["person", "organisation"]
    list_select_related = ["person", "organisation"]

    def visible_to(self, user) -> QuerySet:
        return Position.objects.filter(organisation__in=visible_organisations(user))
