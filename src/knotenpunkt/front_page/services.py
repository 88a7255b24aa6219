"""What the front page shows a visitor: a few of the newest things of each app, chosen by
that app's own visibility rules, so a guest sees only what is public."""

from dataclasses import dataclass

from django.utils import timezone

from knotenpunkt.directory.models import Cluster, Membership
from knotenpunkt.directory.services.search import listed_organisations
from knotenpunkt.events.calendar import visible_events
from knotenpunkt.events.models import Event
from knotenpunkt.mailings.models import MailingList
from knotenpunkt.matching.models import Need
from knotenpunkt.matching.services.needs import mark_authors, viewer_for, visible_needs
from knotenpunkt.procurement.models import OfferingVersion
from knotenpunkt.procurement.services.catalogue_search import listed_versions

SECTION_SIZE = 4


@dataclass(frozen=True)
class NetworkOverview:
    events: list[Event]
    needs: list[Need]  # each with `author_hidden` set (anonymous needs hide their poster)
    new_members: list[Membership]  # the newest membership of each organisation
    offerings: list[OfferingVersion]
    newsletters: list[MailingList]
    clusters: list[Cluster]


def network_overview(user, size: int = SECTION_SIZE) -> NetworkOverview:
    """The newest `size` events, needs, members and offerings `user` may see, the
    newsletters to subscribe to and the clusters: a query or two per section."""
    return NetworkOverview(
        events=upcoming_events(user, size),
        needs=newest_open_needs(user, size),
        new_members=newest_members(size),
        offerings=newest_offerings(size),
        newsletters=list(
            MailingList.objects.filter(is_active=True, kind=MailingList.Kind.NEWSLETTER)
            .select_related("cluster")
            .order_by("cluster__name", "name")
        ),
        clusters=list(Cluster.objects.order_by("name")),
    )


def upcoming_events(user, size: int) -> list[Event]:
    """The next events `user` may see (the calendar's rule), not called off."""
    return list(
        visible_events(user)
        .filter(ends_at__gte=timezone.now(), cancelled_at__isnull=True)
        .prefetch_related("clusters")
        .order_by("starts_at", "pk")[:size]
    )


def newest_open_needs(user, size: int) -> list[Need]:
    """The newest open needs `user` may see, with the poster hidden where matching says so."""
    needs = (
        visible_needs(user)
        .filter(status=Need.Status.OPEN)
        .select_related("organisation", "cluster")
        .order_by("-created_at", "-pk")[:size]
    )
    return mark_authors(viewer_for(user), needs)


def newest_members(size: int) -> list[Membership]:
    """Organisations of the public directory that joined most recently, each once (with
    its newest membership, when it joined two clusters)."""
    memberships = (
        Membership.objects.active_on(timezone.localdate())
        .filter(organisation__in=listed_organisations().values("pk"))
        .select_related("organisation", "cluster")
        .order_by("-start_date", "-pk")
    )
    newest: dict[int, Membership] = {}
    for membership in memberships[: size * 2]:
        newest.setdefault(membership.organisation_id, membership)
    return list(newest.values())[:size]


def newest_offerings(size: int) -> list[OfferingVersion]:
    """The offerings most recently published in the one-stop shop's catalogue."""
    return list(
        listed_versions()
        .select_related("offering__provider")
        .order_by("-published_at", "-pk")[:size]
    )
