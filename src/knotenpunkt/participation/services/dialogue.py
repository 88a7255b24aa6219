"""The citizens' dialogue: writing proposals and comments, confirming them by e-mail,
supporting, reporting, moderating and answering; and what a person may have in it.

Rate limits: each kind of write (posts, supports by e-mail, reports) is counted per
network (a keyed hash of the IP address; an IPv6 /64 counts as one) and per person
(account or e-mail address) over the last hour, from the stored rows themselves, so the
limits hold across web workers without a shared cache.
"""

import hashlib
import hmac
import ipaddress
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import log_action
from knotenpunkt.directory.models import PersonEmail
from knotenpunkt.outbox.services import queue_mail
from knotenpunkt.participation.models import (
    Dialogue,
    DialogueComment,
    DialogueProposal,
    DialogueReport,
    DialogueSupport,
    DialogueTopic,
    Phase,
)
from knotenpunkt.participation.models.dialogue import HidingReason

State = DialogueProposal.State


class RateLimited(ValidationError):
    """Too many writes of one kind from one network or person within the hour."""


@dataclass(frozen=True)
class Writer:
    """Who writes: the request's user (maybe anonymous), the e-mail address typed (for
    e-mail identity) and the client's IP address (for the rate limits)."""

    user: object
    email: str = ""
    ip: str | None = None

    @property
    def account(self):
        return self.user if getattr(self.user, "is_authenticated", False) else None


# --- settings and rate limits ------------------------------------------------------------


def _limit(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def confirmation_days() -> int:
    return _limit("DIALOGUE_CONFIRMATION_DAYS", 7)


def network_hash(ip: str | None) -> str:
    """A keyed hash of the client's network: the IPv4 address, or the /64 of an IPv6
    address (one connection gets a whole /64, so counting single addresses is useless)."""
    if not ip:
        return ""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ""
    if address.version == 6:
        address = ipaddress.ip_network(f"{ip}/64", strict=False).network_address
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"dialogue:{address}".encode(), hashlib.sha256).hexdigest()[:40]


def _check_rate(querysets: list[QuerySet], *, ip_hash: str, person: Q | None, message: str):
    """Refuse when the rows of `querysets` written within the hour from this network or
    by this person reach the limits."""
    since = timezone.now() - timedelta(hours=1)
    per_network = _limit("DIALOGUE_WRITES_PER_NETWORK_PER_HOUR", 30)
    per_person = _limit("DIALOGUE_WRITES_PER_PERSON_PER_HOUR", 10)
    recent = [qs.filter(created_at__gte=since) for qs in querysets]
    if ip_hash and sum(qs.filter(ip_hash=ip_hash).count() for qs in recent) >= per_network:
        raise RateLimited(message, code="rate_limited")
    if person is not None and sum(qs.filter(person).count() for qs in recent) >= per_person:
        raise RateLimited(message, code="rate_limited")


def _check_post_rate(writer: Writer, ip_hash: str):
    person = None
    if writer.account is not None:
        person = Q(author=writer.account)
    elif writer.email:
        person = Q(email__iexact=writer.email)
    _check_rate(
        [DialogueProposal.objects.all(), DialogueComment.objects.all()],
        ip_hash=ip_hash,
        person=person,
        message=_(
            "You have sent many contributions within the last hour: to keep the dialogue "
            "free of spam, please wait a while and send it again. Your text is still in "
            "the form."
        ),
    )


# --- reading -----------------------------------------------------------------------------


def dialogue_of(phase: Phase) -> Dialogue:
    """The dialogue of a dialogue phase, created with safe defaults on first use."""
    if phase.module != Phase.Module.DIALOGUE:
        raise ValidationError(_("This phase is not a citizens' dialogue."))
    dialogue, _created = Dialogue.objects.get_or_create(phase=phase)
    return dialogue


def is_open(dialogue: Dialogue, today=None) -> bool:
    return dialogue.phase.state(today) == "running"


