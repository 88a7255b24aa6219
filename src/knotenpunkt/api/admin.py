"""Tokens in the back office: platform admins only and read only (a token is made and
revoked by its own user under "My data"; nobody else may act in their name). The digest
is never shown."""

from django.contrib import admin
from oauth2_provider import admin as oauth_admin  # registers its admins, replaced below
from oauth2_provider import models as oauth

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


# django-oauth-toolkit's models: the apps and what they hold of people reach into every
# account, so platform admins only, as for the tokens above. Apps are registered and
# changed by their developers (api.applications); the back office looks and may delete an
# abusive app (with every token issued to it) or revoke tokens. Secrets and tokens are
# stored hashed and never shown.
for model in (oauth.Application, oauth.AccessToken, oauth.RefreshToken, oauth.Grant, oauth.IDToken):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(oauth.Application)
class ApplicationAdmin(PlatformAdminOnly, ReadOnlyAdmin, oauth_admin.ApplicationAdmin):
    list_display = ["name", "user", "client_type", "client_id", "created"]
    list_filter = ["client_type"]
    search_fields = ["name", "client_id", "user__email"]
    list_select_related = ["user"]
    exclude = ["client_secret"]


@admin.register(oauth.AccessToken)
class OAuthAccessTokenAdmin(PlatformAdminOnly, oauth_admin.AccessTokenAdmin):
    list_display = ["pk", "user", "application", "scope", "expires"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(oauth.RefreshToken)
class OAuthRefreshTokenAdmin(PlatformAdminOnly, oauth_admin.RefreshTokenAdmin):
    list_display = ["pk", "user", "application", "revoked"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(oauth.Grant)
class OAuthGrantAdmin(PlatformAdminOnly, ReadOnlyAdmin, oauth_admin.GrantAdmin):
    list_display = ["pk", "user", "application", "expires"]


@admin.register(oauth.IDToken)
class OAuthIDTokenAdmin(PlatformAdminOnly, ReadOnlyAdmin, oauth_admin.IDTokenAdmin):
    pass
