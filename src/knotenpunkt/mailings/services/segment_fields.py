"""The conditions a target group can test: one entry per field, with its check and query.

Each condition becomes `Q(pk__in=<subquery>)` over Person, so that "not" means "no such
row" rather than "some row that differs" (the trap of negating joins over multi-valued
relations). Organisation conditions look at the organisations where a person currently
holds a function; membership conditions at the memberships of the segment's cluster.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from knotenpunkt.directory.models import Membership, Organisation, Person, Position, Region, Topic
from knotenpunkt.events.models import Event, Registration
from knotenpunkt.groups.models import Group, GroupMembership
from knotenpunkt.mailings.models import MailingList, Subscription


@dataclass(frozen=True)
class Field:
    """One field a condition may test: its label, operators and how values are checked."""

    label: Callable[[], str]
    ops: tuple[str, ...]
    # Returns the cleaned values or raises ValidationError naming the bad ones.
    clean: Callable
    # Builds the Q over Person from the cleaned values and the evaluation context.
    build: Callable
    values_help: Callable[[], str]
    # False: the preview shows how many, never who (a later app's segments of people, e.g.
    # personas, must not be listed by name).
    names_people: bool = True


def _choices(choices) -> Callable:
    allowed = {value for value, _label in choices}

    def clean(values, context):
        unknown = [v for v in values if not isinstance(v, str) or v not in allowed]
        if unknown:
            raise ValidationError(
                _("unknown value(s) %(values)s; allowed: %(allowed)s")
                % {"values": ", ".join(map(str, unknown)), "allowed": ", ".join(sorted(allowed))}
            )
        return values

    return clean


def _existing(queryset_for: Callable, key: str, noun: Callable[[], str]) -> Callable:
    """Values are keys (slugs, AGS) of existing rows; unknown ones are named in the error."""

    def clean(values, context):
        if any(not isinstance(v, str) for v in values):
            raise ValidationError(_("values must be text (%(noun)s keys)") % {"noun": noun()})
        found = dict(queryset_for(context).filter(**{f"{key}__in": values}).values_list(key, "pk"))
        unknown = [v for v in values if v not in found]
        if unknown:
            raise ValidationError(
                _("no %(noun)s with the key(s) %(values)s")
                % {"noun": noun(), "values": ", ".join(unknown)}
            )
        return [found[v] for v in values]

    return clean


def _number(values, context):
    if len(values) != 1 or isinstance(values[0], bool) or not isinstance(values[0], int):
        raise ValidationError(_("the value must be one whole number"))
    if values[0] < 0:
        raise ValidationError(_("the value must not be negative"))
    return values


def _people_at(organisation_ids: QuerySet, context) -> Q:
    """People who currently hold a function at one of the organisations (an id subquery)."""
    positions = Position.objects.current(context.day).filter(organisation__in=organisation_ids)
    return Q(pk__in=positions.values("person"))


def _memberships(context) -> QuerySet:
    memberships = Membership.objects.all()
    if context.cluster is not None:
        memberships = memberships.filter(cluster=context.cluster)
    return memberships


def _topics_below(topic_ids: list[int]) -> set[int]:
    """The topics and all their subtopics: "IT security" includes "penetration testing"."""
    children: dict[int | None, list[int]] = {}
    for pk, parent in Topic.objects.order_by().values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    result, todo = set(), list(topic_ids)
    while todo:
        pk = todo.pop()
        if pk not in result:
            result.add(pk)
            todo.extend(children.get(pk, []))
    return result


def _running_memberships(context) -> QuerySet:
    # A membership whose notice is given still runs until its end date.
    return _memberships(context).in_force(context.day)


def _build_member(values, op, context) -> Q:
    return _people_at(_running_memberships(context).values("organisation"), context)


def _build_membership_kind(values, op, context) -> Q:
    memberships = _running_memberships(context).filter(kind__in=values)
    return _people_at(memberships.values("organisation"), context)


def _build_membership_status(values, op, context) -> Q:
    memberships = _memberships(context).filter(status__in=values)
    return _people_at(memberships.values("organisation"), context)


def _organisation_attribute(attribute: str) -> Callable:
    def build(values, op, context):
        organisations = Organisation.objects.filter(**{f"{attribute}__in": values})
        return _people_at(organisations.values("pk"), context)

    return build


def _build_employees(values, op, context) -> Q:
    organisations = Organisation.objects.filter(**{f"employees__{op}": values[0]})
    return _people_at(organisations.values("pk"), context)


def _organisations_with_topics(topics: set[int], context) -> Q:
    links = Organisation.topics.through.objects.filter(topic__in=topics)
    return _people_at(links.values("organisation"), context)


def _people_with_topics(topics: set[int]) -> Q:
    return Q(pk__in=Person.topics.through.objects.filter(topic__in=topics).values("person"))


def _build_organisation_topic(values, op, context) -> Q:
    return _organisations_with_topics(_topics_below(values), context)


def _build_person_topic(values, op, context) -> Q:
    return _people_with_topics(_topics_below(values))


def _build_any_topic(values, op, context) -> Q:
    topics = _topics_below(values)
    return _organisations_with_topics(topics, context) | _people_with_topics(topics)


def _build_function(values, op, context) -> Q:
    positions = Position.objects.current(context.day).filter(function__in=values)
    return Q(pk__in=positions.values("person"))


def _build_group(values, op, context) -> Q:
    memberships = GroupMembership.objects.filter(
        group__in=values, status=GroupMembership.Status.ACTIVE
    )
    return Q(pk__in=memberships.values("person"))


def _build_group_lead(values, op, context) -> Q:
    memberships = GroupMembership.objects.filter(
        group__in=values, status=GroupMembership.Status.ACTIVE, role=GroupMembership.Role.LEAD
    )
    return Q(pk__in=memberships.values("person"))


def _build_registered(values, op, context) -> Q:
    registrations = Registration.objects.filter(event__in=values).exclude(
        status=Registration.Status.CANCELLED
    )
    return Q(pk__in=registrations.values("person"))


def _build_attended(values, op, context) -> Q:
    registrations = Registration.objects.filter(event__in=values, checked_in_at__isnull=False)
    return Q(pk__in=registrations.values("person"))


def _build_subscribed(values, op, context) -> Q:
    subscriptions = Subscription.objects.filter(
        mailing_list__in=values, status=Subscription.Status.ACTIVE
    )
    return Q(pk__in=subscriptions.values("person"))


def _clusters_lists(context) -> QuerySet:
    lists = MailingList.objects.all()
    return lists.filter(cluster=context.cluster) if context.cluster is not None else lists


def _clusters_groups(context) -> QuerySet:
    groups = Group.objects.all()
    return groups.filter(clusters=context.cluster) if context.cluster is not None else groups


def no_value(values, context):
    if values not in ([], [True], [None]):
        raise ValidationError(_("this condition takes no value (leave it out or use true)"))
    return []


SET_OPS = ("in",)

FIELDS: dict[str, Field] = {
    "member": Field(
        lambda: _("works at a member organisation (membership of this cluster running today)"),
        ("is",),
        no_value,
        _build_member,
        lambda: _("no value"),
    ),
    "membership.kind": Field(
        lambda: _("kind of the organisation's running membership"),
        SET_OPS,
        _choices(Membership.Kind.choices),
        _build_membership_kind,
        lambda: ", ".join(Membership.Kind.values),
    ),
    "membership.status": Field(
        lambda: _("status of the organisation's membership (any time)"),
        SET_OPS,
        _choices(Membership.Status.choices),
        _build_membership_status,
        lambda: ", ".join(Membership.Status.values),
    ),
    "organisation.actor_type": Field(
        lambda: _("actor type of the organisation"),
        SET_OPS,
        _choices(Organisation.ActorType.choices),
        _organisation_attribute("actor_type"),
        lambda: ", ".join(Organisation.ActorType.values),
    ),
    "organisation.size": Field(
        lambda: _("size class of the organisation"),
        SET_OPS,
        _choices(Organisation.SizeClass.choices),
        _organisation_attribute("size_class"),
        lambda: ", ".join(Organisation.SizeClass.values),
    ),
    "organisation.employees": Field(
        lambda: _("number of employees"),
        ("gte", "lte"),
        _number,
        _build_employees,
        lambda: _("a whole number"),
    ),
    "organisation.region": Field(
        lambda: _("region (district) of the organisation"),
        SET_OPS,
        _existing(lambda c: Region.objects.all(), "ags", lambda: _("region")),
        _organisation_attribute("region"),
        lambda: _("official district keys (AGS), e.g. 09162000"),
    ),
    "organisation.topic": Field(
        lambda: _("topic of the organisation (subtopics included)"),
        SET_OPS,
        _existing(lambda c: Topic.objects.all(), "slug", lambda: _("topic")),
        _build_organisation_topic,
        lambda: _("topic keys"),
    ),
    "person.topic": Field(
        lambda: _("topic of the person (subtopics included)"),
        SET_OPS,
        _existing(lambda c: Topic.objects.all(), "slug", lambda: _("topic")),
        _build_person_topic,
        lambda: _("topic keys"),
    ),
    "topic": Field(
        lambda: _("topic of the person or their organisation (subtopics included)"),
        SET_OPS,
        _existing(lambda c: Topic.objects.all(), "slug", lambda: _("topic")),
        _build_any_topic,
        lambda: _("topic keys"),
    ),
    "function": Field(
        lambda: _("current function (e.g. cio, hr)"),
        SET_OPS,
        _choices(Position.Function.choices),
        _build_function,
        lambda: ", ".join(Position.Function.values),
    ),
    "group": Field(
        lambda: _("active member of the topic group"),
        SET_OPS,
        _existing(_clusters_groups, "slug", lambda: _("group")),
        _build_group,
        lambda: _("group keys"),
    ),
    "group.lead": Field(
        lambda: _("lead of the topic group"),
        SET_OPS,
        _existing(_clusters_groups, "slug", lambda: _("group")),
        _build_group_lead,
        lambda: _("group keys"),
    ),
    "event.registered": Field(
        lambda: _("registered for the event (not cancelled)"),
        SET_OPS,
        _existing(lambda c: Event.objects.all(), "slug", lambda: _("event")),
        _build_registered,
        lambda: _("event keys"),
    ),
    "event.attended": Field(
        lambda: _("checked in at the event"),
        SET_OPS,
        _existing(lambda c: Event.objects.all(), "slug", lambda: _("event")),
        _build_attended,
        lambda: _("event keys"),
    ),
    "subscription": Field(
        lambda: _("has an active subscription to the mailing list"),
        SET_OPS,
        _existing(_clusters_lists, "slug", lambda: _("mailing list")),
        _build_subscribed,
        lambda: _("mailing list keys of this cluster"),
    ),
}


def register_segment_field(name: str, field: Field) -> None:
    """Let a later app add a condition (the personas app: "persona"); names are unique."""
    if name in FIELDS:
        raise ValueError(f"segment field {name!r} is already registered")
    FIELDS[name] = field
