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
