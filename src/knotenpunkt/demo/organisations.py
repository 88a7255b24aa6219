"""Invented organisations: name, legal form, size, sector, address, contact data,
identifiers and a short Markdown profile, drawn from a seeded random generator."""

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from random import Random

import phonenumbers
from stdnum.iso7064 import mod_11_10

from knotenpunkt.demo import names
from knotenpunkt.demo.archetypes import (
    BUSINESS_LEGAL_FORMS,
    BY_KEY,
    LEGAL_SUFFIX,
    MARKETING,
    PUBLIC,
    RESEARCH,
    Archetype,
)
from knotenpunkt.directory.services.organisations import organisation_slug

REGIONS_FILE = Path(__file__).resolve().parent.parent / "directory" / "data" / "regions.json"

# Where the members of each cluster sit (AGS -> weight): the digital cluster in
# Schleswig-Holstein, the maritime one along both coasts and in Hamburg.
DIGITAL_REGIONS = {
    "01002": 26,
    "01003": 14,
    "01001": 7,
    "01004": 4,
    "01051": 2,
    "01053": 3,
    "01054": 3,
    "01055": 3,
    "01056": 8,
    "01057": 2,
    "01058": 6,
    "01059": 3,
    "01060": 7,
    "01061": 2,
    "01062": 6,
}
MARITIME_REGIONS = {
    "02000": 30,
    "01002": 25,
    "01003": 10,
    "01001": 8,
    "01051": 6,
    "01054": 4,
    "01058": 6,
    "01055": 3,
    "01061": 3,
    "01059": 2,
}
DISTRICT_FREE_CITIES = {"01001", "01002", "01003", "01004", "02000"}
EMPLOYEES = {"micro": (1, 9), "small": (10, 49), "medium": (50, 249), "large": (250, 1800)}
REGISTERS = {
    "gmbh": "HRB",
    "ug": "HRB",
    "ag": "HRB",
    "ggmbh": "HRB",
    "kg": "HRA",
    "gmbh_co_kg": "HRA",
    "ohg": "HRA",
    "sole": "HRA",
    "ev": "VR",
    "eg": "GnR",
    "partg": "PR",
}
CROSS_CUTTING_TOPICS = [
    "datenschutz-dsgvo",
    "remote-work",
    "fachkraeftegewinnung",
    "open-source",
    "digitale-barrierefreiheit",
    "energieeffiziente-it",
    "ausbildung-duales-studium",
]
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ı": "i", "&": " und "})


@dataclass
class Address:
    ags: str
    district: str
    city: str
    postcode: str
    street: str


@dataclass
class OrgSpec:
    """One organisation as the demo will store it (topics as taxonomy slugs)."""

    archetype: str
    name: str
    legal_form: str
    actor_type: str
    size_class: str
    employees: int
    wz_code: str
    address: Address
    domain: str
    phone: str
    description: str = ""
    register_number: str = ""
    vat_id: str = ""
    topics: list[str] = field(default_factory=list)
    is_listed: bool = True
    people: list = field(default_factory=list)

    @property
    def website(self) -> str:
        return f"https://www.{self.domain}"

    @property
    def email(self) -> str:
        return f"{'post' if self.actor_type == PUBLIC else 'info'}@{self.domain}"

    @property
    def slug(self) -> str:
        return organisation_slug(self.name)


def load_regions() -> dict[str, dict]:
    return {r["ags"]: r for r in json.loads(REGIONS_FILE.read_text(encoding="utf-8"))}


def ascii_fold(text: str) -> str:
    """'Jürgen Yılmaz & Co' -> 'juergen yilmaz  und  co': German spelling, then plain ASCII."""
    text = text.lower().translate(_FOLD)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def domain_label(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text)).strip("-")[:40].strip("-")


def weighted(rng: Random, weights: dict) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def landline(rng: Random, city: str) -> str:
    """A German fixed-line number in the town's area code, valid by phonenumbers."""
    code = names.AREA_CODES.get(city, "431")
    while True:
        length = {2: 8, 3: 7, 4: 6}.get(len(code), 6) - rng.randint(0, 1)
        subscriber = str(rng.randint(2, 9)) + "".join(
            str(rng.randint(0, 9)) for _ in range(length - 1)
        )
        number = f"+49{code}{subscriber}"
        if phonenumbers.is_valid_number(phonenumbers.parse(number)):
            return number


