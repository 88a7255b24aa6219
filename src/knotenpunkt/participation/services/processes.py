"""Creating processes and phases, and accepting invitations."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import log_action
from knotenpunkt.directory.models import Cluster, Organisation
from knotenpunkt.participation.models import Invitation, Phase, Process


def _unique_slug(title: str) -> str:
    base = slugify(title)[:70] or "process"
    slug, n = base, 2
    while Process.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def create_process(actor, owner, *, title: str, summary: str, **fields) -> Process:
    """A new, unpublished process of `owner` (a cluster or a public body); the creator
    moderates it."""
    ownership = {"cluster": owner} if isinstance(owner, Cluster) else {"organisation": owner}
    if isinstance(owner, Organisation) and owner.actor_type != Organisation.ActorType.PUBLIC:
        raise ValidationError(_("Only a cluster or a public body can run a process."))
    process = Process.objects.create(
        title=title, summary=summary, slug=_unique_slug(title), **ownership, **fields
    )
    if actor is not None and actor.is_authenticated:
        process.moderators.add(actor)
    log_action(actor, "participation.process.created", process)
    return process


def add_phase(actor, process: Process, *, title, module, starts_on, ends_on, description=""):
    if ends_on < starts_on:
        raise ValidationError(_("A phase cannot end before it starts."))
    phase = Phase.objects.create(
        process=process,
        title=title,
        module=module,
        starts_on=starts_on,
        ends_on=ends_on,
        description=description,
    )
    log_action(actor, "participation.phase.added", process, phase=phase.title)
    return phase


@transaction.atomic
def accept_invitation(user, token: str) -> Invitation:
    """The logged-in `user` takes the invitation with `token`. An invitation already
    taken by another account is refused."""
    invitation = (
        Invitation.objects.select_for_update().select_related("process").filter(token=token).first()
    )
    if invitation is None:
        raise ValidationError(_("This invitation link is not valid."))
    if invitation.user_id and invitation.user_id != user.pk:
        raise ValidationError(_("This invitation has already been accepted with another account."))
    if invitation.accepted_at is None:
        invitation.user = user
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["user", "accepted_at"])
        log_action(user, "participation.invitation.accepted", invitation.process)
    return invitation


def update_process(actor, process: Process, changes: dict) -> Process:
    for field, value in changes.items():
        setattr(process, field, value)
    process.save(update_fields=[*changes.keys()])
    log_action(actor, "participation.process.changed", process, fields=sorted(changes))
    return process


def delete_phase(actor, phase: Phase) -> None:
    process = phase.process
    title = phase.title
    phase.delete()
    log_action(actor, "participation.phase.removed", process, phase=title)


def add_moderator(actor, process: Process, user) -> None:
    process.moderators.add(user)
    log_action(actor, "participation.moderator.added", process, moderator=user.email)


def remove_moderator(actor, process: Process, user) -> None:
    if process.moderators.count() == 1 and process.moderators.filter(pk=user.pk).exists():
        raise ValidationError(_("A process needs at least one moderator."))
    process.moderators.remove(user)
    log_action(actor, "participation.moderator.removed", process, moderator=user.email)


@transaction.atomic
def invite(actor, process: Process, emails: list[str]) -> tuple[list[Invitation], list[str]]:
    """Invite each address once (a second invitation to the same address is not sent
    again); returns the new invitations and the addresses that had one already."""
    from knotenpunkt.directory.models import PersonEmail
    from knotenpunkt.outbox.services import queue_mail

    made, already = [], []
    for email in dict.fromkeys(address.strip().lower() for address in emails if address.strip()):
        if process.invitations.filter(email__iexact=email).exists():
            already.append(email)
            continue
        known = PersonEmail.objects.filter(address__iexact=email).select_related("person").first()
        invitation = Invitation.objects.create(
            process=process, email=email, person=known.person if known else None
        )
        queue_mail(
            "participation_invitation",
            email,
            {
                "process_title": process.title,
                "summary": process.summary,
                "owner": str(process.owner),
                "attributed": process.attribute_ideas,
                "path": reverse("participation:accept_invitation", args=[invitation.token]),
            },
        )
        made.append(invitation)
    if made:
        log_action(actor, "participation.invitation.sent", process, count=len(made))
    return made, already
