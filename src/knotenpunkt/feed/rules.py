"""Who sees which feed entry, and who sees the figures.

An entry's audience comes from its source (feed/sources.py, in the owning app's terms) and
is kept as access tags (FeedEntryTag): public entries for everyone; `members` entries for
people working at a member organisation of one of its clusters; `group` entries for the
active members of one of its groups; every entry for the management of its clusters. On the
page the source app is asked once more (`registry.Source.visible`), so the feed never shows
what the owning app would refuse.
"""

from dataclasses import dataclass, field

import rules
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from knotenpunkt.core.permissions import is_platform_admin
from knotenpunkt.directory.models import Membership, Person, Position
from knotenpunkt.directory.rules import clusters_looked_after, is_cluster_staff
from knotenpunkt.feed.models import Audience, FeedEntry, FeedEntryTag
from knotenpunkt.groups import access as group_access
from knotenpunkt.groups.models import GroupMembership

Tag = FeedEntryTag.Kind


@dataclass(frozen=True)
class FeedViewer:
    """What the feed's visibility and ranking need to know about one person."""

    person: Person | None = None
    organisation_ids: frozenset[int] = field(default_factory=frozenset)
    member_cluster_ids: frozenset[int] = field(default_factory=frozenset)
    staffed_cluster_ids: frozenset[int] = field(default_factory=frozenset)
    group_ids: frozenset[int] = field(default_factory=frozenset)
    is_superuser: bool = False

    @property
    def cluster_ids(self) -> frozenset[int]:
        return self.member_cluster_ids | self.staffed_cluster_ids

    def access_tags(self) -> Q:
        """The access tags this viewer holds, as a filter on FeedEntryTag."""
        held = Q(pk__in=[])
        if self.member_cluster_ids:
            held |= Q(kind=Tag.MEMBERS, value__in=self.member_cluster_ids)
        if self.group_ids:
            held |= Q(kind=Tag.GROUP_MEMBERS, value__in=self.group_ids)
        if self.staffed_cluster_ids:
            held |= Q(kind=Tag.STAFF, value__in=self.staffed_cluster_ids)
        return held

    def may_see(self, entry: FeedEntry) -> bool:
        if self.is_superuser or entry.audience == Audience.PUBLIC:
            return True
        if set(entry.cluster_ids) & self.staffed_cluster_ids:
            return True
        if entry.audience == Audience.MEMBERS:
            return bool(set(entry.cluster_ids) & self.member_cluster_ids)
        return bool(set(entry.group_ids) & self.group_ids)


def viewer_for_person(person: Person | None, user=None) -> FeedViewer:
    """Four small indexed queries: organisations, their clusters, groups, staffed clusters."""
    if person is None or person.erased_at is not None:
        person = None
    user = user if user is not None else getattr(person, "user", None)
    organisation_ids = member_clusters = group_ids = frozenset()
    if person is not None:
        organisation_ids = frozenset(
            Position.objects.current()
            .filter(person=person)
            .values_list("organisation_id", flat=True)
        )
        if organisation_ids:
            member_clusters = frozenset(
                Membership.objects.in_force()
                .filter(organisation_id__in=organisation_ids)
                .values_list("cluster_id", flat=True)
            )
        group_ids = frozenset(
            GroupMembership.objects.filter(
                person=person, status=GroupMembership.Status.ACTIVE
            ).values_list("group_id", flat=True)
        )
    authenticated = user is not None and user.is_authenticated
    staffed = frozenset()
    if authenticated and not user.is_superuser:
        staffed = frozenset(clusters_looked_after(user).values_list("pk", flat=True))
    return FeedViewer(
        person=person,
        organisation_ids=organisation_ids,
        member_cluster_ids=member_clusters,
        staffed_cluster_ids=staffed,
        group_ids=group_ids,
        is_superuser=bool(authenticated and user.is_superuser),
    )


def viewer_for(user) -> FeedViewer:
    """The viewer behind a request's user, built once per user object (= request)."""
    if not user.is_authenticated:
        return FeedViewer()
    cached = getattr(user, "_feed_viewer", None)
    if cached is None:
        # The groups app's cached person of the user: one query for both apps' questions.
        cached = viewer_for_person(group_access.person_of(user), user)
        user._feed_viewer = cached
    return cached


def live_entries(now=None) -> QuerySet[FeedEntry]:
    now = now or timezone.now()
    return FeedEntry.objects.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))


def visible_entries(viewer: FeedViewer, now=None) -> QuerySet[FeedEntry]:
    """Live entries the viewer may see, as one query."""
    entries = live_entries(now)
    if viewer.is_superuser:
        return entries
    held = FeedEntryTag.objects.filter(viewer.access_tags(), entry=OuterRef("pk"))
    return entries.filter(Q(audience=Audience.PUBLIC) | Exists(held))


def public_entries(cluster=None) -> QuerySet[FeedEntry]:
    """Public live entries (of one cluster): what the RSS and Atom feeds list."""
    entries = live_entries().filter(audience=Audience.PUBLIC)
    if cluster is not None:
        entries = entries.filter(
            Exists(
                FeedEntryTag.objects.filter(
                    entry=OuterRef("pk"), kind=Tag.CLUSTER, value=cluster.pk
                )
            )
        )
    return entries


def entries_with_figures(user) -> QuerySet[FeedEntry]:
    """Entries of the clusters the user looks after: the staff's figures page."""
    if user.is_authenticated and user.is_superuser:
        return FeedEntry.objects.all()
    cluster_ids = clusters_looked_after(user).values("pk")
    tagged = FeedEntryTag.objects.filter(
        entry=OuterRef("pk"), kind=Tag.CLUSTER, value__in=cluster_ids
    )
    return FeedEntry.objects.filter(Exists(tagged))


@rules.predicate
def has_person(user) -> bool:
    return viewer_for(user).person is not None


@rules.predicate
def sees_figures_of(user, entry) -> bool:
    """The author organisation's people and the management of the entry's clusters."""
    if entry is None:
        return False
    viewer = viewer_for(user)
    return (
        viewer.is_superuser
        or (entry.organisation_id is not None and entry.organisation_id in viewer.organisation_ids)
        or bool(set(entry.cluster_ids) & viewer.staffed_cluster_ids)
    )


rules.add_perm("feed.view_feed", has_person)
rules.add_perm("feed.view_figures", is_platform_admin | is_cluster_staff)
rules.add_perm("feed.view_entry_figures", sees_figures_of)
