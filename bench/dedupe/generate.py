"""Deterministic generator of noisy contact exports for the duplicate benchmark.

A cluster management's people live in four systems (a CRM, the newsletter tool, the
ticket shop, the association's ERP); each exports them its own way. This module makes
up people and their employers, lets each system hold a noisy copy of some of them, and
writes one CSV in the `find-duplicates` contract plus the ground truth (record id →
person id).

Noise model (what a record may suffer, see `_noisy_record`): umlaut transliteration
(ü→ue, ß→ss), upper case, initials for the given name, academic titles in the name
field, typos (one letter swapped, dropped, doubled or replaced), double names shortened,
phone numbers in seven German formats, legal-form variants of the employer, missing
fields, a work address in one system and a private one in another, a changed employer
or e-mail address for some people. Confusers: different people with the same name,
family members at one address with the same private mail provider, colleagues sharing
an employer, its switchboard number, address and web site.

    python bench/dedupe/generate.py --records 2000 --out /tmp/people.csv --truth /tmp/truth.csv

Rates and what is not modelled: docs/benchmarks.md, section "Duplicates".
"""

import argparse
import csv
import itertools
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from knotenpunkt.demo.names import (
    AREA_CODES,
    COMPOUND_ENDINGS,
    FIRST_NAMES_FEMALE,
    FIRST_NAMES_MALE,
    LAST_NAMES,
    MOBILE_PREFIXES,
    PLACE_WORDS,
    PRIVATE_MAIL_DOMAINS,
    TITLES,
)

REGIONS_FILE = (
    Path(__file__).resolve().parents[2]
    / "src"
    / "knotenpunkt"
    / "directory"
    / "data"
    / "regions.json"
)
COLUMNS = [
    "record_id",
    "source",
    "organisation",
    "first_name",
    "last_name",
    "email",
    "phone",
    "street",
    "postcode",
    "city",
    "website",
]
# Namesakes are made only with these; nobody expects two "Anke Ohlstedt-Groß".
COMMON_SURNAMES = frozenset(LAST_NAMES[:60])
SOURCES = ["crm", "newsletter", "ticketshop", "erp"]
# How likely a person is to be in each system; everyone is in at least one.
SOURCE_SHARE = {"crm": 0.55, "newsletter": 0.6, "ticketshop": 0.45, "erp": 0.35}

# The demo's 120 surnames are the most frequent ones; real exports have a long tail.
# Northern surname stems and endings make up a few hundred rarer ones.
SURNAME_STEMS = [
    "Brock",
    "Holl",
    "Stein",
    "Lang",
    "Kamp",
    "Rode",
    "Wester",
    "Oster",
    "Süder",
    "Norder",
    "Bünning",
    "Hinrich",
    "Detle",
    "Mommen",
    "Thede",
    "Jöhn",
    "Claußen",
    "Frerich",
    "Haß",
    "Kröger",
    "Lüth",
    "Möll",
    "Prehn",
    "Rathje",
    "Sievert",
    "Tams",
    "Voß",
    "Wulf",
    "Ahl",
    "Bruhn",
    "Dohr",
    "Fehr",
    "Groth",
    "Harm",
    "Ipsen",
    "Jacob",
    "Kahl",
    "Lorenz",
    "Matz",
    "Nissen",
    "Ohl",
    "Pauls",
    "Reimer",
    "Schü",
    "Thom",
    "Ueck",
    "Wöhl",
]
SURNAME_ENDINGS = [
    "mann",
    "sen",
    "ing",
    "hoff",
    "berg",
    "feld",
    "bek",
    "dorf",
    "haus",
    "ke",
    "er",
    "mer",
    "ler",
    "stedt",
    "horst",
    "meyer",
    "brink",
    "rath",
    "wald",
    "holt",
    "lund",
    "büttel",
    "wisch",
    "kötter",
]
STREET_ENDINGS = ["straße", "weg", "allee", "ring", "damm", "stieg", "redder", "koppel"]
LEGAL_FORMS = [
    ("GmbH", ["GmbH", "G.m.b.H.", "Gesellschaft mit beschränkter Haftung", "mbH", "gmbh", ""]),
    ("GmbH & Co. KG", ["GmbH & Co. KG", "GmbH & Co KG", "GmbH und Co. KG", "KG", ""]),
    ("UG (haftungsbeschränkt)", ["UG (haftungsbeschränkt)", "UG", "UG (haftungsbeschraenkt)", ""]),
    ("AG", ["AG", "Aktiengesellschaft", ""]),
    ("e.V.", ["e.V.", "e. V.", "eV", ""]),
    ("eG", ["eG", "e.G.", ""]),
    ("KG", ["KG", ""]),
    ("OHG", ["OHG", "oHG", ""]),
    ("GbR", ["GbR", ""]),
    ("SE", ["SE", ""]),
]
LEGAL_FORM_SHARE = [40, 12, 10, 6, 8, 3, 4, 2, 6, 1]
FIRM_WORDS = [
    "Digital",
    "Software",
    "Media",
    "Consulting",
    "Systems",
    "IT-Service",
    "Design",
    "Netzwerk",
    "Solutions",
    "Engineering",
    "Kommunikation",
    "Technik",
]


