from functools import wraps

import django_rq.admin  # noqa: F401 - registers the queue dashboard, restricted below
import django_tasks_db.admin  # noqa: F401 - registers the task results, restricted below
from django.contrib import admin
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import models
from django.db.models import Q, QuerySet
from django.forms.models import _get_foreign_key
from django.http import Http404, HttpResponse
from django.urls import URLPattern
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_rq.models import Dashboard
from django_tasks_db.models import DBTaskResult

from knotenpunkt.core.audit import changes_between, log_action, snapshot
from knotenpunkt.core.csv_export import csv_writer
from knotenpunkt.core.models import AuditEntry
from knotenpunkt.core.permissions import is_platform_admin


@admin.action(description=_("Export selected as CSV"))
def export_as_csv(modeladmin, request, queryset):
    """The list's columns for the selected rows, as a CSV the office tools can open."""
    columns = [c for c in modeladmin.get_list_display(request) if c != "action_checkbox"]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    name = queryset.model._meta.model_name
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.csv"'
    response.write("\ufeff")  # Excel needs the BOM to read UTF-8
    writer = csv_writer(response, delimiter=";")
    headers = []
    for column in columns:
        label = admin.utils.label_for_field(column, queryset.model, modeladmin)
        headers.append(str(label))
    writer.writerow(headers)
    for obj in queryset:
        row = []
        for column in columns:
            _field, _attr, value = admin.utils.lookup_field(column, obj, modeladmin)
            row.append(value)  # numbers stay numbers; the writer neutralises text
        writer.writerow(row)
    return response


class ReadOnlyAdmin:
    """Mixin for records that change only through their services, which log (and often
    mail) each step: the back office shows them and never adds or edits them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AuditedAdmin(admin.ModelAdmin):
    """Back-office edits land in the same audit log as the self-service ones."""

    actions = [export_as_csv]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def _audit_fields(self):
        return [
            f.name
            for f in self.model._meta.get_fields()
            if getattr(f, "editable", False)
            and (f.concrete or f.many_to_many)
            and not f.auto_created
        ]

    def save_model(self, request, obj, form, change):
        fields = [f for f in self._audit_fields() if f in form.fields]
        before = snapshot(type(obj).objects.get(pk=obj.pk), fields) if change else {}
        super().save_model(request, obj, form, change)
        obj._audit_before = (before, fields, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        before, fields, change = getattr(form.instance, "_audit_before", ({}, [], change))
        changes = changes_between(before, snapshot(form.instance, fields))
        if change and changes:
            log_action(request.user, "core.admin.changed", form.instance, changes=changes)
        elif not change:
            log_action(request.user, "core.admin.created", form.instance)

    def delete_model(self, request, obj):
        log_action(request.user, "core.admin.deleted", obj)
        super().delete_model(request, obj)


class ScopedChoices:
    """Mixin for admins and inlines: the choices of a foreign key or many-to-many field are
    what the user may see in the related model's own admin, plus the values the record
    already holds (a record shared with another cluster keeps its other cluster when saved).
    A related model without an admin offers only the values already held."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        self._scope_choices(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        self._scope_choices(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def _scope_choices(self, db_field, request, kwargs) -> None:
        if is_platform_admin(request.user):
            return
        related = db_field.remote_field.model
        queryset = kwargs.get("queryset")
        if queryset is None:
            queryset = self.get_field_queryset(None, db_field, request)
        if queryset is None:
            queryset = related._default_manager.all()
        related_admin = self.admin_site._registry.get(related)
        if related_admin is None:
            visible = related._default_manager.none()
        else:
            visible = related_admin.get_queryset(request)
        kwargs["queryset"] = queryset.filter(
            Q(pk__in=visible.values("pk")) | Q(pk__in=self._held_values(request, db_field))
        )

    def _held_values(self, request, db_field):
        record = getattr(request, "_admin_form_record", None)
        if record is None or record.pk is None:
            return []
        return (
            self._rows_of(record)
            .filter(**{f"{db_field.name}__isnull": False})
            .values(f"{db_field.name}__pk")
        )

    def _rows_of(self, record):
        raise NotImplementedError


