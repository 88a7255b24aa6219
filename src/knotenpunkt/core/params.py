"""Whole numbers from a request (query string, form field, path), parsed with bounds.

`int("1" * 40)` is a valid Python integer that no database column holds: SQLite raises
OverflowError and PostgreSQL a DataError, and the visitor gets an error page. Every view
reads such numbers through these functions, which answer with the default (or leave the
value out) instead.
"""

# The range of a database id (BigAutoField) and of everyday counts and years.
MAX_ID = 2**63 - 1
# Longer text is not a number worth parsing (and int() of a huge string is slow).
_MAX_DIGITS = 19


def bounded_int(value, default=None, *, minimum=0, maximum=MAX_ID):
    """`value` as an int if it is a whole number within [minimum, maximum], else `default`."""
    if value is None:
        return default
    text = str(value).strip()
    digits = text[1:] if text[:1] in "+-" else text
    if not digits.isascii() or not digits.isdigit() or len(digits) > _MAX_DIGITS:
        return default
    number = int(text)
    return number if minimum <= number <= maximum else default


def int_list(values, *, minimum=1, maximum=MAX_ID, limit=100) -> list[int]:
    """The whole numbers among `values` within bounds, without repeats, at most `limit`."""
    numbers = []
    for value in values:
        number = bounded_int(value, minimum=minimum, maximum=maximum)
        if number is not None and number not in numbers:
            numbers.append(number)
            if len(numbers) == limit:
                break
    return numbers


def is_id(value) -> bool:
    """Whether `value` could be the id of a stored record."""
    return bounded_int(value, minimum=1) is not None
