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
