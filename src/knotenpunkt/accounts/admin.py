"""Logins in the back office: platform admins only. Whoever edits a user can set their
password or make them staff, so cluster staff never reach these pages; the login records
of django-axes name addresses and IP addresses of every cluster's people."""

import axes.admin  # noqa: F401 - registers the login records, so that they can be restricted
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from knotenpunkt.accounts.models import User
from knotenpunkt.accounts.staff_rights import rights_changed
from knotenpunkt.core.admin import PlatformAdminOnly, restrict_to_platform_admins

restrict_to_platform_admins(Group, AccessAttempt, AccessLog, AccessFailureLog)


class UserCreationForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ["email"]


@admin.register(User)
class UserAdmin(PlatformAdminOnly, BaseUserAdmin):
    add_form = UserCreationForm
    ordering = ["email"]
    list_display = [
        "email",
        "first_name",
        "last_name",
        "is_active",
        "is_staff",
        "email_confirmed_at",
        "last_login",
    ]
    list_filter = ["is_active", "is_staff", "is_superuser", "staffed_clusters"]
    search_fields = ["email", "first_name", "last_name"]
    readonly_fields = ["last_login", "date_joined", "email_confirmed_at"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Important dates"), {"fields": ["last_login", "date_joined", "email_confirmed_at"]}),
    ]
    add_fieldsets = [
        (
            None,
            {"classes": ["wide"], "fields": ["email", "usable_password", "password1", "password2"]},
        )
    ]

    def save_model(self, request, obj, form, change):
        obj._rights_before = _rights(User.objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user = form.instance
        before = getattr(user, "_rights_before", None) or _rights(User())
        rights_changed(request.user, user, before=before, after=_rights(user))


def _rights(user: User) -> dict[str, object]:
    """What the back office lets someone do: the flags, groups and permissions."""
    rights: dict[str, object] = {"is_staff": user.is_staff, "is_superuser": user.is_superuser}
    for name in ("groups", "user_permissions"):
        related = getattr(user, name)
        rights[name] = sorted(str(o) for o in related.all()) if user.pk else []
    return rights
