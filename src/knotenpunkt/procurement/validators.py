"""Validation of administrative service keys (LeiKa) as providers enter them."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

LEIKA_KEY = re.compile(r"^[0-9]{14}$")
# Federal services carry 99 in front; Land-specific ones the Land's two-digit key 01-16.
FEDERAL_PREFIX = "99"
LAND_PREFIXES = {f"{n:02d}" for n in range(1, 17)}


def parse_leika_keys(text: str) -> list[str]:
    """Keys separated by commas, spaces or line breaks; blanks inside a key are tolerated
    when the key is written in groups ("99 123 012 001 000" is one key only if written
    on its own line)."""
    keys = []
    for line in (text or "").replace(",", "\n").replace(";", "\n").splitlines():
        compact = line.replace(" ", "")
        if compact:
            keys.append(compact)
    return keys


def validate_leika_keys(text: str) -> None:
    errors = []
    for key in parse_leika_keys(text):
        if not LEIKA_KEY.match(key):
            errors.append(
                _("“%(key)s” is not a LeiKa key: a key has exactly 14 digits.") % {"key": key}
            )
        elif key[:2] != FEDERAL_PREFIX and key[:2] not in LAND_PREFIXES:
            errors.append(
                _(
                    "“%(key)s” is not a LeiKa key: federal keys start with 99, "
                    "Land keys with the Land's number 01 to 16."
                )
                % {"key": key}
            )
    if errors:
        raise ValidationError(errors)
