"""The fields an export's columns can be assigned to, and how each cell is checked.

The organisation's and the person's own fields, their labels and header spellings come
from the directory's declaration (directory/fields.py); this module adds what only an
import has (the record ID, the membership columns, a person's addresses and employer) and
picks each field's cell checker by its kind.

Cells are checked with the same rules as the directory's forms (e-mail, phone numbers to
E.164, German postcodes, VAT IDs via python-stdnum, web addresses), and every problem is
described per field in words a cluster manager understands.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knotenpunkt.directory import fields as declared_fields
from knotenpunkt.directory import validators
from knotenpunkt.directory.fields import FieldKind, ProfileField, imported_fields
from knotenpunkt.directory.models import Membership, Organisation, Person


@dataclass(frozen=True)
class TargetField:
    key: str
    label: Promise
    clean: Callable[[str], Any]
    synonyms: tuple[str, ...] = ()
    required: bool = False


def header_key(text: str) -> str:
    """ "eMail-Adresse" → "emailadresse": what two spellings of a header have in common."""
    text = text.casefold().replace("ß", "ss")
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue")):
        text = text.replace(umlaut, spelled)
    return re.sub(r"[^a-z0-9]", "", text)


# Cleaners: each takes a non-empty cell and returns the value to store, or raises
# ValidationError with the reason.


def clean_text(max_length: int) -> Callable[[str], str]:
    def clean(value: str) -> str:
        value = " ".join(value.split())
        if len(value) > max_length:
            raise ValidationError(
                _("it is longer than %(limit)s characters") % {"limit": max_length}
            )
        return value

    return clean


def clean_email(value: str) -> str:
    value = value.strip().lower()
    try:
        validate_email(value)
    except ValidationError as exc:
        raise ValidationError(_("this is not an e-mail address")) from exc
    return value


def clean_phone(value: str) -> str:
    try:
        number = phonenumbers.parse(value, "DE")
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(_("this is not a phone number")) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(_("this is not a valid phone number"))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def clean_postcode(value: str) -> str:
    value = value.strip()
    if value.isdigit() and len(value) == 4:
        # Excel drops the leading zero of Saxon and Thuringian postcodes (01067 → 1067).
        value = "0" + value
    try:
        validators.validate_german_postcode(value)
    except ValidationError as exc:
        raise ValidationError(_("a German postcode has five digits")) from exc
    return value


def clean_website(value: str) -> str:
    try:
        return forms.URLField(assume_scheme="https").clean(value.strip())
    except ValidationError as exc:
        raise ValidationError(_("this is not a web address")) from exc


def clean_vat_id(value: str) -> str:
    compact = validators.normalise_vat_id(value.strip())
    try:
        validators.validate_vat_id(compact)
    except ValidationError as exc:
        raise ValidationError(_("this is not a valid VAT ID (e.g. DE123456789)")) from exc
    return compact


def clean_register_number(value: str) -> str:
    value = " ".join(value.split())
    try:
        validators.validate_register_number(value)
    except ValidationError as exc:
        raise ValidationError(_("enter it like HRB 12345 KI or VR 1234")) from exc
    return value


def clean_choice(choices, extra: dict[str, str] | None = None) -> Callable[[str], str]:
    """Accept the stored value or the label in German or English, case-insensitively.
    `choices`: a TextChoices class or a model field's (value, label) pairs."""
    choices = getattr(choices, "choices", choices)

    def clean(value: str) -> str:
        known = {header_key(k): v for k, v in (extra or {}).items()}
        for stored, label in choices:
            known[header_key(stored)] = stored
            for language in ("de", "en"):
                with translation.override(language):
                    known[header_key(str(label))] = stored
        if header_key(value) in known:
            return known[header_key(value)]
        labels = ", ".join(str(label) for _value, label in choices)
        raise ValidationError(_("use one of: %(labels)s") % {"labels": labels})

    return clean


def clean_count(value: str) -> int:
    try:
        number = int(value.replace(".", "").replace(" ", ""))
    except ValueError as exc:
        raise ValidationError(_("enter a whole number")) from exc
    if number < 0:
        raise ValidationError(_("the number cannot be negative"))
    return number


