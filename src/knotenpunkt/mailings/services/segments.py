"""Target groups: validate a segment's condition tree and turn it into people.

A tree is {"all": [...]}, {"any": [...]}, {"not": {...}} or a condition
{"field": "...", "op": "...", "value": ...}. Each condition becomes a `Q` over Person of
the form `pk__in=<subquery>`, so that "not" means "no such row" rather than "some row that
differs" (the trap of negating joins over multi-valued relations).

Consent always wins: whatever the tree says, people are only ever reached through the
active subscriptions of the mailing list the mail goes to, and erased people never.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knotenpunkt.core.audit import log_action, register_action, snapshot
from knotenpunkt.directory.models import Person
from knotenpunkt.mailings.models import Segment, Subscription
from knotenpunkt.mailings.services.segment_fields import FIELDS, no_value

register_action("mailings.segment.created", gettext_lazy("Target group created"))
register_action("mailings.segment.changed", gettext_lazy("Target group changed"))

MAX_DEPTH = 8
MAX_CONDITIONS = 100
SAMPLE_SIZE = 10


@dataclass
class _Context:
    cluster: object | None
    day: object
    errors: list
    count: int = 0


def field_help() -> list[tuple[str, str, str, str]]:
    """(field, description, operators, values) for the help text of the edit form."""
    return [
        (name, field.label(), ", ".join(field.ops), field.values_help())
        for name, field in FIELDS.items()
    ]


def _compile(node, path: str, depth: int, context: _Context) -> Q | None:
    """The node's Q, or None after recording its errors (compiling goes on to find them all)."""
    if depth > MAX_DEPTH:
        context.errors.append(
            _("%(path)s: the conditions are nested deeper than %(max)d levels")
            % {"path": path, "max": MAX_DEPTH}
        )
        return None
    if not isinstance(node, dict):
        context.errors.append(
            _('%(path)s: expected an object like {"all": [...]} or {"field": ...}') % {"path": path}
        )
        return None
    keys = set(node)
    if keys == {"all"} or keys == {"any"}:
        key = next(iter(keys))
        children = node[key]
        if not isinstance(children, list) or not children:
            context.errors.append(
                _("%(path)s.%(key)s: expected a non-empty list of conditions")
                % {"path": path, "key": key}
            )
            return None
        parts = [
            _compile(child, f"{path}.{key}[{i}]", depth + 1, context)
            for i, child in enumerate(children)
        ]
        if any(part is None for part in parts):
            return None
        combined = parts[0]
        for part in parts[1:]:
            combined = combined & part if key == "all" else combined | part
        return combined
    if keys == {"not"}:
        inner = _compile(node["not"], f"{path}.not", depth + 1, context)
        return None if inner is None else ~inner
    if "field" in keys:
        return _compile_condition(node, path, context)
    context.errors.append(
        _("%(path)s: unknown keys %(keys)s; use all, any, not, or field/op/value")
        % {"path": path, "keys": ", ".join(sorted(map(str, keys)))}
    )
    return None


def _compile_condition(node: dict, path: str, context: _Context) -> Q | None:
    context.count += 1
    if context.count > MAX_CONDITIONS:
        if context.count == MAX_CONDITIONS + 1:
            context.errors.append(
                _("more than %(max)d conditions; split the target group") % {"max": MAX_CONDITIONS}
            )
        return None
    extra = set(node) - {"field", "op", "value"}
    if extra:
        context.errors.append(
            _("%(path)s: unknown keys %(keys)s in a condition")
            % {"path": path, "keys": ", ".join(sorted(map(str, extra)))}
        )
        return None
    name = node["field"]
    field = FIELDS.get(name) if isinstance(name, str) else None
    if field is None:
        context.errors.append(
            _("%(path)s: unknown field %(field)s; known fields: %(fields)s")
            % {"path": path, "field": repr(name), "fields": ", ".join(FIELDS)}
        )
        return None
    op = node.get("op", field.ops[0])
    if op not in field.ops:
        context.errors.append(
            _("%(path)s: the field %(field)s has no operator %(op)s; use %(ops)s")
            % {"path": path, "field": name, "op": repr(op), "ops": ", ".join(field.ops)}
        )
        return None
    value = node.get("value")
    values = value if isinstance(value, list) else ([] if value is None else [value])
    if not values and field.clean is not no_value:
        context.errors.append(
            _("%(path)s: the field %(field)s needs a value") % {"path": path, "field": name}
        )
        return None
    try:
        cleaned = field.clean(values, context)
    except ValidationError as error:
        context.errors.extend(f"{path} ({name}): {message}" for message in error.messages)
        return None
    return field.build(cleaned, op, context)