class ScopedAdmin(ScopedChoices, AuditedAdmin):
    """Every back-office admin of cluster data: the changelist, the search, the autocomplete
    and each object's pages show only what `visible_to(user)` (the owning app's `visible_…`
    queryset) lists; an object outside it answers 404 and cannot be viewed, changed or
    deleted, whatever model permissions a group grants."""

    def visible_to(self, user) -> QuerySet:
        """The rows this user may see: the owning app's `visible_…(user)` queryset."""
        raise NotImplementedError(f"{type(self).__name__} must say which rows a user sees")

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if is_platform_admin(request.user):
            # Platform admins look after the whole installation, records of no cluster too.
            return queryset
        return queryset.filter(pk__in=self.visible_to(request.user).values("pk"))

    def get_object(self, request, object_id, from_field=None):
        record = super().get_object(request, object_id, from_field)
        if record is None:
            # Not there and not the user's are the same answer: no oracle for ids.
            raise Http404
        return record

    def get_form(self, request, obj=None, change=False, **kwargs):
        request._admin_form_record = obj
        return super().get_form(request, obj, change=change, **kwargs)

    def _rows_of(self, record):
        return self.model._default_manager.filter(pk=record.pk)

    def _reaches(self, request, obj) -> bool:
        if obj is None or is_platform_admin(request.user):
            return True
        return self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._reaches(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._reaches(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._reaches(request, obj)


class SharedReferenceAdmin(ScopedAdmin):
    """Reference data the whole installation shares (topics, regions, thresholds): every
    staff member with the model permission sees all of it. Declared, not defaulted, so that
    a new admin of cluster data cannot end up here by forgetting its scoping."""

    def visible_to(self, user) -> QuerySet:
        return self.model._default_manager.all()


class ScopedInline(ScopedChoices):
    """Mixin for inlines of a scoped admin: the rows shown are those the inline model's own
    admin lets the user see (rows of other clusters stay hidden and untouched), and the
    choices are scoped like the admin's."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if is_platform_admin(request.user):
            return queryset
        own_admin = self.admin_site._registry.get(self.model)
        if own_admin is None:
            return queryset
        return queryset.filter(pk__in=own_admin.get_queryset(request).values("pk"))

    def get_formset(self, request, obj=None, **kwargs):
        request._admin_form_record = obj
        return super().get_formset(request, obj, **kwargs)

    def _rows_of(self, record):
        key = _get_foreign_key(self.parent_model, self.model, fk_name=self.fk_name)
        return self.model._default_manager.filter(**{key.name: record})


def _platform_admins_only(view):
    @wraps(view)
    def checked(request, *args, **kwargs):
        # Others than staff go on to the view, which sends them to the login like every
        # admin page does (or, for a token API such as the queue statistics, checks it).
        if request.user.is_staff and not is_platform_admin(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return checked


class PlatformAdminOnly:
    """Mixin for records no cluster owns that reach into every cluster or into the
    accounts (outgoing mails with their links, login records, consents, bounces, the audit
    log, users, task queues): platform admins only, whatever model permissions a group
    grants. Extra pages an admin adds (a dashboard, say) are checked too."""

    def has_module_permission(self, request):
        return is_platform_admin(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_platform_admin(request.user) and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return is_platform_admin(request.user) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return is_platform_admin(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return is_platform_admin(request.user) and super().has_delete_permission(request, obj)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if is_platform_admin(request.user) else queryset.none()

    def get_urls(self):
        patterns = []
        for p in super().get_urls():
            if not isinstance(p, URLPattern):
                raise ImproperlyConfigured(f"{type(self).__name__}: cannot check {p!r}")
            callback = _platform_admins_only(p.callback)
            patterns.append(URLPattern(p.pattern, callback, p.default_args, p.name))
        return patterns


def restrict_to_platform_admins(*models, site=admin.site) -> None:
    """Put the admins another library registered for `models` behind `PlatformAdminOnly`
    (the library's admin module must have been imported, so that they are registered)."""
    for model in models:
        registered = site._registry.get(model)
        if registered is None or isinstance(registered, PlatformAdminOnly):
            continue
        site.unregister(model)
        admin_class = type(registered)
        site.register(
            model,
            type(admin_class.__name__, (PlatformAdminOnly, admin_class), {"__module__": __name__}),
        )


@admin.register(AuditEntry)
class AuditEntryAdmin(PlatformAdminOnly, ReadOnlyAdmin, admin.ModelAdmin):
    # Entries name people and what happened to them in every cluster.

    list_display = ["timestamp", "actor", "action", "target_repr"]
    list_filter = ["action", "target_type"]
    search_fields = ["target_repr", "actor__email", "action"]
    date_hierarchy = "timestamp"
    readonly_fields = [f.name for f in AuditEntry._meta.fields]
    actions = [export_as_csv]

    def has_delete_permission(self, request, obj=None):
        return False


# The task queues carry the arguments and results of every cluster's tasks, and the queue
# dashboard deletes and requeues jobs.
restrict_to_platform_admins(DBTaskResult, Dashboard)
