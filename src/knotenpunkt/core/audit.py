"""The one audit log. Services write it; views and templates only read it.

Action codes are namespaced by app (`directory.organisation.changed`) and registered with a
display text, the way pretix and Wagtail turn log codes into sentences.
"""

import json
import re
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.dispatch import Signal
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.models import AuditEntry

_ACTIONS: dict[str, Promise | str] = {}

# Sent after every audit entry is written, inside the writer's transaction, with
# `entry`, `target` and `data`: later apps (webhooks) learn what happened in one place
# instead of every service calling them. Receivers that do slow work defer it with
# transaction.on_commit.
action_logged = Signal()


def register_action(code: str, text: Promise | str) -> None:
    """Announce an action code and the sentence that describes it to people."""
    _ACTIONS[code] = text


def describe(entry: AuditEntry) -> str:
    text = _ACTIONS.get(entry.action)
    return str(text) if text else entry.action


def log_action(actor, action: str, target: models.Model | None = None, **data) -> AuditEntry:
    """Write one audit entry; `actor` may be None for the system or an anonymous user."""
    if action not in _ACTIONS:
        raise ValueError(f"Unregistered audit action {action!r}")
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    entry = AuditEntry.objects.create(
        actor=actor,
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:300] if target is not None else "",
        data=data,
    )
    action_logged.send(sender=AuditEntry, entry=entry, target=target, data=data)
    return entry


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, str]:
    """The values of `fields` as text, to compare before and after a change."""
    values = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if field.many_to_many:
            if instance.pk is None:
                values[name] = ""
            else:
                values[name] = ", ".join(sorted(str(o) for o in getattr(instance, name).all()))
        else:
            value = getattr(instance, field.attname)
            values[name] = "" if value in (None, "") else str(value)
    return values


def changes_between(before: dict[str, str], after: dict[str, str]) -> dict[str, list[str]]:
    """Field-wise differences, as {field: [old, new]}, for the audit entry's details."""
    return {k: [before.get(k, ""), v] for k, v in after.items() if before.get(k, "") != v}


def entries_for(target: models.Model):
    return AuditEntry.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
    ).select_related("actor")


# --- pseudonymisation (DSGVO Art. 17) ----------------------------------------------------


def _pattern(terms: Iterable[str]) -> re.Pattern | None:
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    if not terms:
        return None
    # Whole words only: "Lang" must not turn "Langenfeld GmbH" into "[…]enfeld GmbH".
    return re.compile(
        r"(?<![\w@.+-])(?:" + "|".join(re.escape(t) for t in terms) + r")(?![\w@-])",
        re.IGNORECASE,
    )


def pseudonymised(value, terms: Iterable[str], pseudonym: str):
    """`value` (text, or JSON data of any depth) with every term replaced by `pseudonym`."""
    pattern = terms if isinstance(terms, re.Pattern) else _pattern(terms)
    if pattern is None:
        return value
    if isinstance(value, str):
        return pattern.sub(pseudonym, value)
    if isinstance(value, dict):
        return {k: pseudonymised(v, pattern, pseudonym) for k, v in value.items()}
    if isinstance(value, list):
        return [pseudonymised(v, pattern, pseudonym) for v in value]
    return value


def mentioning(terms: Iterable[str], *fields: str, json_fields: Iterable[str] = ()) -> Q:
    """A filter for rows whose text `fields` or JSON `json_fields` contain one of `terms`.

    JSON text may hold non-ASCII letters escaped ("M\\u00fcller" on SQLite), so both
    spellings are searched. An empty term list matches nothing.
    """
    condition = Q(pk__in=[])
    for term in {t for t in terms if t}:
        for name in fields:
            condition |= Q(**{f"{name}__icontains": term})
        for name in json_fields:
            condition |= Q(**{f"{name}__icontains": term})
            escaped = json.dumps(term)[1:-1]
            if escaped != term:
                condition |= Q(**{f"{name}__icontains": escaped})
    return condition


def pseudonymise_entries(entries, terms: Iterable[str], pseudonym: str, *, actor=None) -> int:
    """Replace a person in audit entries: the record of what happened stays (action, time,
    type of record), the person does not (their login as actor, their names, addresses and
    numbers in the record's name and the details). Returns the number of entries changed."""
    pattern = _pattern(terms)
    changed = 0
    for entry in entries.select_for_update().order_by("pk"):
        fields = []
        if actor is not None and entry.actor_id == actor.pk:
            entry.actor = None
            entry.data = {**entry.data, "erased_actor": pseudonym}
            fields += ["actor", "data"]
        if pattern is not None:
            repr_, data = (
                pseudonymised(entry.target_repr, pattern, pseudonym),
                pseudonymised(entry.data, pattern, pseudonym),
            )
            if repr_ != entry.target_repr or data != entry.data:
                entry.target_repr, entry.data = repr_, data
                fields += ["target_repr", "data"]
        if fields:
            entry.save(update_fields=sorted(set(fields)))
            changed += 1
    return changed


register_action("core.admin.changed", _("Record changed in the back office"))
register_action("core.admin.created", _("Record created in the back office"))
register_action("core.admin.deleted", _("Record deleted in the back office"))