def compile_definition(definition, cluster=None, day=None) -> Q:
    """The tree as a Q over Person; raises ValidationError listing every bad node by path."""
    context = _Context(cluster=cluster, day=day or timezone.localdate(), errors=[])
    q = _compile(definition, "root", 0, context)
    if context.errors or q is None:
        raise ValidationError(context.errors or [_("root: the conditions are empty")])
    return q


def validate_definition(definition, cluster=None) -> None:
    """Raise ValidationError with one clear message per bad node of the tree."""
    compile_definition(definition, cluster)


def segment_people(segment_or_tree, mailing_list=None, cluster=None) -> QuerySet:
    """The people a segment reaches today; with a mailing list, only its active subscribers.

    Evaluated anew on every call, never copied: the group follows the data and consent.
    """
    if isinstance(segment_or_tree, Segment):
        definition, cluster = segment_or_tree.definition, segment_or_tree.cluster
    else:
        definition = segment_or_tree
    if mailing_list is not None and cluster is None:
        cluster = mailing_list.cluster
    people = Person.objects.filter(compile_definition(definition, cluster), erased_at__isnull=True)
    if mailing_list is not None:
        # Consent wins: the tree may select anyone, the list's subscriptions decide.
        people = people.filter(
            pk__in=Subscription.objects.filter(
                mailing_list=mailing_list, status=Subscription.Status.ACTIVE
            ).values("person")
        )
    return people


SMALLEST_COUNT_SHOWN = 5


def preview(segment, mailing_list=None) -> tuple[int | None, list[Person]]:
    """How many people the segment reaches now, and the first ten of them by name (for a
    segment that must not name people: no names, and None for a count under 5)."""
    people = segment_people(segment, mailing_list)
    if not names_people(segment.definition):
        # Nobody by name; and a small count would single people out (a persona narrowed
        # by further conditions), so below SMALLEST_COUNT_SHOWN the count is withheld.
        count = people.count()
        return (count if count == 0 or count >= SMALLEST_COUNT_SHOWN else None), []
    sample = list(
        people.order_by("last_name", "first_name", "pk").prefetch_related("emails")[:SAMPLE_SIZE]
    )
    return people.count(), sample


def names_people(node) -> bool:
    """False if the tree tests a field whose people must not be shown by name."""
    if isinstance(node, dict):
        field = FIELDS.get(node.get("field")) if isinstance(node.get("field"), str) else None
        if field is not None and not field.names_people:
            return False
        return all(names_people(child) for child in node.values() if isinstance(child, dict | list))
    if isinstance(node, list):
        return all(names_people(child) for child in node)
    return True


SEGMENT_FIELDS = ("name", "description", "definition")


def save_segment(user, segment: Segment, data: dict) -> Segment:
    """Create or change a target group after validating its tree; the change is audited."""
    validate_definition(data["definition"], segment.cluster)
    with transaction.atomic():
        is_new = segment.pk is None
        before = {} if is_new else snapshot(Segment.objects.get(pk=segment.pk), SEGMENT_FIELDS)
        for name, value in data.items():
            setattr(segment, name, value)
        if is_new:
            segment.created_by = user
        segment.save()
        after = snapshot(segment, SEGMENT_FIELDS)
        changed = {k: [before.get(k, ""), v] for k, v in after.items() if before.get(k) != v}
        log_action(
            user,
            "mailings.segment.created" if is_new else "mailings.segment.changed",
            segment,
            changes=changed,
        )
    return segment
