import csv

from django.contrib import admin
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.audit import changes_between, log_action, snapshot
from knotenpunkt.core.models import AuditEntry


@admin.action(description=_("Export selected as CSV"))
def export_as_csv(modeladmin, request, queryset):
    """The list's columns for the selected rows, as a CSV the office tools can open."""
    columns = [c for c in modeladmin.get_list_display(request) if c != "action_checkbox"]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    name = queryset.model._meta.model_name
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.csv"'
    response.write("\ufeff")  # Excel needs the BOM to read UTF-8
    writer = csv.writer(response, delimiter=";")
    headers = []
    for column in columns:
        label = admin.utils.label_for_field(column, queryset.model, modeladmin)
        headers.append(str(label))
    writer.writerow(headers)
    for obj in queryset:
        row = []
        for column in columns:
            _field, _attr, value = admin.utils.lookup_field(column, obj, modeladmin)
            row.append("" if value is None else str(value))
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


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["timestamp", "actor", "action", "target_repr"]
    list_filter = ["action", "target_type"]
    search_fields = ["target_repr", "actor__email", "action"]
    date_hierarchy = "timestamp"
    readonly_fields = [f.name for f in AuditEntry._meta.fields]
    actions = [export_as_csv]

    def has_delete_permission(self, request, obj=None):
        return False
