"""Validators for the directory's German business identifiers."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.eu import vat
from stdnum.exceptions import ValidationError as StdnumValidationError

GERMAN_POSTCODE = re.compile(r"^\d{5}$")
# WZ 2008: division "62", group "62.0", class "62.01", subclass "62.01.0".
WZ_CODE = re.compile(r"^\d{2}(\.\d{1,2}(\.\d)?)?$")
# Handelsregister, Vereinsregister, Genossenschafts- and Partnerschaftsregister numbers.
REGISTER_NUMBER = re.compile(r"^(HRA|HRB|VR|GnR|PR|GsR)\s?\d{1,6}(\s?[A-ZÄÖÜ]{1,3})?$")


def validate_german_postcode(value: str) -> None:
    if not GERMAN_POSTCODE.match(value or ""):
        raise ValidationError(
            _("Enter a German postcode of five digits, e.g. 24103."), code="invalid_postcode"
        )


def validate_wz_code(value: str) -> None:
    if not WZ_CODE.match(value or ""):
        raise ValidationError(
            _("Enter a WZ 2008 code such as 62 or 62.01."), code="invalid_wz_code"
        )


def validate_register_number(value: str) -> None:
    if not REGISTER_NUMBER.match((value or "").strip()):
        raise ValidationError(
            _("Enter a register number such as HRB 12345 KI or VR 1234."),
            code="invalid_register_number",
        )


def validate_vat_id(value: str) -> None:
    if not vat.is_valid(value or ""):
        raise ValidationError(
            _("%(value)s is not a valid VAT ID (e.g. DE123456789)."),
            code="invalid_vat_id",
            params={"value": value},
        )


def normalise_vat_id(value: str) -> str:
    """The VAT ID without spaces or dots. What is no VAT ID at all (stdnum refuses to
    compact "abc") comes back as typed, for validate_vat_id to report, not as an error page."""
    try:
        return vat.compact(value) if value else ""
    except StdnumValidationError:
        return value.strip()


HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def validate_hex_colour(value: str) -> None:
    if not HEX_COLOUR.fullmatch(value or ""):
        raise ValidationError(
            _("Enter a colour as # and six hexadecimal digits, e.g. #1d4f91."), code="invalid"
        )
