"""How a transfer names the invoice it pays: the invoice number, plain or as an ISO 11649
structured creditor reference (RF reference).

An RF reference is "RF", two check digits and up to 21 letters and digits. The reference
part of an invoice's RF reference is the invoice number without its hyphens:
DIWISH-2026-00042 becomes RF17DIWISH202600042. Reading it back needs no table: the last
nine characters are the year and the five-digit sequence number, the rest is the prefix
without hyphens. A number prefix of more than 12 characters gives a reference part longer
than 21 characters; such invoices have no RF reference and are found by their plain
number only.
"""

import re

from stdnum import iso11649
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.iso7064 import mod_97_10

# PREFIX-YYYY-NNNNN, the numbers `issuing` gives out (the prefix may contain hyphens).
INVOICE_NUMBER = re.compile(r"(?<![A-Z0-9])[A-Z0-9][A-Z0-9-]*-\d{4}-\d{5}(?![0-9])")
RF_START = re.compile(r"(?<![A-Z0-9])RF\d{2}")
RF_REFERENCE_PART_LENGTH = 21


def compact_number(number: str) -> str:
    """The invoice number as an RF reference part: letters and digits only."""
    return re.sub(r"[^A-Z0-9]", "", number.upper())


def rf_reference(number: str) -> str | None:
    """The RF reference naming invoice `number`, or None when it would be too long."""
    part = compact_number(number)
    if not part or len(part) > RF_REFERENCE_PART_LENGTH:
        return None
    return "RF" + mod_97_10.calc_check_digits(part + "RF") + part


def reference_part(text: str) -> str | None:
    """The reference part of a valid RF reference (spaces allowed), else None."""
    try:
        return iso11649.validate(text)[4:]
    except StdnumError:
        return None


def invoice_numbers_in(text: str) -> list[str]:
    """Every invoice number a remittance text may mean, in the order found.

    A number glued to a word before it by a hyphen ("Rechnung-DIWISH-2026-00042") is
    also tried without the leading parts, since the prefix itself may contain hyphens.
    """
    found = []
    for match in INVOICE_NUMBER.findall(text.upper()):
        parts = match.split("-")
        for start in range(len(parts) - 2):
            candidate = "-".join(parts[start:])
            if candidate not in found:
                found.append(candidate)
    return found


def rf_reference_parts_in(text: str) -> list[str]:
    """The reference parts of the valid RF references in a free text, written in one
    piece or in groups of four ("RF17 DIWI SH20 2600 042")."""
    parts = []
    text = text.upper()
    for start in RF_START.finditer(text):
        words = text[start.start() :].split()[:7]
        # The longest run of words that is a valid reference; a word after it is not part.
        for end in range(len(words), 0, -1):
            part = reference_part("".join(words[:end]))
            if part:
                if part not in parts:
                    parts.append(part)
                break
    return parts


def split_reference_part(part: str) -> tuple[str, int, int] | None:
    """(prefix without hyphens, year, sequence number) of an RF reference part that has
    the shape of an invoice number, else None."""
    match = re.fullmatch(r"([A-Z0-9]+?)(\d{4})(\d{5})", part)
    if not match:
        return None
    return match.group(1), int(match.group(2)), int(match.group(3))
