"""The one CSV writer of the platform: every CSV it hands out goes through it.

A spreadsheet opens a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
as a formula, so a name typed as `=HYPERLINK(...)` in a sign-up form would run in the
office of whoever opens the export (OWASP "CSV injection"). Such cells are written with a
leading apostrophe, which spreadsheets show as plain text. Numbers the platform itself
writes (amounts, counts) are passed as int/Decimal/float and stay untouched, so a
negative amount is still a number.
"""

import csv
from decimal import Decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A cell value that no spreadsheet evaluates as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float | Decimal):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def as_typed(text: str) -> str:
    """The inverse of `neutralise` for a cell read back (an export edited and imported
    again): the apostrophe the writer put before a formula character goes."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


class SafeWriter:
    """`csv.writer` with every text cell neutralised."""

    def __init__(self, file, **options):
        self._writer = csv.writer(file, **options)

    def writerow(self, row):
        return self._writer.writerow([neutralise(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(file, **options) -> SafeWriter:
    """A CSV writer for exports; takes the same options as `csv.writer`."""
    return SafeWriter(file, **options)
