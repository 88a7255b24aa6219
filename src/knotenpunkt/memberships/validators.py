"""Checks of the SEPA identifiers, with messages that name the field."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.iso7064 import mod_97_10

# The EPC's Latin character set (SEPA Implementation Guidelines, "character set"): what a
# mandate reference may hold, and no leading or doubled slash.
_MANDATE_REFERENCE = re.compile(r"[A-Za-z0-9+?/\-:().,' ]{1,35}")


def validate_creditor_id(value: str) -> None:
    """A SEPA creditor identifier: country, two check digits, a business code that the
    check ignores, then the national identifier (ISO 7064 MOD 97-10, EPC262-08)."""
    compact = value.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{3}[A-Z0-9]{1,28}", compact):
        raise ValidationError(
            _("The creditor identifier is not in the form DE98ZZZ09999999999."),
            code="creditor_id_format",
        )
    national = compact[7:]
    try:
        mod_97_10.validate(national + compact[:4])
    except StdnumError as error:
        raise ValidationError(
            _("The check digits of the creditor identifier do not match; please check it."),
            code="creditor_id_checksum",
        ) from error
    if compact.startswith("DE") and len(national) != 11:
        raise ValidationError(
            _("A German creditor identifier has 18 characters."), code="creditor_id_length"
        )


def validate_mandate_reference(value: str) -> None:
    if not _MANDATE_REFERENCE.fullmatch(value) or value.startswith("/") or "//" in value:
        raise ValidationError(
            _(
                "A mandate reference has at most 35 characters: letters A–Z, digits and "
                "+ ? / - : ( ) . , ' and spaces, not starting with / and without //."
            ),
            code="mandate_reference",
        )
