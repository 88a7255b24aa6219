"""Follow-up tasks: adding them, ticking them off, and the daily reminder.

The reminder mails each assignee the open follow-ups due on or before the day, once:
`reminded_at` marks a follow-up as reminded, so a second run the same day (or the next)
sends nothing again for it.
"""

from collections import defaultdict
from datetime import date as Date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import log_action
from knotenpunkt.directory.models import Cluster
from knotenpunkt.interactions.models import FollowUp, Interaction
from knotenpunkt.interactions.rules import visible_follow_ups
from knotenpunkt.interactions.services.interactions import staff_of
from knotenpunkt.outbox.services import queue_mail

MAIL_KIND = "interactions_follow_ups_due"


def assignable(interaction: Interaction):
    """Who may be given a follow-up of the interaction: the staff of its cluster."""
    return staff_of([interaction.cluster])


@transaction.atomic
def add_follow_up(
    user, interaction: Interaction, *, title: str, due_on: Date, assignee
) -> FollowUp:
    """A task for one of the cluster's staff, due on `due_on`."""
    if not user.has_perm("interactions.change_interaction", interaction):
        raise PermissionDenied
    if not title.strip():
        raise ValidationError({"title": _("Say what is to be done.")})
    if assignee is None or not assignable(interaction).filter(pk=assignee.pk).exists():
        raise ValidationError(
            {
                "assignee": _("Choose one of the staff of %(cluster)s.")
                % {"cluster": interaction.cluster}
            }
        )
    follow_up = FollowUp.objects.create(
        interaction=interaction, title=title.strip(), due_on=due_on, assignee=assignee
    )
    log_action(
        user,
        "interactions.follow_up.added",
        interaction,
        title=follow_up.title,
        due_on=due_on.isoformat(),
        assignee=assignee.email,
    )
    return follow_up


@transaction.atomic
def mark_done(user, follow_up: FollowUp, done: bool = True) -> FollowUp:
    """Tick a follow-up off (or open it again)."""
    if not user.has_perm("interactions.change_interaction", follow_up.interaction):
        raise PermissionDenied
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if done == (follow_up.done_at is not None):
        return follow_up
    follow_up.done_at = timezone.now() if done else None
    follow_up.save(update_fields=["done_at"])
    log_action(
        user,
        "interactions.follow_up.done" if done else "interactions.follow_up.reopened",
        follow_up.interaction,
        title=follow_up.title,
    )
    return follow_up


def open_follow_ups_of(user):
    """The user's own open follow-ups in the clusters they look after, the most urgent first."""
    return (
        visible_follow_ups(user)
        .filter(assignee=user, done_at__isnull=True)
        .select_related("interaction__organisation", "interaction__cluster")
        .order_by("due_on", "pk")
    )


def _still_staff(follow_ups) -> list[FollowUp]:
    """Only follow-ups whose assignee still looks after the interaction's cluster: someone
    who left the cluster management is not mailed its members' business."""
    cluster_ids = {f.interaction.cluster_id for f in follow_ups}
    staff = defaultdict(set)
    for cluster_id, user_id in Cluster.staff.through.objects.filter(
        cluster_id__in=cluster_ids
    ).values_list("cluster_id", "user_id"):
        staff[cluster_id].add(user_id)
    return [
        f
        for f in follow_ups
        if f.assignee.is_superuser or f.assignee_id in staff[f.interaction.cluster_id]
    ]


def send_follow_up_reminders(today: Date | None = None) -> dict[str, int]:
    """Mail every assignee their open follow-ups due on or before `today` (default: today)
    that were not reminded yet, in one mail each. Returns {"mails": n, "follow_ups": n}."""
    today = today or timezone.localdate()
    due = (
        FollowUp.objects.filter(
            done_at__isnull=True,
            reminded_at__isnull=True,
            due_on__lte=today,
            assignee__isnull=False,
            assignee__is_active=True,
        )
        .exclude(assignee__email="")
        .select_related("assignee", "interaction__organisation", "interaction__cluster")
        .order_by("assignee_id", "due_on", "pk")
    )
    by_assignee = defaultdict(list)
    for follow_up in _still_staff(list(due)):
        by_assignee[follow_up.assignee_id].append(follow_up)
    counts = {"mails": 0, "follow_ups": 0}
    for follow_ups in by_assignee.values():
        sent = _remind(follow_ups[0].assignee, [f.pk for f in follow_ups], today)
        if sent:
            counts["mails"] += 1
            counts["follow_ups"] += sent
    return counts


def _remind(assignee, pks: list[int], today: Date) -> int:
    with transaction.atomic():
        # Locked and asked again: a run beside this one has not reminded them meanwhile.
        follow_ups = list(
            FollowUp.objects.select_for_update()
            .filter(pk__in=pks, reminded_at__isnull=True, done_at__isnull=True)
            .select_related("interaction__organisation", "interaction__cluster")
            .order_by("due_on", "pk")
        )
        if not follow_ups:
            return 0
        queue_mail(
            MAIL_KIND,
            assignee.email,
            {
                "assignee": assignee,
                "follow_ups": [
                    {
                        "title": f.title,
                        "due_on": f.due_on,
                        "overdue": f.due_on < today,
                        "organisation": f.interaction.organisation.name,
                        "cluster": str(f.interaction.cluster),
                        "url": f.interaction.get_absolute_url(),
                    }
                    for f in follow_ups
                ],
            },
        )
        FollowUp.objects.filter(pk__in=[f.pk for f in follow_ups]).update(
            reminded_at=timezone.now()
        )
        log_action(
            None, "interactions.follow_ups.reminded", None, follow_ups=[f.pk for f in follow_ups]
        )
    return len(follow_ups)