def public_proposals(dialogue: Dialogue, user=None) -> QuerySet[DialogueProposal]:
    """Published and hidden proposals (hidden ones show their reason in place), and the
    user's own proposals awaiting moderation; with the confirmed supports counted."""
    shown = Q(state__in=[State.PUBLISHED, State.HIDDEN])
    if user is not None and user.is_authenticated:
        shown |= Q(state=State.PENDING, author=user)
    return (
        dialogue.proposals.filter(shown)
        .select_related("topic")
        .annotate(
            support_count=Count("supports", filter=Q(supports__confirmed_at__isnull=False)),
            comment_count=Count(
                "comments",
                filter=Q(comments__state__in=[State.PUBLISHED, State.HIDDEN]),
                distinct=True,
            ),
        )
    )


def public_comments(proposal: DialogueProposal, user=None) -> list[DialogueComment]:
    """The comments as a thread: top-level ones with their replies in `shown_replies`."""
    shown = Q(state__in=[State.PUBLISHED, State.HIDDEN])
    if user is not None and user.is_authenticated:
        shown |= Q(state=State.PENDING, author=user)
    comments = list(proposal.comments.filter(shown).order_by("created_at", "pk"))
    top = [c for c in comments if c.parent_id is None]
    for comment in top:
        comment.shown_replies = [c for c in comments if c.parent_id == comment.pk]
    return top


def support_count(proposal: DialogueProposal) -> int:
    return proposal.supports.filter(confirmed_at__isnull=False).count()


def has_supported(proposal: DialogueProposal, user) -> bool:
    return bool(
        user.is_authenticated
        and proposal.supports.filter(user=user, confirmed_at__isnull=False).exists()
    )


def moderation_queue(dialogue: Dialogue) -> dict:
    """What waits for the moderators: contributions to approve, and open reports."""
    return {
        "proposals": list(
            dialogue.proposals.filter(state=State.PENDING)
            .select_related("author")
            .order_by("created_at")
        ),
        "comments": list(
            DialogueComment.objects.filter(proposal__dialogue=dialogue, state=State.PENDING)
            .select_related("proposal", "author")
            .order_by("created_at")
        ),
        "reports": list(
            DialogueReport.objects.filter(resolved_at__isnull=True)
            .filter(Q(proposal__dialogue=dialogue) | Q(comment__proposal__dialogue=dialogue))
            .select_related("proposal", "comment", "comment__proposal")
            .order_by("created_at")
        ),
    }


# --- writing -----------------------------------------------------------------------------


def _initial_state(dialogue: Dialogue, writer: Writer) -> str:
    if writer.account is None and dialogue.identity == Dialogue.Identity.EMAIL:
        return State.UNCONFIRMED
    return _after_confirmation(dialogue)


def _after_confirmation(dialogue: Dialogue) -> str:
    if dialogue.moderation == Dialogue.Moderation.PRE:
        return State.PENDING
    return State.PUBLISHED


def _identity_fields(dialogue: Dialogue, writer: Writer) -> dict:
    if writer.account is not None:
        return {"author": writer.account, "email": ""}
    if dialogue.identity == Dialogue.Identity.ACCOUNT:
        raise PermissionDenied
    if dialogue.identity == Dialogue.Identity.EMAIL:
        if not writer.email:
            raise ValidationError(
                {"email": _("Please give your e-mail address: we send you a link to confirm.")}
            )
        return {"author": None, "email": writer.email.strip().lower()}
    return {"author": None, "email": ""}


def _require_open(dialogue: Dialogue):
    if not is_open(dialogue):
        raise ValidationError(_("This dialogue is not open for contributions at the moment."))


def _send_confirmation(kind: str, address: str, title: str, token: str, language=None):
    queue_mail(
        "participation_dialogue_confirm",
        address,
        {
            "kind": kind,
            "title": title,
            "confirm_path": reverse("participation:dialogue_confirm", args=[token]),
            "days": confirmation_days(),
        },
        language=language,
    )


def _stamp(contribution):
    if contribution.state == State.PUBLISHED and contribution.published_at is None:
        contribution.published_at = timezone.now()


