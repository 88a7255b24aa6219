"""Composing a mailing: create it and change it with its content blocks, audited.

Sending, scheduling and cancelling live in services/sending.py; this module only writes
what staff compose, and only while the mailing is a draft or scheduled.
"""

import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knotenpunkt.core.audit import changes_between, log_action, register_action, snapshot
from knotenpunkt.mailings.models import Mailing, MailingBlock
from knotenpunkt.mailings.services import sending
from knotenpunkt.mailings.services.segments import names_people

register_action("mailings.mailing.created", gettext_lazy("Mailing created"))
register_action("mailings.mailing.changed", gettext_lazy("Mailing changed"))

# What staff compose; status, times and counters belong to sending and are never written here.
COMPOSED_FIELDS = (
    "mailing_list",
    "segment",
    "template",
    "subject",
    "preheader",
    "language",
    "formal",
    "track_engagement",
    "archive",
)


@transaction.atomic
def create_mailing(user, form, blocks) -> Mailing:
    """Save a validated mailing form (its cluster already set) and its block formset."""
    mailing = form.save(commit=False)
    mailing.created_by = user if user is not None and user.is_authenticated else None
    mailing.status = Mailing.Status.DRAFT
    mailing.save()
    blocks.instance = mailing
    blocks.save()
    _renumber_blocks(mailing)
    log_action(user, "mailings.mailing.created", mailing, blocks=_blocks_summary(mailing))
    return mailing


@transaction.atomic
def update_mailing(user, form, blocks) -> Mailing:
    """Save the changes of a validated mailing form and block formset, while still editable.

    Raises ValidationError when sending began meanwhile: the worker turns a scheduled
    mailing into a sending one, and what goes out must be what staff saw last.
    """
    mailing = form.instance
    current = Mailing.objects.select_for_update().get(pk=mailing.pk)
    if not current.is_editable:
        raise ValidationError(
            _("This mailing is being sent or was sent already; it can no longer be changed."),
            code="not_editable",
        )
    before = snapshot(current, COMPOSED_FIELDS)
    before["blocks"] = _blocks_summary(current)
    mailing = form.save(commit=False)
    # Only the composed fields: a schedule set meanwhile in another tab must survive.
    mailing.save(update_fields=[*COMPOSED_FIELDS, "updated_at"])
    blocks.instance = mailing
    blocks.save()
    _renumber_blocks(mailing)
    after = snapshot(mailing, COMPOSED_FIELDS)
    after["blocks"] = _blocks_summary(mailing)
    changes = changes_between(before, after)
    if changes:
        log_action(user, "mailings.mailing.changed", mailing, changes=changes)
    return mailing


def _renumber_blocks(mailing: Mailing) -> None:
    """Positions 1, 2, 3 … in the order staff gave, so that new rows append cleanly."""
    changed = []
    for number, block in enumerate(mailing.blocks.order_by("position", "pk"), start=1):
        if block.position != number:
            block.position = number
            changed.append(block)
    if changed:
        MailingBlock.objects.bulk_update(changed, ["position"])


def _blocks_summary(mailing: Mailing) -> str:
    """The blocks in order as one line, for the audit entry: kind, title and a short digest
    of the content, so an edited text shows as a change without copying it into the log."""
    parts = []
    for block in mailing.blocks.order_by("position", "pk"):
        content = "\x1f".join(
            str(value)
            for value in (
                block.heading,
                block.text,
                block.image.name if block.image else "",
                block.image_alt,
                block.link_url,
                block.link_label,
                block.event_id,
                block.organisation_id,
            )
        )
        digest = hashlib.sha256(content.encode()).hexdigest()[:8]
        title = block.heading or block.link_label or ""
        parts.append(f"{block.kind} {title} [{digest}]".replace("  ", " "))
    return "; ".join(parts)


SAMPLE_RECIPIENTS = 20


def sample_recipients(mailing: Mailing, limit: int = SAMPLE_RECIPIENTS) -> list:
    """The first people (by name) the mailing reaches now, to preview it as one of them."""
    # Who "reaches" means is decided by sending alone (list, target group, consent).
    if mailing.segment is not None and not names_people(mailing.segment.definition):
        return []
    return list(sending.audience(mailing).order_by("last_name", "first_name", "pk")[:limit])
