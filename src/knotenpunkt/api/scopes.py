"""The scopes a token may carry: read or write per resource. An endpoint names the scope
it needs; a token without it gets 403, whatever its user may do on the pages."""

from django.utils.translation import gettext_lazy as _

ME_READ = "me:read"
ORGANISATIONS_WRITE = "organisations:write"
NEEDS_READ = "needs:read"
NEEDS_WRITE = "needs:write"
COMPETENCES_READ = "competences:read"
OFFERINGS_READ = "offerings:read"
OFFERINGS_WRITE = "offerings:write"
QUOTE_REQUESTS_READ = "quote-requests:read"
KPIS_READ = "kpis:read"
PEOPLE_READ = "people:read"
PEOPLE_WRITE = "people:write"
REGISTRATIONS_READ = "registrations:read"
REGISTRATIONS_WRITE = "registrations:write"
GROUPS_READ = "groups:read"
INVOICES_READ = "invoices:read"
SUBSCRIPTIONS_READ = "subscriptions:read"
SUBSCRIPTIONS_WRITE = "subscriptions:write"

SCOPES = {
    ME_READ: _("Read who the token belongs to and which organisations it acts for"),
    ORGANISATIONS_WRITE: _("Change the profile of organisations you administer"),
    NEEDS_READ: _("Read the needs you may see, and the matches for your organisations' needs"),
    NEEDS_WRITE: _("Post and change needs of your organisations"),
    COMPETENCES_READ: _("Read the competence profiles of organisations you administer"),
    OFFERINGS_READ: _("Read your organisations' offerings in the shop, drafts included"),
    OFFERINGS_WRITE: _("Draft, change and submit your organisations' offerings"),
    QUOTE_REQUESTS_READ: _("Read the quote requests you sent or your organisations received"),
    KPIS_READ: _("Read the key figures your role may see"),
    PEOPLE_READ: _("Read the people of organisations you administer"),
    PEOPLE_WRITE: _("Add people to organisations you administer and change their functions"),
    REGISTRATIONS_READ: _("Read your event registrations and those you made for colleagues"),
    REGISTRATIONS_WRITE: _("Register for events and cancel your registrations"),
    GROUPS_READ: _("Read the groups and clubs you may see, including member-only ones"),
    INVOICES_READ: _("Read and download invoices to you or to organisations you administer"),
    SUBSCRIPTIONS_READ: _("Read your newsletter and invitation subscriptions"),
    SUBSCRIPTIONS_WRITE: _("Subscribe to and unsubscribe from newsletters and invitations"),
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
