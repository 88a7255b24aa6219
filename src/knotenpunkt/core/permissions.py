"""What every app's rules share: the platform admin and the view helper.

Each app declares its own predicates and permissions in its `rules.py` (imported by the
rules app's autodiscovery); views call `user.has_perm(name, obj)` or `require_perm`,
templates use `{% has_perm %}`, and the admin and API ask the same rules. Core imports no
other app: the staff, organisation and person predicates live in `directory.rules`.
"""

import rules
from django.core.exceptions import PermissionDenied


@rules.predicate
def is_platform_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


def require_perm(request, permission: str, obj=None) -> None:
    """For views: refuse with 403 unless the user holds `permission` (on `obj`)."""
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied
