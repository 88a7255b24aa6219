"""The back-office rights of a login (staff, platform admin, groups, permissions) change
only through platform admins, and every change is recorded in the audit log."""

from knotenpunkt.accounts.models import User
from knotenpunkt.core.audit import log_action


def rights_changed(actor, user: User, *, before: dict, after: dict) -> None:
    """Audit a change of `user`'s rights (`before`/`after`: flag or list per right)."""
    changes = {
        name: {"before": before.get(name), "after": value}
        for name, value in after.items()
        if before.get(name) != value
    }
    if changes:
        log_action(actor, "accounts.user.rights_changed", user, changes=changes)
