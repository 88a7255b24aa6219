"""The one audit log. Services write it; views and templates only read it.

Action codes are namespaced by app (`directory.organisation.changed`) and registered with a
display text, the way pretix and Wagtail turn log codes into sentences.
"""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.models import AuditEntry

_ACTIONS: dict[str, Promise | str] = {}


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
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:300] if target is not None else "",
        data=data,
    )


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


register_action("core.admin.changed", _("Record changed in the back office"))
register_action("core.admin.created", _("Record created in the back office"))
register_action("core.admin.deleted", _("Record deleted in the back office"))