def clean_amount(value: str) -> Decimal:
    text = value.replace("€", "").replace("EUR", "").replace(" ", "").strip()
    if "," in text:
        # German notation: 1.200,50
        text = text.replace(".", "").replace(",", ".")
    try:
        amount = Decimal(text)
    except InvalidOperation as exc:
        raise ValidationError(_("enter an amount such as 600 or 1.200,50")) from exc
    if amount < 0 or not amount.is_finite():
        raise ValidationError(_("the amount cannot be negative"))
    return amount.quantize(Decimal("0.01"))


DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y", "%d/%m/%Y", "%Y-%m-%dT%H:%M:%S")


def clean_date(value: str) -> datetime.date:
    value = value.strip()
    if re.fullmatch(r"(19|20)\d\d", value):
        return datetime.date(int(value), 1, 1)
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, pattern).date()  # noqa: DTZ007 - a date
        except ValueError:
            continue
    raise ValidationError(_("enter a date such as 31.12.2024"))


SALUTATIONS = {
    "Herr": "mr",
    "Hr": "mr",
    "Mister": "mr",
    "Mr": "mr",
    "Frau": "ms",
    "Fr": "ms",
    "Mrs": "ms",
    "Ms": "ms",
    "Divers": "none",
    "Keine": "none",
}

# Other spellings of choice values seen in exports, per declared field.
CHOICE_SPELLINGS = {"salutation": SALUTATIONS}

CLEANERS_BY_KIND: dict[FieldKind, Callable[[str], Any]] = {
    FieldKind.COUNT: clean_count,
    FieldKind.EMAIL: clean_email,
    FieldKind.PHONE: clean_phone,
    FieldKind.POSTCODE: clean_postcode,
    FieldKind.WEBSITE: clean_website,
    FieldKind.VAT_ID: clean_vat_id,
    FieldKind.REGISTER_NUMBER: clean_register_number,
}


def declared_target(declared: ProfileField, model) -> TargetField:
    """The import's view of a field the directory declares: its label, header spellings
    and the checker for its kind (text length and choices from the model field)."""
    model_field = model._meta.get_field(declared.name)
    if declared.kind == FieldKind.TEXT:
        clean = clean_text(model_field.max_length)
    elif declared.kind == FieldKind.CHOICE:
        clean = clean_choice(model_field.choices, CHOICE_SPELLINGS.get(declared.name))
    elif declared.kind in CLEANERS_BY_KIND:
        clean = CLEANERS_BY_KIND[declared.kind]
    else:
        raise ValueError(f"{declared.name}: the import cannot read {declared.kind} values")
    return TargetField(
        declared.name, declared.label, clean, declared.import_aliases, declared.required
    )


RECORD_ID = TargetField(
    "record_id",
    gettext_lazy("Record ID in the source"),
    clean_text(200),
    (
        "id",
        "nr",
        "nummer",
        "kundennummer",
        "kundennr",
        "mitgliedsnummer",
        "mitgliedsnr",
        "kontaktid",
        "contactid",
        "datensatzid",
        "recordid",
        "ticketid",
        "bestellnummer",
    ),
)
# A person's row may carry their employer's address: the organisation's own fields.
STREET, POSTCODE, CITY, WEBSITE = (
    declared_target(declared_fields.organisation_field(name), Organisation)
    for name in ("street", "postcode", "city", "website")
)
MEMBERSHIP_KIND = TargetField(
    "membership_kind",
    gettext_lazy("Membership kind"),
    clean_choice(Membership.Kind, {"Vollmitglied": "paying", "Beitragsfrei": "free"}),
    ("mitgliedsart", "mitgliedschaft", "membershipkind", "membership", "beitragsart"),
)
ANNUAL_FEE = TargetField(
    "annual_fee",
    gettext_lazy("Yearly fee (EUR)"),
    clean_amount,
    ("beitrag", "jahresbeitrag", "mitgliedsbeitrag", "fee", "annualfee", "yearlyfee"),
)
MEMBER_SINCE = TargetField(
    "member_since",
    gettext_lazy("Member since"),
    clean_date,
    ("mitgliedseit", "eintritt", "eintrittsdatum", "membersince", "beitritt"),
)

