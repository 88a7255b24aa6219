"""The platform objects that realise an activity, and the figures counted from them.

Each kind of object (events, groups, mailings, needs, cooperations, shop listings) says
which objects staff may pick for a cluster's tree (the owning app's scoping: never
another cluster's objects) and what each object adds to the activity's progress, in
total or for one year. Figures are computed for many objects at once, so a whole tree
costs a few queries per kind.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db import connection
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knotenpunkt.directory.rules import clusters_looked_after, visible_organisations
from knotenpunkt.events.models import Event, Registration
from knotenpunkt.events.rules import events_looked_after
from knotenpunkt.groups.models import GroupMembership
from knotenpunkt.groups.rules import managed_groups
from knotenpunkt.mailings.models import Mailing, MailingRecipient
from knotenpunkt.mailings.rules import visible_mailings
from knotenpunkt.matching.models import Contact, Need
from knotenpunkt.procurement.models import Offering, Order

# Figure keys with the words shown beside their numbers (and offered as what a result
# counts).
FIGURES = {
    "events_held": _("events held"),
    "attendees": _("checked-in attendees"),
    "group_members": _("group members"),
    "mailings_sent": _("mailings sent"),
    "recipients": _("recipients reached"),
    "accepted_contacts": _("accepted contacts"),
    "cooperations": _("cooperations"),
    "orders": _("shop orders"),
}


@dataclass(frozen=True)
class LinkKind:
    key: str
    label: object
    model_label: str
    figures: tuple[str, ...]
    # (user, cluster or None for the shared tree) -> the objects the user may link
    candidates: Callable[[object, object], QuerySet]
    # (object ids, year or None) -> {object id: {figure: number}}
    count: Callable[[list[int], int | None], dict[int, dict[str, int]]]
    # What naming an object needs (its str()), fetched with it.
    select: tuple[str, ...] = ()

    @property
    def model(self):
        return apps.get_model(self.model_label)


def _per_object(rows, figure: str, result: dict) -> None:
    for row in rows:
        result[row["key"]][figure] = row["n"]


# --- events: held, and the attendees checked in ----------------------------------------


def _event_candidates(user, cluster):
    events = events_looked_after(user)
    if cluster is not None:
        events = events.filter(clusters=cluster)
    return events.order_by("-starts_at")


def _count_events(ids, year):
    result = defaultdict(dict)
    held = Event.objects.filter(pk__in=ids, cancelled_at__isnull=True, starts_at__lt=timezone.now())
    attended = Registration.objects.filter(event__in=ids, checked_in_at__isnull=False)
    if year is not None:
        held = held.filter(starts_at__year=year)
        attended = attended.filter(event__starts_at__year=year)
    for pk in held.values_list("pk", flat=True):
        result[pk]["events_held"] = 1
    _per_object(attended.values(key=F("event")).annotate(n=Count("pk")), "attendees", result)
    return result


# --- groups: active members -------------------------------------------------------------


def _group_candidates(user, cluster):
    groups = managed_groups(user)
    if cluster is not None:
        groups = groups.filter(clusters=cluster)
    return groups.order_by("name")


def _count_groups(ids, year):
    result = defaultdict(dict)
    members = GroupMembership.objects.filter(group__in=ids, status=GroupMembership.Status.ACTIVE)
    if year is not None:
        members = members.filter(Q(joined_at__isnull=True) | Q(joined_at__year__lte=year))
    _per_object(members.values(key=F("group")).annotate(n=Count("pk")), "group_members", result)
    return result


# --- mailings: sent, and the recipients it reached --------------------------------------


def _mailing_candidates(user, cluster):
    mailings = visible_mailings(user)
    if cluster is not None:
        mailings = mailings.filter(cluster=cluster)
    return mailings.order_by("-created_at")


def _count_mailings(ids, year):
    result = defaultdict(dict)
    sent = Mailing.objects.filter(pk__in=ids, status=Mailing.Status.SENT)
    reached = MailingRecipient.objects.filter(mailing__in=ids, status=MailingRecipient.Status.SENT)
    if year is not None:
        sent = sent.filter(finished_at__year=year)
        reached = reached.filter(sent_at__year=year)
    for pk in sent.values_list("pk", flat=True):
        result[pk]["mailings_sent"] = 1
    _per_object(reached.values(key=F("mailing")).annotate(n=Count("pk")), "recipients", result)
    return result


# --- needs: the contacts their authors accepted -----------------------------------------


def _need_candidates(user, cluster):
    needs = Need.objects.filter(cluster__in=clusters_looked_after(user))
    if cluster is not None:
        needs = needs.filter(cluster=cluster)
    return needs.order_by("-created_at")


def _count_needs(ids, year):
    result = defaultdict(dict)
    accepted = Contact.objects.filter(
        need__in=ids, status__in=[Contact.Status.ACCEPTED, Contact.Status.COOPERATION]
    )
    if year is not None:
        accepted = accepted.filter(decided_at__year=year)
    _per_object(accepted.values(key=F("need")).annotate(n=Count("pk")), "accepted_contacts", result)
    return result


# --- cooperations (the cooperations app, resolved lazily) -------------------------------

_READY_TABLES: dict[str, bool] = {}


def _installed(model_label: str):
    """The model if its app is installed and its table exists, else None."""
    try:
        model = apps.get_model(model_label)
    except LookupError:
        return None
    table = model._meta.db_table
    if table not in _READY_TABLES:
        _READY_TABLES[table] = table in connection.introspection.table_names()
    return model if _READY_TABLES[table] else None


def _cooperation_candidates(user, cluster):
    model = _installed("cooperations.Cooperation")
    if model is None:
        return Need.objects.none()
    cooperations = model.objects.filter(cluster__in=clusters_looked_after(user))
    if cluster is not None:
        cooperations = cooperations.filter(cluster=cluster)
    return cooperations.order_by("-start_date", "-pk")


def _count_cooperations(ids, year):
    result = defaultdict(dict)
    model = _installed("cooperations.Cooperation")
    if model is None:
        return result
    running = model.objects.filter(pk__in=ids)
    if year is not None:
        running = running.filter(start_date__year__lte=year).filter(
            Q(end_date__isnull=True) | Q(end_date__year__gte=year)
        )
    for pk in running.values_list("pk", flat=True):
        result[pk]["cooperations"] = 1
    return result


# --- shop listings: the orders placed for them ------------------------------------------


def _offering_candidates(user, cluster):
    providers = visible_organisations(user)
    if cluster is not None:
        providers = providers.filter(memberships__cluster=cluster)
    return (
        Offering.objects.filter(provider__in=providers.values("pk"), published__isnull=False)
        .select_related("published")
        .order_by("slug")
    )


def _count_offerings(ids, year):
    result = defaultdict(dict)
    orders = Order.objects.filter(offering_version__offering__in=ids).exclude(
        status=Order.Status.CANCELLED
    )
    if year is not None:
        orders = orders.filter(ordered_on__year=year)
    _per_object(
        orders.values(key=F("offering_version__offering")).annotate(n=Count("pk")),
        "orders",
        result,
    )
    return result


KINDS: dict[str, LinkKind] = {
    kind.key: kind
    for kind in [
        LinkKind(
            "event",
            _("Events"),
            "events.Event",
            ("events_held", "attendees"),
            _event_candidates,
            _count_events,
        ),
        LinkKind(
            "group",
            _("Topic groups"),
            "groups.Group",
            ("group_members",),
            _group_candidates,
            _count_groups,
        ),
        LinkKind(
            "mailing",
            _("Mailings"),
            "mailings.Mailing",
            ("mailings_sent", "recipients"),
            _mailing_candidates,
            _count_mailings,
        ),
        LinkKind(
            "need",
            _("Needs"),
            "matching.Need",
            ("accepted_contacts",),
            _need_candidates,
            _count_needs,
        ),
        LinkKind(
            "cooperation",
            _("Cooperations"),
            "cooperations.Cooperation",
            ("cooperations",),
            _cooperation_candidates,
            _count_cooperations,
        ),
        LinkKind(
            "offering",
            _("Shop listings"),
            "procurement.Offering",
            ("orders",),
            _offering_candidates,
            _count_offerings,
            select=("published",),
        ),
    ]
}


def available_kinds() -> list[LinkKind]:
    """The kinds whose app is installed (and migrated)."""
    return [kind for kind in KINDS.values() if _installed(kind.model_label) is not None]


def kind_of_model(model) -> LinkKind | None:
    label = model._meta.label
    return next((k for k in KINDS.values() if k.model_label == label), None)


def figures_of_links(links, year: int | None = None) -> dict[int, dict[str, int]]:
    """{activity id: {figure: number}} for `links` (ActivityLinks with their content
    type), in total or for one year: one or two queries per kind."""
    ids_by_kind: dict[str, set[int]] = defaultdict(set)
    kind_by_type = {}
    for link in links:
        kind = kind_by_type.get(link.content_type_id)
        if kind is None:
            kind = kind_of_model(link.content_type.model_class()) if link.content_type else None
            kind_by_type[link.content_type_id] = kind
        if kind is not None:
            ids_by_kind[kind.key].add(link.object_id)
    per_object = {
        key: KINDS[key].count(sorted(ids), year) if _installed(KINDS[key].model_label) else {}
        for key, ids in ids_by_kind.items()
    }
    result: dict[int, dict[str, int]] = defaultdict(dict)
    for link in links:
        kind = kind_by_type.get(link.content_type_id)
        if kind is None:
            continue
        totals = result[link.activity_id]
        for figure in kind.figures:
            totals.setdefault(figure, 0)
        for figure, number in per_object[kind.key].get(link.object_id, {}).items():
            totals[figure] = totals.get(figure, 0) + number
    return result
