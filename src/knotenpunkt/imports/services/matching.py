"""Which existing record an export row refers to.

Only exact evidence counts here: the same source record (same source and record ID), a
person with the same e-mail address, an organisation with the same VAT ID, register
number, web domain or normalised name. Similar-looking records are the duplicate finder's
job later, never a guess of the import.
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.db.models.functions import Lower

from knotenpunkt.directory.models import Organisation, PersonEmail
from knotenpunkt.imports.fields import CheckedRow, header_key
from knotenpunkt.imports.models import ImportSource, SourceRecord

LOOKUP_BATCH = 500


def web_domain(url: str) -> str:
    host = urlsplit(url if "//" in url else f"https://{url}").hostname or ""
    return host.removeprefix("www.")


def organisation_name_key(name: str) -> str:
    return header_key(name)


@dataclass
class KnownRecord:
    person_id: int | None
    organisation_id: int | None
    imported_values: dict = field(default_factory=dict)


def _batches(values, size=LOOKUP_BATCH):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


class Matcher:
    """Lookups for one file, loaded in a few queries and kept current while importing."""

    def __init__(self, source: ImportSource, rows: list[CheckedRow]):
        self.records: dict[str, KnownRecord] = {}
        for keys in _batches({r.key for r in rows if r.key}):
            for record in SourceRecord.objects.filter(source=source, record_id__in=keys):
                self.records[record.record_id] = KnownRecord(
                    record.person_id, record.organisation_id, record.imported_values
                )
        self.people_by_email: dict[str, int] = {}
        emails = {r.values["email"] for r in rows if r.values.get("email")}
        if source.record_kind == ImportSource.RecordKind.PEOPLE:
            for batch in _batches(emails):
                pairs = (
                    # Only addresses that identify their person: an unconfirmed one a
                    # user typed into their own profile must not draw an import row to them.
                    PersonEmail.objects.identifying()
                    .filter(person__erased_at__isnull=True)
                    .annotate(lower_address=Lower("address"))
                    .filter(lower_address__in=batch)
                    .order_by("person_id")
                    .values_list("lower_address", "person_id")
                )
                for address, person_id in pairs:
                    self.people_by_email.setdefault(address, person_id)
        self.organisations: dict[str, dict[str, int]] = {
            "vat_id": {},
            "register_number": {},
            "domain": {},
            "name": {},
        }
        # Every organisation, four short columns: 13,500 firms are a few hundred kilobytes.
        fields = ("pk", "name", "vat_id", "register_number", "website")
        for pk, name, vat_id, register_number, website in Organisation.objects.order_by(
            "pk"
        ).values_list(*fields):
            self.remember_organisation(pk, name, vat_id, register_number, website)

    def remember_organisation(self, pk, name="", vat_id="", register_number="", website=""):
        for kind, value in (
            ("vat_id", vat_id),
            ("register_number", " ".join((register_number or "").split())),
            ("domain", web_domain(website) if website else ""),
            ("name", organisation_name_key(name or "")),
        ):
            if value:
                self.organisations[kind].setdefault(value, pk)

    def remember_record(self, key: str, person_id, organisation_id, imported_values: dict):
        self.records[key] = KnownRecord(person_id, organisation_id, imported_values)

    def remember_email(self, email: str, person_id: int):
        self.people_by_email.setdefault(email, person_id)

    def known_record(self, row: CheckedRow) -> KnownRecord | None:
        return self.records.get(row.key) if row.key else None

    def person_for(self, row: CheckedRow) -> tuple[int | None, str]:
        """The person a people row refers to and how we know."""
        record = self.known_record(row)
        if record and record.person_id:
            return record.person_id, "record"
        email = row.values.get("email")
        if email and email in self.people_by_email:
            return self.people_by_email[email], "email"
        return None, ""

    def organisation_for(self, values: dict, record: KnownRecord | None = None):
        """The organisation described by `values` (an organisation row, or the employer
        columns of a people row) and how we know."""
        if record and record.organisation_id:
            return record.organisation_id, "record"
        name = values.get("name") or values.get("organisation") or ""
        for kind, value in (
            ("vat_id", values.get("vat_id")),
            ("register_number", values.get("register_number")),
            ("domain", web_domain(values["website"]) if values.get("website") else ""),
            ("name", organisation_name_key(name)),
        ):
            if value and value in self.organisations[kind]:
                return self.organisations[kind][value], kind
        return None, ""