def submit_proposal(
    dialogue: Dialogue, writer: Writer, *, title: str, text: str, topic=None, language=None
) -> DialogueProposal:
    """A new proposal: public at once, waiting for moderation or for the e-mail
    confirmation, by the dialogue's rules."""
    _require_open(dialogue)
    identity = _identity_fields(dialogue, writer)
    if topic is not None and topic.dialogue_id != dialogue.pk:
        raise ValidationError({"topic": _("Please choose one of this dialogue's topics.")})
    ip_hash = network_hash(writer.ip)
    with transaction.atomic():
        # One writer at a time per dialogue: the count and the new row belong together.
        Dialogue.objects.select_for_update().filter(pk=dialogue.pk).first()
        _check_post_rate(writer, ip_hash)
        proposal = DialogueProposal(
            dialogue=dialogue,
            title=title.strip(),
            text=text.strip(),
            topic=topic,
            state=_initial_state(dialogue, writer),
            ip_hash=ip_hash,
            **identity,
        )
        _stamp(proposal)
        proposal.save()
        if proposal.state == State.UNCONFIRMED:
            _send_confirmation(
                "proposal", proposal.email, proposal.title, proposal.confirmation_token, language
            )
    return proposal


def submit_comment(
    proposal: DialogueProposal, writer: Writer, *, text: str, parent=None, language=None
) -> DialogueComment:
    """A comment on a public proposal, or a reply to a top-level comment of it."""
    dialogue = proposal.dialogue
    _require_open(dialogue)
    if proposal.state != State.PUBLISHED:
        raise ValidationError(_("This proposal cannot be commented on."))
    if parent is not None:
        if parent.proposal_id != proposal.pk or parent.state != State.PUBLISHED:
            raise ValidationError(_("The comment you answer is not there any more."))
        # One level of replies: an answer to a reply joins the thread of its comment.
        if parent.parent_id is not None:
            parent = parent.parent
    identity = _identity_fields(dialogue, writer)
    ip_hash = network_hash(writer.ip)
    with transaction.atomic():
        Dialogue.objects.select_for_update().filter(pk=dialogue.pk).first()
        _check_post_rate(writer, ip_hash)
        comment = DialogueComment(
            proposal=proposal,
            parent=parent,
            text=text.strip(),
            state=_initial_state(dialogue, writer),
            ip_hash=ip_hash,
            **identity,
        )
        _stamp(comment)
        comment.save()
        if comment.state == State.UNCONFIRMED:
            _send_confirmation(
                "comment", comment.email, proposal.title, comment.confirmation_token, language
            )
    return comment


def pending_confirmation(token: str):
    """The proposal, comment or support a confirmation link stands for (None if none)."""
    for model in (DialogueProposal, DialogueComment, DialogueSupport):
        found = model.objects.filter(confirmation_token=token).first()
        if found is not None:
            return found
    return None


@transaction.atomic
def confirm(token: str):
    """The author clicked the link in the mail: the contribution is published or queued
    for moderation, the support counts. Confirming twice changes nothing."""
    target = pending_confirmation(token)
    if target is None:
        raise ValidationError(_("This confirmation link is not valid."))
    target = type(target).objects.select_for_update().get(pk=target.pk)
    too_old = target.created_at < timezone.now() - timedelta(days=confirmation_days())
    if isinstance(target, DialogueSupport):
        if target.confirmed_at is None:
            if too_old:
                raise ValidationError(_("This confirmation link has expired."))
            target.confirmed_at = timezone.now()
            target.save(update_fields=["confirmed_at"])
        return target
    if target.state == State.UNCONFIRMED:
        if too_old:
            raise ValidationError(_("This confirmation link has expired."))
        target.state = _after_confirmation(_dialogue_of_contribution(target))
        _stamp(target)
        target.save(update_fields=["state", "published_at"])
    return target


def support(proposal: DialogueProposal, writer: Writer, *, language=None):
    """Support a proposal once: by account at once, or by e-mail address once the link
    mailed to it is clicked. Returns (support, created)."""
    dialogue = proposal.dialogue
    _require_open(dialogue)
    if proposal.state != State.PUBLISHED:
        raise ValidationError(_("This proposal cannot be supported."))
    ip_hash = network_hash(writer.ip)
    with transaction.atomic():
        locked = DialogueProposal.objects.select_for_update().get(pk=proposal.pk)
        if writer.account is not None:
            existing = locked.supports.filter(user=writer.account).first()
            if existing is not None:
                return existing, False
            made = DialogueSupport.objects.create(
                proposal=locked, user=writer.account, confirmed_at=timezone.now(), ip_hash=ip_hash
            )
            return made, True
        if dialogue.identity == Dialogue.Identity.ACCOUNT:
            raise PermissionDenied
        address = writer.email.strip().lower()
        if not address:
            raise ValidationError(
                {"email": _("Please give your e-mail address: we send you a link to confirm.")}
            )
        existing = locked.supports.filter(email=address).first()
        if existing is not None:
            return existing, False
        _check_rate(
            [DialogueSupport.objects.exclude(email="")],
            ip_hash=ip_hash,
            person=Q(email=address),
            message=_(
                "Too many supports were sent from here within the last hour. Please try "
                "again later."
            ),
        )
        made = DialogueSupport.objects.create(proposal=locked, email=address, ip_hash=ip_hash)
        _send_confirmation("support", address, locked.title, made.confirmation_token, language)
        return made, True


