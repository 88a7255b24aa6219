"""The scopes a token may carry: read or write per resource. An endpoint names the scope
it needs; a token without it gets 403, whatever its user may do on the pages."""

from django.utils.translation import gettext_lazy as _

ME_READ = "me:read"
ORGANISATIONS_WRITE = "organisations:write"
REGISTRATIONS_READ = "registrations:read"
REGISTRATIONS_WRITE = "registrations:write"
GROUPS_READ = "groups:read"
INVOICES_READ = "invoices:read"
SUBSCRIPTIONS_READ = "subscriptions:read"
SUBSCRIPTIONS_WRITE = "subscriptions:write"

SCOPES = {
    ME_READ: _("Read who the token belongs to and which organisations it acts for"),
    ORGANISATIONS_WRITE: _("Change the profile of organisations you administer"),
    REGISTRATIONS_READ: _("Read your event registrations and those you made for colleagues"),
    REGISTRATIONS_WRITE: _("Register for events and cancel your registrations"),
    GROUPS_READ: _("Read the groups and clubs you may see, including member-only ones"),
    INVOICES_READ: _("Read and download invoices to you or to organisations you administer"),
    SUBSCRIPTIONS_READ: _("Read your newsletter and invitation subscriptions"),
    SUBSCRIPTIONS_WRITE: _("Subscribe to and unsubscribe from newsletters and invitations"),
}


def scope_choices() -> list[tuple[str, str]]:
    return list(SCOPES.items())
