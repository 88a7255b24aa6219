"""Who makes tokens, and for which organisations.

Every logged-in person may make personal tokens: a token never opens more than its user
may do on the pages, and each endpoint asks the owning app's rules (directory.rules for
an organisation's profile). An organisation token may be made only by an admin of that
organisation. A token is seen and revoked by its own user only.
"""

import rules

from knotenpunkt.directory.rules import is_organisation_admin
from knotenpunkt.jobs.rules import administered_organisations


@rules.predicate
def owns_token(user, token) -> bool:
    return bool(user.is_authenticated and token is not None and token.user_id == user.pk)


def may_issue_for_organisation(user, organisation) -> bool:
    return is_organisation_admin(user, organisation)


def organisations_for_tokens(user):
    """The organisations the user may make organisation tokens for."""
    return administered_organisations(user).order_by("name")


rules.add_perm("api.manage_tokens", rules.is_authenticated)
rules.add_perm("api.revoke_token", owns_token)
