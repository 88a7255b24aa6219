"""Leitweg-ID check, per the KoSIT specification "Format und Prüfziffernberechnung der
Leitweg-ID" (Koordinierungsstelle für IT-Standards, Version 2.0.x).

A Leitweg-ID is the buyer reference (BT-10) of an XRechnung to a German public body:

    Grobadressierung - [Feinadressierung -] Prüfziffer
    2 to 12 digits     up to 30 letters/digits  2 digits

The check digits follow ISO/IEC 7064 MOD 97-10 as the KoSIT specification applies it:
letters count as 10 (A) to 35 (Z), the hyphens are dropped, and the whole number including
the check digits leaves remainder 1 when divided by 97 (the same scheme as IBAN). The
specification treats letters case-insensitively.

Both the cluster's invoices (invoicing) and the one-stop shop's supplier invoices
(procurement, which re-exports these names) check Leitweg-IDs here: one validator.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.iso7064 import mod_97_10

PATTERN = re.compile(
    r"^(?P<coarse>[0-9]{2,12})(?:-(?P<fine>[A-Za-z0-9]{1,30}))?-(?P<check>[0-9]{2})$"
)


def check_digits(coarse: str, fine: str = "") -> str:
    """The two check digits for a Grobadressierung and an optional Feinadressierung."""
    return mod_97_10.calc_check_digits(coarse + fine)


def is_valid_leitweg_id(value: str) -> bool:
    """True when `value` has the Leitweg-ID format and correct MOD 97-10 check digits."""
    match = PATTERN.match(value or "")
    if not match:
        return False
    # python-stdnum's MOD 97-10 reads letters of either case as 10 (A) to 35 (Z).
    return mod_97_10.is_valid(match["coarse"] + (match["fine"] or "") + match["check"])


def validate_leitweg_id(value: str) -> None:
    """Model/form validator with a message that says what is wrong."""
    if not PATTERN.match(value or ""):
        raise ValidationError(
            _(
                "A Leitweg-ID looks like 2 to 12 digits, optionally a hyphen and up to 30 "
                "letters or digits, then a hyphen and two check digits (e.g. 991-33333TEST-33)."
            )
        )
    if not is_valid_leitweg_id(value):
        raise ValidationError(
            _("The check digits of this Leitweg-ID do not match; please check for a typo.")
        )