@dataclass
class Organisation:
    name: str
    legal_form: str
    domain: str
    switchboard: str  # national number without the leading 0: "431 99 88 77"
    street: str
    postcode: str
    city: str


@dataclass
class Person:
    entity: str
    first: str
    last: str
    employer: Organisation | None
    work_email: str
    private_email: str
    direct_phone: str
    mobile: str
    home_street: str
    home_postcode: str
    home_city: str
    # Set for some people: the employer and e-mail before a change.
    former_employer: Organisation | None = None
    former_email: str = ""
    sources: list[str] = field(default_factory=list)
    # Whether the person signs up for things (newsletter, tickets) with the work address.
    prefers_work_email: bool = True


def _ascii(text: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ş": "s", "ı": "i"})
    folded = text.lower().translate(table)
    return "".join(ch for ch in folded if ch.isascii() and (ch.isalnum() or ch in "-."))


class Generator:
    """Makes up a population and its exports from one seed."""

    def __init__(self, seed: int = 42, few_surnames: bool = False):
        self.rng = random.Random(seed)
        self.regions = json.loads(REGIONS_FILE.read_text(encoding="utf-8"))
        self.towns = [(town, region) for region in self.regions for town in region["towns"]]
        surnames = list(LAST_NAMES) + [
            stem + ending for stem in SURNAME_STEMS for ending in SURNAME_ENDINGS
        ]
        if not few_surnames:
            # Germany has several hundred thousand surnames; compounds of two stems and
            # an ending ("Brockhollmann") stand in for the long tail.
            surnames += [
                stem + other.lower() + ending
                for stem in SURNAME_STEMS
                for other in SURNAME_STEMS
                if other != stem
                for ending in SURNAME_ENDINGS
            ]
        self.surnames = surnames
        # Zipf-like: the demo's names are the common ones. With the long tail, two
        # random people share a surname about once in 2,750 pairs (the 120 demo names
        # cover 16 % of people); with `few_surnames` once in 600, some four times what
        # German statistics give.
        weights = [1 / (rank + 60) for rank in range(len(surnames))]
        self.surname_weights = weights
        self.surname_cumulative = list(itertools.accumulate(weights))
        self.organisations: list[Organisation] = []
        self.used_domains: set[str] = set()
        self.used_emails: set[str] = set()

    # -- population ------------------------------------------------------------------

    def _address(self) -> tuple[str, str, str]:
        town, region = self.rng.choice(self.towns)
        if self.rng.random() < 0.5:
            street = self.rng.choice(region["streets"])
        else:
            street = self.rng.choice(PLACE_WORDS) + self.rng.choice(STREET_ENDINGS)
        number = self.rng.randint(1, 160)
        return f"{street} {number}", town["postcode"], town["city"]

    def _national_number(self, city: str) -> str:
        area = AREA_CODES.get(city) or self.rng.choice(list(AREA_CODES.values()))
        length = 10 - len(area)
        return area + "".join(str(self.rng.randint(0, 9)) for _ in range(length))

    def _organisation(self) -> Organisation:
        rng = self.rng
        while True:
            base = rng.choice(PLACE_WORDS) + rng.choice(COMPOUND_ENDINGS)
            if rng.random() < 0.6:
                base += " " + rng.choice(FIRM_WORDS)
            if rng.random() < 0.2:
                base = rng.choice(self.surnames) + " " + rng.choice(FIRM_WORDS)
            domain = _ascii(base.replace(" ", "-")) + ".example"
            if domain not in self.used_domains:
                break
        self.used_domains.add(domain)
        legal_form = rng.choices(range(len(LEGAL_FORMS)), weights=LEGAL_FORM_SHARE)[0]
        street, postcode, city = self._address()
        return Organisation(
            name=base,
            legal_form=str(legal_form),
            domain=domain,
            switchboard=self._national_number(city),
            street=street,
            postcode=postcode,
            city=city,
        )

    def _employer(self) -> Organisation:
        # Few large employers, many small ones: a new firm for 1 in 8 people.
        if not self.organisations or self.rng.random() < 0.125:
            self.organisations.append(self._organisation())
            return self.organisations[-1]
        index = int(len(self.organisations) * self.rng.random() ** 1.5)
        return self.organisations[min(index, len(self.organisations) - 1)]

    def _unique(self, email: str) -> str:
        """A provider hands out each address once: a second anke.boysen@ gets a number."""
        local, domain = email.rsplit("@", 1)
        candidate, number = email, 1
        while candidate in self.used_emails:
            number += 1
            candidate = f"{local}{number}@{domain}"
        self.used_emails.add(candidate)
        return candidate

    def _mailbox(self, first: str, last: str, style: int) -> str:
        first, last = _ascii(first), _ascii(last)
        return [f"{first}.{last}", f"{first[0]}.{last}", f"{first}{last}", f"{last}"][style]

    def _surname(self) -> str:
        return self.rng.choices(self.surnames, cum_weights=self.surname_cumulative)[0]

    def _person(self, number: int, last: str | None = None, home=None) -> Person:
        rng = self.rng
        first = rng.choice(FIRST_NAMES_FEMALE if rng.random() < 0.5 else FIRST_NAMES_MALE)
        if last is None:
            last = self._surname()
            if rng.random() < 0.04:
                last = last + "-" + self._surname()
        employer = self._employer() if rng.random() < 0.9 else None
        work_email = ""
        direct_phone = ""
        if employer:
            style = rng.choices(range(4), weights=[70, 20, 5, 5])[0]
            work_email = self._unique(f"{self._mailbox(first, last, style)}@{employer.domain}")
            if rng.random() < 0.5:
                direct_phone = employer.switchboard[:-2] + f"{rng.randint(10, 99)}"
            else:
                direct_phone = employer.switchboard
        private_email = ""
        if rng.random() < 0.7 or not employer:
            style = rng.choices(range(4), weights=[50, 15, 25, 10])[0]
            suffix = str(rng.randint(1, 99)) if rng.random() < 0.4 else ""
            private_email = self._unique(
                f"{self._mailbox(first, last, style)}{suffix}@{rng.choice(PRIVATE_MAIL_DOMAINS)}"
            )
        mobile = ""
        if rng.random() < 0.55:
            mobile = rng.choice(MOBILE_PREFIXES) + "".join(
                str(rng.randint(0, 9)) for _ in range(rng.choice([7, 8]))
            )
        home_street, home_postcode, home_city = home or self._address()
        return Person(
            entity=f"P{number:06d}",
            first=first,
            last=last,
            employer=employer,
            work_email=work_email,
            private_email=private_email,
            direct_phone=direct_phone,
            mobile=mobile,
            home_street=home_street,
            home_postcode=home_postcode,
            home_city=home_city,
        )

    def people(self, count: int) -> list[Person]:
        """`count` people, with the confusers a real population has."""
        rng = self.rng
        people: list[Person] = []
        while len(people) < count:
            person = self._person(len(people))
            people.append(person)
            roll = rng.random()
            if roll < 0.12 and len(people) < count:
                # A family member: same surname and home, often the same mail provider.
                relative = self._person(
                    len(people),
                    last=person.last,
                    home=(person.home_street, person.home_postcode, person.home_city),
                )
                if person.private_email and relative.private_email and rng.random() < 0.7:
                    domain = person.private_email.rsplit("@", 1)[1]
                    local = relative.private_email.rsplit("@", 1)[0]
                    relative.private_email = self._unique(f"{local}@{domain}")
                people.append(relative)
            elif roll < 0.16 and len(people) < count and person.last in COMMON_SURNAMES:
                # Namesake: another person with a frequent name ("Thomas Müller").
                namesake = self._person(len(people), last=person.last)
                namesake.first = person.first
                if namesake.employer:
                    mailbox = self._mailbox(person.first, person.last, 0)
                    namesake.work_email = self._unique(f"{mailbox}@{namesake.employer.domain}")
                people.append(namesake)
            elif roll < 0.22 and person.employer:
                # Changed employer: an older record shows the former one.
                person.former_employer = self._employer()
                mailbox = self._mailbox(person.first, person.last, 0)
                person.former_email = self._unique(f"{mailbox}@{person.former_employer.domain}")
        for person in people:
            person.prefers_work_email = bool(person.work_email) and (
                not person.private_email or rng.random() < 0.75
            )
            person.sources = [s for s in SOURCES if rng.random() < SOURCE_SHARE[s]]
            if not person.sources:
                person.sources = [rng.choice(SOURCES)]
            # The same person twice in one system (a second sign-up, a typo'd import).
            if rng.random() < 0.05:
                person.sources.append(rng.choice(person.sources))
        return people

    # -- exports ---------------------------------------------------------------------

    def _phone(self, national: str) -> str:
        if not national:
            return ""
        rng = self.rng
        for area in sorted(set(AREA_CODES.values()), key=len, reverse=True):
            if national.startswith(area) and not national.startswith(tuple(MOBILE_PREFIXES)):
                head, tail = area, national[len(area) :]
                break
        else:
            head, tail = national[:3], national[3:]
        spaced = " ".join(tail[i : i + 2] for i in range(0, len(tail), 2))
        return rng.choice(
            [
                f"+49 {head} {tail}",
                f"0{head}/{tail}",
                f"0{head} {spaced}",
                f"(0{head}) {tail}",
                f"+49 (0){head}-{tail}",
                f"0049{head}{tail}",
                f"0{head}-{tail}",
            ]
        )

    def _organisation_name(self, organisation: Organisation) -> str:
        variants = LEGAL_FORMS[int(organisation.legal_form)][1]
        name = organisation.name
        if self.rng.random() < 0.15:
            name = self._spelling(name)
        form = self.rng.choice(variants)
        return f"{name} {form}".strip()

    def _spelling(self, text: str) -> str:
        """Umlauts and ß as a system without them writes them."""
        table = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
        return "".join(table.get(ch, ch) for ch in text)

    def _typo(self, text: str) -> str:
        rng = self.rng
        if len(text) < 4:
            return text
        i = rng.randint(1, len(text) - 2)
        kind = rng.randint(0, 3)
        if kind == 0:
            return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        if kind == 1:
            return text[:i] + text[i + 1 :]
        if kind == 2:
            return text[:i] + text[i] + text[i:]
        return text[:i] + rng.choice("aeinrst") + text[i + 1 :]

    def _noisy_record(self, person: Person, source: str, record_id: str) -> dict[str, str]:
        rng = self.rng
        first, last = person.first, person.last
        employer = person.employer
        work_email = person.work_email
        # An older record from before the change of employer.
        if person.former_employer and rng.random() < 0.5:
            employer = person.former_employer
            work_email = person.former_email
        if rng.random() < 0.25:
            first, last = self._spelling(first), self._spelling(last)
        if "-" in last and rng.random() < 0.4:
            last = last.split("-")[0]
        if rng.random() < 0.03:
            first, last = first.upper(), last.upper()
        if rng.random() < 0.04:
            last = self._typo(last)
        if rng.random() < 0.03:
            first = self._typo(first)

        record = dict.fromkeys(COLUMNS, "")
        record.update(record_id=record_id, source=source, first_name=first, last_name=last)
        if source in ("crm", "erp"):
            if rng.random() < 0.08:
                record["first_name"] = first[0] + "."
            if rng.random() < 0.03:
                record["first_name"] = rng.choice(TITLES) + " " + record["first_name"]
            if employer:
                record["organisation"] = self._organisation_name(employer)
                record["email"] = work_email if rng.random() < 0.9 else person.private_email
                # A CRM contact often carries the mobile number instead of the desk line.
                phone_roll = rng.random()
                if person.mobile and phone_roll < 0.3:
                    record["phone"] = self._phone(person.mobile)
                elif phone_roll < 0.9:
                    record["phone"] = self._phone(person.direct_phone)
                record["street"] = employer.street
                record["postcode"] = employer.postcode
                record["city"] = employer.city
                record["website"] = rng.choice(
                    [
                        f"https://www.{employer.domain}",
                        f"www.{employer.domain}",
                        employer.domain,
                        "",
                    ]
                )
            else:
                record["email"] = person.private_email
                record["phone"] = self._phone(person.mobile)
                record["street"] = person.home_street
                record["postcode"] = person.home_postcode
                record["city"] = person.home_city
        elif source == "newsletter":
            # A business newsletter: most subscribe with their work address; surnames
            # and organisations are optional fields.
            preferred = work_email if person.prefers_work_email else person.private_email
            record["email"] = preferred if rng.random() < 0.85 else person.private_email
            record["email"] = record["email"] or work_email
            if rng.random() < 0.1:
                record["last_name"] = ""
            if employer and rng.random() < 0.3:
                record["organisation"] = self._organisation_name(employer)
        elif employer and person.prefers_work_email and rng.random() < 0.7:
            # Ticket shop, bought on the firm's account: work address, firm as buyer.
            record["email"] = work_email or person.private_email
            record["phone"] = self._phone(person.direct_phone or person.mobile)
            record["organisation"] = self._organisation_name(employer)
            record["street"] = employer.street
            record["postcode"] = employer.postcode
            record["city"] = employer.city
        else:  # ticket shop, bought privately: private address and phone
            record["email"] = person.private_email or work_email
            record["phone"] = self._phone(person.mobile or person.direct_phone)
            record["street"] = person.home_street
            record["postcode"] = person.home_postcode
            record["city"] = person.home_city
        if record["email"] and rng.random() < 0.05:
            record["email"] = record["email"].capitalize()
        # Fields lost on the way (an optional form field, a failed import).
        # Self-service systems cannot lose the address they log people in with.
        optional = ("phone", "street", "organisation", "website")
        if source in ("crm", "erp"):
            optional += ("email",)
        for name in optional:
            if record[name] and rng.random() < 0.06:
                record[name] = ""
        if record["street"] and rng.random() < 0.2:
            record["street"] = record["street"].replace("straße", "str.")
        return record

    def exports(self, record_count: int) -> tuple[list[dict[str, str]], dict[str, str]]:
        """`record_count` records in shuffled order and the truth (record id → person)."""
        # About 2 records per person; make enough people, then cut to size.
        people = self.people(int(record_count / 1.9) + 10)
        records: list[tuple[dict[str, str], str]] = []
        counter = 0
        for person in people:
            for source in person.sources:
                counter += 1
                record_id = f"{source[:3].upper()}-{counter:07d}"
                records.append((self._noisy_record(person, source, record_id), person.entity))
        self.rng.shuffle(records)
        records = records[:record_count]
        truth = {record["record_id"]: entity for record, entity in records}
        return [record for record, _ in records], truth


def write(records, truth, out: Path, truth_out: Path) -> None:
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(records)
    with truth_out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["record_id", "entity_id"])
        writer.writerows(sorted(truth.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=160_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--few-surnames", action="store_true", help="Only 780 surnames: many more namesakes."
    )
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--truth", type=Path, required=True)
    args = parser.parse_args()
    records, truth = Generator(args.seed, args.few_surnames).exports(args.records)
    write(records, truth, args.out, args.truth)


if __name__ == "__main__":
    main()
