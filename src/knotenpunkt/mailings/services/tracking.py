"""Counting opens and clicks of a mailing, in total only (when the mailing has it on).

The pixel and link addresses name the mailing and the link's position, never the
recipient; nothing about the request is stored. Only GET counts (link scanners and
previews often send HEAD), and only once the mailing goes out: test mails opened
before that are not the audience's.
"""

from django.db.models import F

from knotenpunkt.mailings.models import Mailing, MailingLink

COUNTED_STATUSES = (
    Mailing.Status.SENDING,
    Mailing.Status.PAUSED,
    Mailing.Status.SENT,
    Mailing.Status.CANCELLED,
)


def count_open(mailing_id: int) -> None:
    Mailing.objects.filter(
        pk=mailing_id, track_engagement=True, status__in=COUNTED_STATUSES
    ).update(open_count=F("open_count") + 1)


def link_target(mailing_id: int, position: int, *, count: bool) -> str | None:
    """The stored address of a mailing's link (None if there is none), counting the click."""
    link = (
        MailingLink.objects.filter(mailing_id=mailing_id, position=position)
        .select_related("mailing")
        .first()
    )
    if link is None:
        return None
    mailing = link.mailing
    if count and mailing.track_engagement and mailing.status in COUNTED_STATUSES:
        MailingLink.objects.filter(pk=link.pk).update(clicks=F("clicks") + 1)
    return link.url
