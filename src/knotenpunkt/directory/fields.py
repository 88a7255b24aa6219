"""The organisation's and the person's profile fields, declared once.

The profile form (directory/forms.py), the merge's side-by-side choice (quality's merge),
the import's column assignment (imports/fields.py and its execution) and the record
linkage (quality/linkage) all read these declarations, so a field added here appears in
each of them without a second list to keep in step.

`kind` says what a value is, so that each reader can treat it right without knowing
the field (the import picks its cell checker by it); `import_aliases` are the header
spellings an export's column is recognised by (compared after `header_key`: lower case,
umlauts spelled out, no punctuation). A field without aliases is not offered in the
import.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class FieldKind(StrEnum):
    TEXT = "text"
    CHOICE = "choice"
    COUNT = "count"
    EMAIL = "email"
    PHONE = "phone"
    POSTCODE = "postcode"
    WEBSITE = "website"
    VAT_ID = "vat_id"
    REGISTER_NUMBER = "register_number"
    WZ_CODE = "wz_code"
    REGION = "region"
    RICH_TEXT = "rich_text"
    IMAGE = "image"
    FLAG = "flag"
    TOPICS = "topics"


@dataclass(frozen=True)
class ProfileField:
    name: str
    kind: FieldKind
    # How the import's column assignment names it (the form and the merge use the
    # model field's verbose name); needed for an importable field.
    label: Promise | None = None
    import_aliases: tuple[str, ...] = ()
    required: bool = False
    in_form: bool = True
    # Chosen side by side in a merge; many-to-many fields are merged as relations instead.
    in_merge: bool = True
    # Compared by the record linkage (quality/linkage) when it looks for duplicates.
    in_linkage: bool = False

    @property
    def importable(self) -> bool:
        return bool(self.import_aliases)

    def __post_init__(self):
        if self.importable and self.label is None:
            raise ValueError(f"{self.name}: an importable field needs a label")


ORGANISATION_PROFILE_FIELDS: tuple[ProfileField, ...] = (
    ProfileField(
        "name",
        FieldKind.TEXT,
        _("Name of the organisation"),
        ("name", "firma", "firmenname", "unternehmen", "organisation", "organization", "company"),
        required=True,
        in_linkage=True,
    ),
    ProfileField("legal_form", FieldKind.CHOICE, _("Legal form"), ("rechtsform", "legalform")),
    ProfileField(
        "actor_type",
        FieldKind.CHOICE,
        _("Actor type"),
        ("akteursgruppe", "akteurstyp", "actortype", "typ", "branche"),
    ),
    ProfileField("size_class", FieldKind.CHOICE),
    ProfileField(
        "employees",
        FieldKind.COUNT,
        _("Employees"),
        ("mitarbeiter", "mitarbeitende", "beschaeftigte", "employees", "mitarbeiterzahl"),
    ),
    ProfileField("wz_code", FieldKind.WZ_CODE),
    ProfileField(
        "street",
        FieldKind.TEXT,
        _("Street and number"),
        ("strasse", "street", "adresse", "anschrift", "strassehausnummer", "address"),
        in_linkage=True,
    ),
    ProfileField(
        "postcode",
        FieldKind.POSTCODE,
        _("Postcode"),
        ("plz", "postleitzahl", "postcode", "zip", "zipcode", "postalcode"),
        in_linkage=True,
    ),
    ProfileField(
        "city",
        FieldKind.TEXT,
        _("City"),
        ("ort", "stadt", "city", "wohnort"),
        in_linkage=True,
    ),
    ProfileField("region", FieldKind.REGION),
    ProfileField(
        "website",
        FieldKind.WEBSITE,
        _("Website"),
        ("website", "webseite", "homepage", "internet", "url", "web", "internetadresse"),
        in_linkage=True,
    ),
    ProfileField(
        "email",
        FieldKind.EMAIL,
        _("General e-mail"),
        ("email", "mail", "emailadresse", "mailadresse", "emailaddress"),
        in_linkage=True,
    ),
    ProfileField(
        "phone",
        FieldKind.PHONE,
        _("Phone"),
        ("telefon", "tel", "telefonnummer", "phone", "zentrale"),
        in_linkage=True,
    ),
    ProfileField("description", FieldKind.RICH_TEXT),
    ProfileField("logo", FieldKind.IMAGE),
    ProfileField(
        "register_number",
        FieldKind.REGISTER_NUMBER,
        _("Register number"),
        ("handelsregister", "handelsregisternummer", "registernummer", "hrb", "registernumber"),
        in_linkage=True,
    ),
    ProfileField(
        "vat_id",
        FieldKind.VAT_ID,
        _("VAT ID"),
        ("ustid", "ustidnr", "umsatzsteueridentifikationsnummer", "vatid", "vat", "ustidnummer"),
        in_linkage=True,
    ),
    ProfileField("is_listed", FieldKind.FLAG),
    ProfileField("topics", FieldKind.TOPICS, in_merge=False),
)

PERSON_PROFILE_FIELDS: tuple[ProfileField, ...] = (
    ProfileField("salutation", FieldKind.CHOICE, _("Salutation"), ("anrede", "salutation")),
    ProfileField("title", FieldKind.TEXT, _("Academic title"), ("titel", "title")),
    ProfileField(
        "first_name",
        FieldKind.TEXT,
        _("First name"),
        ("vorname", "firstname", "givenname"),
        required=True,
    ),
    ProfileField(
        "last_name",
        FieldKind.TEXT,
        _("Last name"),
        ("nachname", "name", "lastname", "surname", "familienname", "zuname"),
        required=True,
    ),
    ProfileField("is_public", FieldKind.FLAG),
    ProfileField("topics", FieldKind.TOPICS, in_merge=False),
)


def form_fields(declared: tuple[ProfileField, ...]) -> list[str]:
    """The model fields the profile form edits, in the declared order."""
    return [f.name for f in declared if f.in_form]


def merge_fields(declared: tuple[ProfileField, ...]) -> tuple[str, ...]:
    """The fields a merge lets the user choose side by side."""
    return tuple(f.name for f in declared if f.in_merge)


def imported_fields(declared: tuple[ProfileField, ...]) -> tuple[ProfileField, ...]:
    """The fields an import's column can fill."""
    return tuple(f for f in declared if f.importable)


def linkage_fields(declared: tuple[ProfileField, ...]) -> tuple[str, ...]:
    """The fields the record linkage compares."""
    return tuple(f.name for f in declared if f.in_linkage)


def organisation_field(name: str) -> ProfileField:
    return next(f for f in ORGANISATION_PROFILE_FIELDS if f.name == name)
