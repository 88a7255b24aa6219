"""Who is staff of a cluster decides who sees its invoices, attendee lists and members:
every grant and removal is recorded in the audit log."""

from collections.abc import Iterable

from knotenpunkt.core.audit import log_action
from knotenpunkt.directory.models import Cluster


def staff_changed(actor, cluster: Cluster, *, before: Iterable[int]) -> None:
    """Audit the staff added to and removed from `cluster` since `before` (user ids)."""
    before = set(before)
    after = set(cluster.staff.values_list("pk", flat=True))
    users = cluster.staff.model.objects.filter(pk__in=before ^ after).order_by("email")
    for user in users:
        granted = user.pk in after
        action = "directory.cluster.staff_granted" if granted else "directory.cluster.staff_revoked"
        log_action(actor, action, cluster, user_id=user.pk, user=user.email)