def mobile(rng: Random) -> str:
    while True:
        prefix = rng.choice(names.MOBILE_PREFIXES)
        length = 8 if prefix.startswith("15") or prefix in ("176", "179") else 7
        number = f"+49{prefix}" + "".join(str(rng.randint(0, 9)) for _ in range(length))
        if phonenumbers.is_valid_number(phonenumbers.parse(number)):
            return number


def german_vat_id(rng: Random) -> str:
    """DE + eight digits + the ISO 7064 mod 11,10 check digit: valid, but invented."""
    body = str(rng.randint(10_000_000, 99_999_999))
    return f"DE{body}{mod_11_10.calc_check_digit(body)}"


def pick_address(rng: Random, regions: dict, weights: dict[str, int]) -> Address:
    region = regions[weighted(rng, weights)]
    town = rng.choice(region["towns"])
    number = rng.randint(1, 120)
    suffix = rng.choice("ab") if rng.random() < 0.1 else ""
    return Address(
        ags=region["ags"],
        district=region["name"],
        city=town["city"],
        postcode=town["postcode"],
        street=f"{rng.choice(region['streets'])} {number}{suffix}",
    )


def pick_legal_form(rng: Random, archetype: Archetype, size: str) -> str:
    forms = archetype.legal_forms or BUSINESS_LEGAL_FORMS[size]
    return weighted(rng, dict(forms))


def employees_for(rng: Random, archetype: Archetype, size: str) -> int:
    if size == "micro":
        return rng.choice([1, 2, 2, 3, 3, 4, 4, 5, 6, 7, 8, 9])
    low, high = EMPLOYEES[size]
    if size == "large":
        if archetype.key == "university":
            low, high = 400, 1900
        elif archetype.actor_type != "business":
            high = low + 250  # chambers and institutes stay in the hundreds
    return rng.randint(low, high)


def _name_parts(rng: Random, archetype: Archetype, address: Address) -> dict[str, str]:
    place = rng.choice(names.PLACE_WORDS)
    last, last2 = rng.sample(names.LAST_NAMES, 2)
    return {
        "place": place,
        "compound": place + rng.choice(names.COMPOUND_ENDINGS),
        "town": address.city,
        "town_adj": names.TOWN_ADJECTIVES.get(address.city, ""),
        "district": address.district,
        "landscape": rng.choice(names.LANDSCAPES.get(address.ags, ["Nord"])),
        "last": last,
        "last2": last2,
        "field": rng.choice(archetype.fields) if archetype.fields else "",
    }


def make_name(
    rng: Random, archetype: Archetype, address: Address, legal_form: str, taken: set[str]
) -> str:
    """A fresh name that fits the archetype, the place and the legal form."""
    patterns = [
        p
        for p in archetype.names
        if not ("{town_adj}" in p and address.city not in names.TOWN_ADJECTIVES)
        and not ("{district}" in p and address.ags in DISTRICT_FREE_CITIES)
        and not ("&" in p and legal_form == "sole")
    ]
    suffix = LEGAL_SUFFIX[legal_form]
    if legal_form == "sole" and rng.random() < 0.5:
        suffix = ""  # a freelancer, not a registered merchant
    for _ in range(100):
        base = rng.choice(patterns).format(**_name_parts(rng, archetype, address))
        # "Kieler Datenkontor GbR" is taken when "Kieler Datenkontor GmbH" exists.
        if base.lower() not in taken:
            break
    else:
        base = f"{base} {address.city}"
    taken.add(base.lower())
    name = f"{base} {suffix}".strip()
    taken.add(name.lower())
    return name


def register_number(rng: Random, legal_form: str, ags: str, name: str) -> str:
    register = REGISTERS.get(legal_form)
    if register is None or (legal_form == "sole" and not name.endswith("e.K.")):
        return ""
    if rng.random() > 0.85:
        return ""  # not every record is complete
    digits = {"HRB": (1000, 29999), "HRA": (1000, 9999), "VR": (100, 6999)}.get(register, (10, 999))
    court = names.REGISTER_COURTS.get(ags, "")
    return f"{register} {rng.randint(*digits)} {court}".strip()


def pick_topics(rng: Random, archetype: Archetype, available: dict[str, str]) -> list[str]:
    pool = [t for t in archetype.topics if t in available]
    chosen = rng.sample(pool, min(rng.randint(2, 6), len(pool)))
    extra = [t for t in CROSS_CUTTING_TOPICS if t in available and t not in chosen]
    if len(chosen) < 6 and extra and rng.random() < 0.25:
        chosen.append(rng.choice(extra))
    return chosen


