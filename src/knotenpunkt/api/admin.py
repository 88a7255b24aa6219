"""Tokens in the back office: platform admins only and read only (a token is made and
revoked by its own user under "My data"; nobody else may act in their name). The digest
is never shown."""

from django.contrib import admin

from knotenpunkt.api.models import AccessToken
from knotenpunkt.core.admin import PlatformAdminOnly, ReadOnlyAdmin


@admin.register(AccessToken)
class AccessTokenAdmin(PlatformAdminOnly, ReadOnlyAdmin, admin.ModelAdmin):
    list_display = [
        "name",
        "prefix",
        "user",
        "organisation",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["revoked_at"]
    search_fields = ["name", "prefix", "user__email"]
    list_select_related = ["user", "organisation"]
    exclude = ["digest"]
