"""The scopes a token may carry: read or write per resource. An endpoint names the scope
it needs; a token without it gets 403, whatever its user may do on the pages."""

from django.utils.translation import gettext_lazy as _

ME_READ = "me:read"
ORGANISATIONS_WRITE = "organisations:write"

SCOPES = {
    ME_READ: _("Read who the token belongs to and which organisations it acts for"),
    ORGANISATIONS_WRITE: _("Change the profile of organisations you administer"),
}


def scope_choices() -> list[tuple[str, str]]:
    return list(SCOPES.items())


class OAuthScopes:
    """django-oauth-toolkit's scopes backend (settings.OAUTH2_PROVIDER): a third-party app
    may ask for exactly the scopes above, worded for the consent page as for the token
    form. An app that names none gets the least: reading who the token belongs to."""

    def get_all_scopes(self) -> dict:
        return dict(SCOPES)

    def get_available_scopes(self, application=None, request=None, *args, **kwargs) -> list:
        return list(SCOPES)

    def get_default_scopes(self, application=None, request=None, *args, **kwargs) -> list:
        return [ME_READ]