def report(target, writer: Writer, *, reason: str, note: str = "") -> DialogueReport:
    """Anyone who reads a proposal or comment may point the moderators at it."""
    if target.state != State.PUBLISHED:
        raise ValidationError(_("This contribution cannot be reported."))
    ip_hash = network_hash(writer.ip)
    person = Q(reporter=writer.account) if writer.account is not None else None
    with transaction.atomic():
        _check_rate(
            [DialogueReport.objects.all()],
            ip_hash=ip_hash,
            person=person,
            message=_(
                "Too many reports were sent from here within the last hour. Please try again "
                "later; your text is still in the form."
            ),
        )
        kind = "proposal" if isinstance(target, DialogueProposal) else "comment"
        return DialogueReport.objects.create(
            **{kind: target},
            reason=reason,
            note=note.strip(),
            reporter=writer.account,
            ip_hash=ip_hash,
        )


# --- moderating --------------------------------------------------------------------------


def _dialogue_of_contribution(contribution) -> Dialogue:
    if isinstance(contribution, DialogueProposal):
        return contribution.dialogue
    return contribution.proposal.dialogue


@transaction.atomic
def approve(actor, contribution):
    """A moderator publishes a contribution waiting for moderation."""
    locked = type(contribution).objects.select_for_update().get(pk=contribution.pk)
    if locked.state != State.PENDING:
        raise ValidationError(_("This contribution is not waiting for moderation."))
    locked.state = State.PUBLISHED
    _stamp(locked)
    locked.save(update_fields=["state", "published_at"])
    log_action(
        actor,
        "participation.dialogue.approved",
        _dialogue_of_contribution(locked).process,
        contribution=f"{locked._meta.model_name}:{locked.pk}",
    )
    return locked


@transaction.atomic
def hide(actor, contribution, *, reason: str, note: str):
    """A moderator hides a contribution; the reason and the explanation are shown in its
    place. Open reports on it are dealt with."""
    if reason not in HidingReason.values:
        raise ValidationError({"reason": _("Please choose a reason from the list.")})
    if not note.strip():
        raise ValidationError({"note": _("Please explain the decision in a sentence.")})
    locked = type(contribution).objects.select_for_update().get(pk=contribution.pk)
    if locked.state == State.UNCONFIRMED:
        raise ValidationError(_("This contribution has not been confirmed yet."))
    locked.state = State.HIDDEN
    locked.hidden_reason = reason
    locked.hidden_note = note.strip()
    locked.hidden_at = timezone.now()
    locked.save(update_fields=["state", "hidden_reason", "hidden_note", "hidden_at"])
    locked.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
    log_action(
        actor,
        "participation.dialogue.hidden",
        _dialogue_of_contribution(locked).process,
        contribution=f"{locked._meta.model_name}:{locked.pk}",
        reason=reason,
    )
    return locked


@transaction.atomic
def dismiss_report(actor, report_: DialogueReport) -> None:
    """The moderator looked at the reported contribution and leaves it as it is."""
    updated = DialogueReport.objects.filter(pk=report_.pk, resolved_at__isnull=True).update(
        resolved_at=timezone.now()
    )
    if updated:
        target = report_.target
        log_action(
            actor,
            "participation.dialogue.report_dismissed",
            _dialogue_of_contribution(target).process,
            contribution=f"{target._meta.model_name}:{target.pk}",
        )