def describe(
    rng: Random, org: OrgSpec, archetype: Archetype, field_name: str, labels: list[str]
) -> str:
    """A short German profile in Markdown, in the organisation's own voice."""
    lead = archetype.lead.format(audience=rng.choice(archetype.audiences), field=field_name)
    city, n = org.address.city, org.employees
    if org.actor_type == PUBLIC:
        where = f"Unsere Verwaltung sitzt in {city}."
    elif org.actor_type == RESEARCH:
        where = f"In {city} arbeiten bei uns rund {n} Menschen in Forschung, Lehre und Verwaltung."
    elif archetype.key in ("network", "chamber", "maritime_network"):
        where = f"Unser Sitz ist in {city}; unterwegs sind wir im ganzen Land."
    elif org.size_class == "micro":
        where = f"Als kleines Team von {n} Leuten in {city} sind wir nah an unseren Kunden."
    elif org.size_class == "small":
        where = f"Rund {n} Mitarbeitende arbeiten bei uns in {city}."
    else:
        where = (
            f"Mit über {n // 10 * 10} Beschäftigten gehören wir zu den größeren "
            f"Arbeitgebern in {org.address.district}."
        )
    closings = [
        "Sprechen Sie uns an – wir freuen uns auf gemeinsame Projekte im Cluster.",
        f"Gern stellen wir unsere Arbeit bei einem Besuch in {city} vor.",
    ]
    if labels:
        closings.append(f"Sie suchen Partner für *{labels[0]}*? Schreiben Sie uns.")
    if org.actor_type == RESEARCH:
        closings.append("Wir bieten Abschlussarbeiten, Praktika und Kooperationsprojekte an.")
    elif org.actor_type == PUBLIC:
        closings = [
            "Für unsere Vorhaben suchen wir Lösungen aus der Region – "
            "vergaberechtlich korrekt beschafft."
        ]
    else:
        closings += [
            "Wir bilden aus und bieten Praktika sowie Abschlussarbeiten an.",
            "Remote oder vor Ort: Wir sind in ganz Norddeutschland für Sie da.",
        ]
    focus = "\n".join(f"- {label}" for label in labels[:4])
    focus = f"**Schwerpunkte**\n\n{focus}\n\n" if focus else ""
    return f"Wir {lead}. {where}\n\n{focus}{rng.choice(closings)}"


def make_organisation(
    rng: Random,
    archetype_key: str,
    size: str,
    *,
    regions: dict,
    region_weights: dict[str, int],
    topics: dict[str, str],
    taken_names: set[str],
    taken_domains: set[str],
    name: str = "",
    city: str = "",
) -> OrgSpec:
    """Invent one organisation of the given kind and size (name/city may be fixed)."""
    archetype = BY_KEY[archetype_key]
    address = pick_address(rng, regions, region_weights)
    if city:
        region = next(r for r in regions.values() if any(t["city"] == city for t in r["towns"]))
        address = pick_address(rng, regions, {region["ags"]: 1})
    legal_form = pick_legal_form(rng, archetype, size)
    if name:
        legal_form = next(
            (k for k, s in LEGAL_SUFFIX.items() if s and name.endswith(s)), legal_form
        )
    else:
        name = make_name(rng, archetype, address, legal_form, taken_names)
    base = name.removesuffix(LEGAL_SUFFIX[legal_form]).strip() if LEGAL_SUFFIX[legal_form] else name
    taken_names.update((name.lower(), base.lower()))
    domain = domain_label(base)
    if domain in taken_domains:
        domain = domain_label(f"{base} {address.city}")
    taken_domains.add(domain)
    org = OrgSpec(
        archetype=archetype.key,
        name=name,
        legal_form=legal_form,
        actor_type=archetype.actor_type,
        size_class=size,
        employees=employees_for(rng, archetype, size),
        wz_code=rng.choice(archetype.wz_codes),
        address=address,
        domain=f"{domain}.example",
        phone=landline(rng, address.city),
        register_number=register_number(rng, legal_form, address.ags, name),
        topics=pick_topics(rng, archetype, topics),
    )
    vat_share = 0.45 if org.actor_type in ("business", MARKETING) else 0.1
    if org.legal_form != "public" and rng.random() < vat_share:
        org.vat_id = german_vat_id(rng)
    # An institute describes the field its name carries.
    field_name = next((f for f in archetype.fields if f in name), "")
    if archetype.fields and not field_name:
        field_name = rng.choice(archetype.fields)
    org.description = describe(rng, org, archetype, field_name, [topics[t] for t in org.topics])
    return org
