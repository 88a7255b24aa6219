"""Rows in Django's serialised form (model, pk, fields), exact to the microsecond, so that
a merge can be undone row for row and a later change to a row can be detected."""

import datetime
import json
from decimal import Decimal

from django.apps import apps
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder

# Kept by the directory's search indexing, recomputed after a merge or undo instead of
# being copied around (a tsvector does not survive a round trip as text).
DERIVED_FIELDS = {"search_document", "search_vector"}


class _ExactEncoder(DjangoJSONEncoder):
    # DjangoJSONEncoder cuts microseconds to milliseconds; undo must restore them exactly.
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        if isinstance(o, Decimal):
            return str(o)
        return super().default(o)


def serialise(objects) -> list[dict]:
    """Rows of one model as JSON-ready dicts; many-to-many links as lists of keys."""
    objects = list(objects)
    if not objects:
        return []
    model = type(objects[0])
    fields = [
        f.name
        for f in model._meta.get_fields()
        if (f.concrete and not f.primary_key and f.name not in DERIVED_FIELDS)
        and (not f.many_to_many or f.remote_field.through._meta.auto_created)
    ]
    data = serializers.serialize("python", objects, fields=fields)
    return json.loads(json.dumps(data, cls=_ExactEncoder))


def restore(data: list[dict], *, save_m2m: bool = False) -> None:
    """Write rows back with their own keys and every recorded value; a raw save, so that
    auto_now fields keep the recorded times instead of taking the current one."""
    for obj in serializers.deserialize("python", data):
        obj.save(save_m2m=save_m2m)


def _current(data: list[dict]) -> dict[tuple[str, str], dict]:
    """The rows `data` describes as they are now, serialised the same way."""
    by_model: dict[str, list] = {}
    for item in data:
        by_model.setdefault(item["model"], []).append(item["pk"])
    current = {}
    for label, pks in by_model.items():
        model = apps.get_model(label)
        for item in serialise(model._base_manager.filter(pk__in=pks).order_by("pk")):
            current[(item["model"], str(item["pk"]))] = item
    return current


def changed_since(data: list[dict]) -> list[dict]:
    """The rows of `data` that no longer look as recorded (changed or deleted)."""
    current = _current(data)
    return [item for item in data if current.get((item["model"], str(item["pk"]))) != item]
