"""Checking a table a person filled in and uploads again (the strategy tree, the measures
table): its columns by their headers, each row's cells by column key, and every problem
reported with the row and the column the person finds it under in their file.

`reading.py` turns the file into text cells; this module reads meaning into them.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _


@dataclass
class Problem:
    row: int  # as the person sees it in the file (the header is row 1); 0: the header
    column: str
    message: str

    def __str__(self):
        if self.row:
            return _("Row %(row)s, column “%(column)s”: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("Column “%(column)s”: %(message)s") % {
            "column": self.column,
            "message": self.message,
        }


def column_positions(
    headers: list[str], columns: list[tuple[str, str]], other=None
) -> tuple[dict[str, int], list[Problem]]:
    """Where each of `columns` ((key, header) pairs) stands in the file, and the problems:
    unknown and missing columns. `other(index, header)` may accept a header that is not
    one of `columns` (returns True when it does)."""
    positions, problems = {}, []
    known = {header: key for key, header in columns}
    for index, header in enumerate(headers):
        if header in known:
            positions[known[header]] = index
        elif other is None or not other(index, header):
            problems.append(Problem(0, header, _("unknown column.")))
    for key, header in columns:
        if key not in positions:
            problems.append(Problem(0, header, _("the column is missing.")))
    return positions, problems


def word_lookup(words: dict) -> dict:
    """{value: (spelling, …)} → {spelling in lower case: value}, for cells that may name a
    choice in German or English."""
    return {w.lower(): value for value, spelled in words.items() for w in spelled}


def parse_decimal(text: str) -> Decimal | None:
    """A number as people type it in German or English files ("1.234,50 €", "1234.5"), or
    None."""
    cleaned = text.replace(" ", "").replace("€", "").replace("EUR", "")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def decimal_text(value: Decimal) -> str:
    """A decimal as a German file writes it: "1234,5" (read back by `parse_decimal`)."""
    return format(value.normalize(), "f").replace(".", ",")


class RowReader:
    """One row's cells by column key, collecting its problems under the columns' headers."""

    def __init__(self, number, cells, positions, problems, headers: dict[str, str]):
        self.number, self.cells, self.positions = number, cells, positions
        self.problems, self.headers = problems, headers

    def text(self, key, max_length=None) -> str:
        value = self.cells[self.positions[key]] if key in self.positions else ""
        if max_length and len(value) > max_length:
            self.problem(key, _("at most %(n)s characters.") % {"n": max_length})
        return value

    def problem(self, key, message) -> None:
        self.problems.append(Problem(self.number, self.headers.get(key, key), message))

    def choice(self, key, words, default):
        value = self.text(key)
        if not value:
            return default
        found = word_lookup(words).get(value.strip().lower())
        if found is None:
            allowed = ", ".join(w[0] for w in words.values())
            self.problem(
                key,
                _("“%(value)s” is not one of: %(allowed)s.") % {"value": value, "allowed": allowed},
            )
            return default
        return found

    def year(self, key, first: int = 1990, last: int = 2100) -> int | None:
        value = self.text(key)
        if not value:
            return None
        if not (value.isascii() and value.isdigit() and first <= int(value) <= last):
            self.problem(
                key,
                _("“%(value)s” is no year between %(first)s and %(last)s.")
                % {"value": value, "first": first, "last": last},
            )
            return None
        return int(value)
