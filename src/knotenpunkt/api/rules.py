"""Who makes tokens, and for which organisations.

Every logged-in person may make personal tokens: a token never opens more than its user
may do on the pages, and each endpoint asks the owning app's rules (directory.rules for
an organisation's profile). An organisation token may be made only by an admin of that
organisation. A token is seen and revoked by its own user only.

Third-party apps (OAuth 2): every logged-in person may register one, as a developer does
on GitHub or GitLab — a member firm's IT builds the integration, not the cluster's
office. That is safe because an app gets nothing by being registered: each person
decides on the consent page, which names the app, its redirect host and the scopes; the
tokens never open more than the person may do. An app is managed (and deleted) by the
person who registered it; platform admins see and delete every app in the back office.
"""

import rules

from knotenpunkt.directory.rules import is_organisation_admin
from knotenpunkt.jobs.rules import administered_organisations


@rules.predicate
def owns_token(user, token) -> bool:
    return bool(user.is_authenticated and token is not None and token.user_id == user.pk)


@rules.predicate
def owns_application(user, application) -> bool:
    return bool(
        user.is_authenticated and application is not None and application.user_id == user.pk
    )


def may_register_application(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def may_issue_for_organisation(user, organisation) -> bool:
    return is_organisation_admin(user, organisation)


def organisations_for_tokens(user):
    """The organisations the user may make organisation tokens for."""
    return administered_organisations(user).order_by("name")


rules.add_perm("api.manage_tokens", rules.is_authenticated)
rules.add_perm("api.revoke_token", owns_token)
rules.add_perm("api.register_application", rules.is_authenticated & rules.is_active)
rules.add_perm("api.manage_application", owns_application)
