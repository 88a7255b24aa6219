"""What later apps derived from a person's data, shown to the person on the privacy page.

An app registers `describe(person) -> list[PrivacySection]` (the personas app: which
persona the person is in); the privacy app never imports it.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PrivacySection:
    title: str
    lines: list[str]
    note: str = ""


_DESCRIBERS: list[Callable] = []


def register_privacy_section(describe: Callable) -> None:
    if describe not in _DESCRIBERS:
        _DESCRIBERS.append(describe)


def privacy_sections(person) -> list[PrivacySection]:
    return [section for describe in _DESCRIBERS for section in describe(person)]
