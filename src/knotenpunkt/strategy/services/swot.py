"""The yearly SWOT of a cluster: items, the comparison with the year before, and starting
a year from the last one; and the board members who write it with the staff."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import changes_between, log_action, snapshot
from knotenpunkt.directory.models import Cluster
from knotenpunkt.outbox.services import queue_mail
from knotenpunkt.strategy.models import Goal, StrategyContributor, SwotItem

ITEM_FIELDS = ["quadrant", "text", "order", "goals", "kpis"]


def goals_for_swot(cluster: Cluster):
    """The goals a SWOT item may point at: the cluster's and the shared tree's."""
    return (
        Goal.objects.filter(Q(field__cluster=cluster) | Q(field__cluster__isnull=True))
        .select_related("field")
        .order_by("field__cluster", "field__order", "field__pk", "order", "pk")
    )


def items_of(cluster: Cluster, year: int):
    return (
        SwotItem.objects.filter(cluster=cluster, year=year)
        .prefetch_related(Prefetch("goals", queryset=Goal.objects.select_related("field")), "kpis")
        .select_related("carried_from")
    )


@transaction.atomic
def save_item(actor, cluster: Cluster, year: int, data: dict, item=None, goals=(), kpis=()):
    """Add an item to (or change one of) `cluster`'s SWOT of `year`."""
    allowed = {g.pk for g in goals_for_swot(cluster)}
    if any(g.pk not in allowed for g in goals):
        raise ValidationError({"goals": _("Pick goals of this cluster's strategy.")})
    creating = item is None
    item = item or SwotItem(cluster=cluster, year=year)
    before = {} if creating else snapshot(SwotItem.objects.get(pk=item.pk), ITEM_FIELDS)
    for name in ("quadrant", "text", "order"):
        if name in data:
            setattr(item, name, data[name])
    item.full_clean()
    item.save()
    item.goals.set(goals)
    item.kpis.set(kpis)
    changes = changes_between(before, snapshot(item, ITEM_FIELDS))
    if creating or changes:
        log_action(
            actor,
            "strategy.swot.created" if creating else "strategy.swot.changed",
            item,
            cluster=cluster.pk,
            year=year,
            changes=changes,
        )
    return item


@transaction.atomic
def delete_item(actor, item: SwotItem) -> None:
    log_action(
        actor,
        "strategy.swot.deleted",
        item,
        cluster=item.cluster_id,
        year=item.year,
        text=item.text,
    )
    item.delete()


@transaction.atomic
def copy_from_previous_year(actor, cluster: Cluster, year: int) -> int:
    """Start `year`'s SWOT from the year before: every item of that year not yet taken
    over is copied (with its goals and KPIs) and remembers where it came from. Returns the
    number of items copied; running it twice copies nothing more."""
    taken = SwotItem.objects.filter(cluster=cluster, year=year, carried_from__isnull=False)
    previous = (
        items_of(cluster, year - 1)
        .exclude(pk__in=taken.values("carried_from"))
        .order_by("quadrant", "order", "pk")
    )
    copied = 0
    for old in previous:
        item = SwotItem.objects.create(
            cluster=cluster,
            year=year,
            quadrant=old.quadrant,
            text=old.text,
            order=old.order,
            carried_from=old,
        )
        item.goals.set(old.goals.all())
        item.kpis.set(old.kpis.all())
        copied += 1
    if copied:
        log_action(
            actor, "strategy.swot.copied", cluster, year=year, from_year=year - 1, items=copied
        )
    return copied


@dataclass
class QuadrantComparison:
    quadrant: str
    label: str
    new: list = field(default_factory=list)
    kept: list = field(default_factory=list)  # (this year's item, last year's item)
    dropped: list = field(default_factory=list)


def _normalised(text: str) -> str:
    return " ".join(text.lower().split())


def compare_with_previous_year(cluster: Cluster, year: int) -> list[QuadrantComparison]:
    """Per quadrant: what is new this year, what was kept from the year before (taken over,
    or written again in the same words) and what was dropped."""
    current = list(items_of(cluster, year))
    previous = list(items_of(cluster, year - 1))
    by_pk = {item.pk: item for item in previous}
    matched: set[int] = set()
    comparison = {
        value: QuadrantComparison(value, label) for value, label in SwotItem.Quadrant.choices
    }
    for item in current:
        old = by_pk.get(item.carried_from_id)
        if old is None:
            old = next(
                (
                    p
                    for p in previous
                    if p.pk not in matched
                    and p.quadrant == item.quadrant
                    and _normalised(p.text) == _normalised(item.text)
                ),
                None,
            )
        if old is not None and old.pk not in matched:
            matched.add(old.pk)
            comparison[item.quadrant].kept.append((item, old))
        else:
            comparison[item.quadrant].new.append(item)
    for old in previous:
        if old.pk not in matched:
            comparison[old.quadrant].dropped.append(old)
    return list(comparison.values())


# --- contributors (board members) ------------------------------------------------------


@transaction.atomic
def add_contributor(actor, cluster: Cluster, email: str, role: str = "") -> StrategyContributor:
    """Invite an existing login to write the SWOT and read the strategy of `cluster`."""
    user = get_user_model().objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise ValidationError(
            {"email": _("Nobody with this e-mail address has a login on the platform yet.")}
        )
    contributor, created = StrategyContributor.objects.get_or_create(
        cluster=cluster, user=user, defaults={"role": role}
    )
    if not created:
        raise ValidationError({"email": _("This person contributes already.")})
    log_action(actor, "strategy.contributor.added", contributor, cluster=cluster.pk, role=role)
    # Board members have no staff menu: the invitation brings them the way in.
    queue_mail(
        "strategy_contributor_added",
        user.email,
        {"cluster": cluster, "year": timezone.localdate().year},
    )
    return contributor


@transaction.atomic
def remove_contributor(actor, contributor: StrategyContributor) -> None:
    log_action(actor, "strategy.contributor.removed", contributor, cluster=contributor.cluster_id)
    contributor.delete()
