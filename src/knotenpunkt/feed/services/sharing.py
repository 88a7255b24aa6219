"""Send an item to another member: a notice in their inbox and a mail through the outbox.

The sender picks the recipient by name among the people of their clusters and never sees
the recipient's address: the page shows names and organisations only, the mail goes out
through the outbox.
"""

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from knotenpunkt.directory.models import Membership, Person, Position
from knotenpunkt.feed.models import FeedEntry, Notice, Share
from knotenpunkt.feed.rules import FeedViewer, viewer_for_person
from knotenpunkt.feed.services.feed_cache import notices_changed
from knotenpunkt.feed.services.usage import record_share
from knotenpunkt.outbox.services import queue_mail

MAX_MATCHES = 20


class SharingRefused(Exception):
    pass


def people_of_clusters(cluster_ids):
    """People with a login who work at a member organisation of the clusters."""
    organisations = Membership.objects.in_force().filter(cluster_id__in=cluster_ids)
    working = Position.objects.current().filter(
        organisation_id__in=organisations.values("organisation_id")
    )
    return Person.objects.filter(
        pk__in=working.values("person_id"),
        erased_at__isnull=True,
        user__isnull=False,
        user__is_active=True,
    )


def shareable_people(viewer: FeedViewer, query: str) -> list[Person]:
    """People of the sender's clusters whose name matches `query` (at most 20)."""
    words = query.split()[:4]
    if not words or viewer.person is None or not viewer.cluster_ids:
        return []
    people = people_of_clusters(viewer.cluster_ids).exclude(pk=viewer.person.pk)
    for word in words:
        people = people.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    return list(
        people.order_by("last_name", "first_name").prefetch_related("positions__organisation")[
            :MAX_MATCHES
        ]
    )


def may_receive(viewer: FeedViewer, recipient: Person) -> bool:
    return (
        viewer.person is not None
        and recipient.pk != viewer.person.pk
        and people_of_clusters(viewer.cluster_ids).filter(pk=recipient.pk).exists()
    )


@transaction.atomic
def share_entry(viewer: FeedViewer, recipient: Person, entry: FeedEntry, note: str = "") -> Share:
    """Send `entry` to `recipient` with the sender's note; refused (SharingRefused) if the
    recipient is not of the sender's clusters or may not see the item."""
    sender = viewer.person
    if not may_receive(viewer, recipient):
        raise SharingRefused(_("You can send items only to people of your cluster."))
    if not viewer_for_person(recipient).may_see(entry):
        raise SharingRefused(_("This person cannot see this item."))
    note = note.strip()[:1000]
    share = Share.objects.create(sender=sender, recipient=recipient, entry=entry, note=note)
    open_path = reverse("feed:open", args=[entry.pk])
    Notice.objects.create(
        recipient=recipient,
        text=(
            _("%(sender)s sent you: %(title)s") % {"sender": sender.full_name, "title": entry.title}
        )[:300],
        note=note,
        url=open_path,
    )
    address = recipient.primary_email
    if address:
        queue_mail(
            "feed_shared",
            address,
            {
                "name": recipient.full_name,
                "sender": sender.full_name,
                "title": entry.title,
                "summary": entry.summary,
                "note": note,
                "path": open_path,
            },
        )
    record_share(sender, entry)
    return share


def unread_notices(person) -> int:
    return Notice.objects.filter(recipient=person, read_at__isnull=True).count()


def inbox(person, limit: int = 50) -> list[Notice]:
    """The person's latest notices; showing them marks them read."""
    notices = list(Notice.objects.filter(recipient=person)[:limit])
    if Notice.objects.filter(recipient=person, read_at__isnull=True).update(read_at=timezone.now()):
        notices_changed(person.user_id)
    return notices