# What a person's row holds beside the person's own declared fields.
PERSON_ROW_FIELDS = [
    TargetField(
        "email",
        gettext_lazy("E-mail address"),
        clean_email,
        ("email", "mail", "emailadresse", "mailadresse", "emailaddress", "e-mail"),
    ),
    TargetField(
        "phone",
        gettext_lazy("Phone"),
        clean_phone,
        ("telefon", "tel", "telefonnummer", "phone", "festnetz", "telefongeschaeftlich"),
    ),
    TargetField(
        "mobile",
        gettext_lazy("Mobile"),
        clean_phone,
        ("mobil", "handy", "mobiltelefon", "mobile", "mobilnummer", "handynummer"),
    ),
    TargetField(
        "organisation",
        gettext_lazy("Organisation"),
        clean_text(200),
        (
            "firma",
            "firmenname",
            "unternehmen",
            "organisation",
            "organization",
            "company",
            "arbeitgeber",
            "institution",
        ),
    ),
    TargetField(
        "job_title",
        gettext_lazy("Function / job title"),
        clean_text(150),
        ("funktion", "position", "jobtitle", "berufsbezeichnung", "rolle", "stellung"),
    ),
    STREET,
    POSTCODE,
    CITY,
    WEBSITE,
    MEMBERSHIP_KIND,
    ANNUAL_FEE,
    MEMBER_SINCE,
]


def fields_for(record_kind: str) -> list[TargetField]:
    """The fields a column can be assigned to, read from the directory's declaration."""
    if record_kind == "organisations":
        declared = imported_fields(declared_fields.ORGANISATION_PROFILE_FIELDS)
        own = [declared_target(f, Organisation) for f in declared]
        return [RECORD_ID, *own, MEMBERSHIP_KIND, ANNUAL_FEE, MEMBER_SINCE]
    declared = imported_fields(declared_fields.PERSON_PROFILE_FIELDS)
    own = [declared_target(f, Person) for f in declared]
    return [RECORD_ID, *own, *PERSON_ROW_FIELDS]


def suggest_mapping(headers: list[str], record_kind: str, saved: dict[str, str]) -> list[str]:
    """A target field (or "") per column: the source's saved choice, else a guess from
    the header's wording; each field is suggested for one column only."""
    targets = fields_for(record_kind)
    known = {f.key for f in targets}
    by_synonym = {header_key(s): f.key for f in targets for s in (f.key, *f.synonyms)}
    taken: set[str] = set()
    result = []
    for header in headers:
        if header in saved and (saved[header] in known or saved[header] == ""):
            choice = saved[header]
        else:
            key = header_key(header)
            choice = by_synonym.get(key, "")
            if not choice:
                # "E-Mail geschäftlich", "PLZ Firma": the longest synonym the header contains.
                candidates = [s for s in by_synonym if len(s) >= 4 and s in key]
                choice = by_synonym[max(candidates, key=len)] if candidates else ""
        if choice in taken:
            choice = ""
        if choice:
            taken.add(choice)
        result.append(choice)
    return result


@dataclass
class CheckedRow:
    number: int
    cells: list[str]
    record_kind: str
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        """What identifies the row in its source on the next import."""
        if self.values.get("record_id"):
            return self.values["record_id"]
        if self.record_kind == "people":
            return "email:" + self.values["email"] if self.values.get("email") else ""
        return "name:" + header_key(self.values["name"]) if self.values.get("name") else ""


def check_row(
    number: int, cells: list[str], headers: list[str], mapping: dict[int, str], record_kind: str
) -> CheckedRow:
    """Clean the mapped cells of one row; problems become sentences, one per field."""
    row = CheckedRow(number, cells, record_kind)
    failed = set()
    targets = {f.key: f for f in fields_for(record_kind)}
    if len(cells) > len(headers):
        row.errors.append(
            _(
                "The row has more cells than the header row (“%(extra)s”); perhaps a value "
                "contains the delimiter without quotes."
            )
            % {"extra": cells[-1][:80]}
        )
    for index, key in mapping.items():
        target = targets.get(key)
        if target is None:
            continue
        value = cells[index].strip() if index < len(cells) else ""
        if not value:
            continue
        try:
            row.values[key] = target.clean(value)
        except ValidationError as exc:
            failed.add(key)
            row.errors.append(
                _("%(field)s “%(value)s” is not valid: %(reason)s.")
                % {"field": target.label, "value": value[:80], "reason": " ".join(exc.messages)}
            )
    for target in targets.values():
        if target.required and target.key not in row.values and target.key not in failed:
            row.errors.append(_("%(field)s is missing.") % {"field": target.label})
    if record_kind == "people" and not row.errors and not row.key:
        row.errors.append(
            _(
                "The row has neither a record ID nor an e-mail address, so it could not be "
                "recognised when the export is imported again."
            )
        )
    return row