@transaction.atomic
def answer(actor, proposal: DialogueProposal, *, status: str, text: str) -> DialogueProposal:
    """The process's owner says what became of a proposal."""
    if status not in DialogueProposal.Status.values:
        raise ValidationError({"status": _("Please choose a status from the list.")})
    if status != DialogueProposal.Status.OPEN and not text.strip():
        raise ValidationError({"answer": _("Please write an answer for the public.")})
    locked = DialogueProposal.objects.select_for_update().get(pk=proposal.pk)
    locked.status = status
    locked.answer = text.strip()
    locked.answered_at = timezone.now()
    locked.save(update_fields=["status", "answer", "answered_at"])
    log_action(
        actor,
        "participation.dialogue.answered",
        locked.dialogue.process,
        proposal=locked.pk,
        status=status,
    )
    return locked


@transaction.atomic
def configure(
    actor, dialogue: Dialogue, *, identity: str, moderation: str, intro: str, topics: list[str]
) -> Dialogue:
    """Set who may write, how the dialogue is moderated and its topics. Topics no longer
    listed are removed (their proposals keep their text, without a topic)."""
    dialogue.identity = identity
    dialogue.moderation = moderation
    dialogue.intro = intro
    dialogue.full_clean(exclude=["phase"])
    dialogue.save(update_fields=["identity", "moderation", "intro"])
    wanted = list(dict.fromkeys(t.strip() for t in topics if t.strip()))
    dialogue.topics.exclude(title__in=wanted).delete()
    for title in wanted:
        DialogueTopic.objects.get_or_create(dialogue=dialogue, title=title[:100])
    log_action(
        actor,
        "participation.dialogue.configured",
        dialogue.process,
        identity=identity,
        moderation=moderation,
    )
    return dialogue


# --- personal data -----------------------------------------------------------------------


def _addresses(person) -> set[str]:
    """The addresses that identify the person: confirmed ones only, since anyone can type
    anyone's address into a profile and must not get (or erase) what its owner wrote."""
    found = set(
        PersonEmail.objects.identifying().filter(person=person).values_list("address", flat=True)
    )
    user = person.user
    if user is not None and user.email and user.email_confirmed_at:
        found.add(user.email)
    return {address.lower() for address in found}


def _written_by(model, person, account_field: str, with_email: bool = True) -> QuerySet:
    condition = Q(pk__in=[])
    if person.user_id:
        condition |= Q(**{account_field: person.user_id})
    if with_email:
        for address in _addresses(person):
            condition |= Q(email__iexact=address)
    return model.objects.filter(condition)


def export_person(person) -> dict:
    """Everything the dialogue holds about a person: contributions, supports, reports."""
    proposals = _written_by(DialogueProposal, person, "author").select_related("dialogue__phase")
    comments = _written_by(DialogueComment, person, "author").select_related("proposal")
    supports = _written_by(DialogueSupport, person, "user").select_related("proposal")
    reports = _written_by(DialogueReport, person, "reporter", with_email=False)
    return {
        "proposals": [
            {
                "dialogue": str(p.dialogue.phase),
                "title": p.title,
                "text": p.text,
                "email": p.email,
                "state": p.get_state_display(),
                "written": p.created_at.isoformat(),
            }
            for p in proposals.order_by("pk")
        ],
        "comments": [
            {
                "proposal": c.proposal.title,
                "text": c.text,
                "email": c.email,
                "state": c.get_state_display(),
                "written": c.created_at.isoformat(),
            }
            for c in comments.order_by("pk")
        ],
        "supports": [
            {
                "proposal": s.proposal.title,
                "email": s.email,
                "confirmed": s.confirmed_at.isoformat() if s.confirmed_at else None,
            }
            for s in supports.order_by("pk")
        ],
        "reports": [
            {"reason": r.get_reason_display(), "note": r.note, "reported": r.created_at.isoformat()}
            for r in reports.order_by("pk")
        ],
    }


def erase_person(person) -> None:
    """Contributions stay as anonymous texts and supports keep counting; the link to the
    account, the address and the network hash go. Unconfirmed ones, never public, go."""
    for model in (DialogueProposal, DialogueComment):
        written = _written_by(model, person, "author")
        written.filter(state=State.UNCONFIRMED).delete()
        written.update(author=None, email="", ip_hash="")
    supports = _written_by(DialogueSupport, person, "user")
    supports.filter(confirmed_at__isnull=True).delete()
    supports.update(user=None, email="", ip_hash="")
    _written_by(DialogueReport, person, "reporter", with_email=False).update(
        reporter=None, ip_hash=""
    )
