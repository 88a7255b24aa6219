"""Extension points through which apps announce what they own about a person.

An earlier app never imports a later one. Instead, every app that stores personal data
registers here (in its AppConfig.ready) how to export it (DSGVO Art. 15) and how to erase
it (Art. 17). The privacy services walk these registrations without knowing the apps.
Later issues add the relations the merge must move in the same way.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PersonalDataProvider:
    key: str
    export: Callable[[Any], Any]
    erase: Callable[[Any], None] | None = None


_PERSONAL_DATA: dict[str, PersonalDataProvider] = {}


def register_personal_data(
    key: str, export: Callable[[Any], Any], erase: Callable[[Any], None] | None = None
) -> None:
    """`export(person)` returns JSON-ready data; `erase(person)` removes or anonymises it."""
    _PERSONAL_DATA[key] = PersonalDataProvider(key, export, erase)


def personal_data_providers() -> list[PersonalDataProvider]:
    return [_PERSONAL_DATA[key] for key in sorted(_PERSONAL_DATA)]


@dataclass(frozen=True)
class MergeRelation:
    """A foreign key that points at a person or organisation and must follow a merge.

    `unique_with` names the other fields that, together with `field`, must stay unique
    (e.g. a consent per person and purpose): a row of the merged-away record that would
    collide with one of the surviving record is removed instead of moved (and restored by
    undo).
    """

    target: str  # "person" or "organisation"
    model: str  # "app_label.ModelName"
    field: str
    unique_with: tuple[str, ...] = ()


_MERGE_RELATIONS: dict[tuple[str, str, str], MergeRelation] = {}


def register_merge_relation(
    target: str, model: str, field: str, unique_with: tuple[str, ...] = ()
) -> None:
    """Announce that `model.field` points at a `target` and must be moved by a merge."""
    if target not in ("person", "organisation"):
        raise ValueError(f"unknown merge target {target!r}")
    _MERGE_RELATIONS[(target, model, field)] = MergeRelation(target, model, field, unique_with)


def merge_relations(target: str) -> list[MergeRelation]:
    return [r for key, r in sorted(_MERGE_RELATIONS.items()) if key[0] == target]
