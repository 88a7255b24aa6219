"""Fill a database with the directory benchmark's data: 13,500 organisations, 40,000 people.

Deterministic (seeded), so every run on every machine measures the same rows. Organisations
get German names, Markdown descriptions, places from the seeded regions, 2-6 topics from
the seeded taxonomy and an active membership in one or both benchmark clusters, so that
they all appear in the public directory. People get a current function at one
organisation (some at two) and a work e-mail address.

Usage (the settings come from the environment, like every `knotenpunkt` command):

    DATABASE_URL=... .venv/bin/python bench/directory/generate.py [--seed N]

Does nothing when the database already holds the data (marker: the cluster "bench").
The last line printed is a JSON object with the counts.
"""

import argparse
import datetime
import json
import os
import random
import sys
import time
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from knotenpunkt.demo.names import FIRST_NAMES_FEMALE, FIRST_NAMES_MALE, LAST_NAMES

MARKER_SLUG = "bench"
SEED = 20261124
BATCH = 2000

# The demo's German name lists serve the benchmark too (same realism, one list to keep).
FIRST_NAMES_F = FIRST_NAMES_FEMALE
FIRST_NAMES_M = FIRST_NAMES_MALE
TITLES = ["Dr.", "Dr.", "Dr.", "Prof. Dr.", "Dipl.-Ing.", "Dr.-Ing."]

PLACE_WORDS = [
    "Nordlicht",
    "Förde",
    "Küsten",
    "Deich",
    "Holsten",
    "Elb",
    "Hanse",
    "Leuchtturm",
    "Möwen",
    "Brise",
    "Nordwind",
    "Ostsee",
    "Nordsee",
    "Watt",
    "Marsch",
    "Geest",
    "Knick",
    "Treene",
    "Eider",
    "Schlei",
    "Trave",
    "Alster",
    "Anker",
    "Kompass",
    "Lotsen",
    "Kogge",
    "Tide",
    "Gezeiten",
    "Dünen",
    "Reet",
    "Friesen",
    "Holm",
    "Kap",
    "Lee",
    "Luv",
    "Backbord",
    "Steuerbord",
    "Wellen",
    "Strand",
    "Fjord",
    "Bernstein",
    "Seestern",
    "Hallig",
    "Kranich",
]
BUSINESS_CORES = {
    "software-entwicklung": ["Software", "Softwareentwicklung", "Code", "Apps", "Webwerk"],
    "ki-und-daten": ["Analytics", "Data", "Datenwerk", "KI-Labor", "Intelligence"],
    "it-sicherheit": ["Security", "IT-Sicherheit", "Cyber Defence", "Schutzwerk"],
    "cloud-und-infrastruktur": [
        "Systemhaus",
        "IT-Service",
        "Netzwerke",
        "Cloud Solutions",
        "Rechenzentrum",
    ],
    "new-work": ["Workplace", "Arbeitswelten", "Collaboration"],
    "digitale-verwaltung": ["GovTech", "Verwaltungsdigital", "Public Solutions"],
    "digitale-bildung": ["Akademie", "Lernwerk", "EdTech", "Bildungspartner"],
    "smart-city-und-mobilitaet": ["Mobility", "Smart City", "Verkehrstechnik"],
    "industrie-40-und-iot": ["Automation", "Robotics", "Sensorik", "Industrietechnik"],
    "medien-design-kreativwirtschaft": ["Medien", "Design", "Studio", "Film", "Games"],
    "e-commerce-und-marketing": ["Commerce", "Onlinemarketing", "Shopsysteme"],
    "gesundheit-e-health": ["Health", "Medizintechnik", "E-Health"],
    "nachhaltigkeit-green-it": ["Green IT", "Energiesysteme", "Umwelttechnik"],
}
GENERIC_CORES = [
    "Digital",
    "Solutions",
    "Technologies",
    "Consulting",
    "Innovations",
    "Labs",
    "Informatik",
    "Datentechnik",
    "Systeme",
    "Partner",
]
RESEARCH_FIELDS = [
    "Informatik",
    "Angewandte Informatik",
    "Wirtschaftsinformatik",
    "Data Science",
    "Künstliche Intelligenz",
    "IT-Sicherheit",
    "Medieninformatik",
    "Meerestechnik",
    "Energiesystemtechnik",
    "Digitale Medizin",
    "Robotik",
    "Mechatronik",
    "Logistik",
    "Smart Farming",
    "Geoinformatik",
    "Mensch-Computer-Interaktion",
    "Digitale Lehre",
    "Verwaltungswissenschaften",
    "Nachhaltige Produktion",
    "Quantentechnologie",
]
INTERMEDIARY_PATTERNS = [
    "Wirtschaftsförderung {region}",
    "Technologietransfer {city}",
    "Gründerzentrum {city}",
    "Digitalnetzwerk {region}",
    "Innovationszentrum {city}",
    "Unternehmensverband {region}",
    "Mittelstand-Digital Zentrum {city}",
    "Startup-Netzwerk {word}",
    "Tourismusverband {region}",
    "Gewerbeverein {city}",
    "Handwerkskammer-Beratungsstelle {city}",
]
MARKETING_PATTERNS = [
    "{word} Kommunikation",
    "Agentur {word}",
    "{last} Werbeagentur",
    "{word} Medienagentur",
    "{word} Content & PR",
    "{last} & {last2} Kommunikationsberatung",
    "Studio {word}",
    "{word} Markenwerkstatt",
]
PUBLIC_PATTERNS = [
    "Stadt {city}",
    "Kreisverwaltung {region}",
    "Amt {city}-Land",
    "Stadtwerke {city}",
    "Zweckverband Digitale Infrastruktur {region}",
    "Landesamt für {field}",
    "Gemeinde {city}",
    "Kommunales Rechenzentrum {region}",
    "Hafenbehörde {city}",
]
BUSINESS_FORMS = [
    ("gmbh", "GmbH", 45),
    ("ug", "UG (haftungsbeschränkt)", 12),
    ("gmbh_co_kg", "GmbH & Co. KG", 9),
    ("ag", "AG", 3),
    ("kg", "KG", 3),
    ("ohg", "OHG", 2),
    ("gbr", "GbR", 5),
    ("sole", "e.K.", 12),
    ("partg", "PartG mbB", 3),
    ("eg", "eG", 2),
]
LEGAL_SUFFIXES = sorted({f[1] for f in BUSINESS_FORMS} | {"e.V."}, key=len, reverse=True)
ACTOR_TYPES = [
    ("business", 70),
    ("research", 8),
    ("intermediary", 8),
    ("marketing", 8),
    ("public", 6),
]
SIZE_CLASSES = [("micro", 45), ("small", 30), ("medium", 17), ("large", 8)]
EMPLOYEES = {"micro": (1, 9), "small": (10, 49), "medium": (50, 249), "large": (250, 4000)}
# People per organisation grow with its size (weights for drawing employers).
PEOPLE_WEIGHT = {"micro": 1, "small": 3, "medium": 6, "large": 12}
# Kiel and Hamburg host most members; the districts fewer.
REGION_WEIGHT = {"01002": 14, "02000": 14, "01003": 7, "01001": 5, "01004": 3}
WZ_CODES = {
    "business": [
        "62.01",
        "62.02",
        "62.03",
        "62.09",
        "63.11",
        "63.12",
        "58.29",
        "26.51",
        "28.99",
        "46.51",
        "71.12",
        "72.19",
        "33.20",
        "70.22",
    ],
    "research": ["85.42", "72.19", "72.11"],
    "intermediary": ["94.11", "94.12", "70.22", "84.13"],
    "marketing": ["73.11", "73.12", "70.21", "59.11", "74.10"],
    "public": ["84.11", "84.13", "35.11", "36.00"],
}
UNITS = [
    "Stabsstelle Digitalisierung",
    "Fachbereich Informatik",
    "Geschäftsstelle Nord",
    "Referat Innovation",
    "Abteilung IT",
    "Projektbüro",
    "Standort Süd",
    "Transferstelle",
    "Servicezentrum",
    "Zentrale IT",
    "Fachdienst Wirtschaft",
    "Außenstelle West",
    "Innovationslabor",
    "Koordinierungsstelle",
    "Fachgruppe Daten",
    "Bildungscampus",
]
AUDIENCES = [
    "kleine und mittlere Unternehmen",
    "Handwerksbetriebe",
    "Kommunen",
    "Start-ups",
    "den Mittelstand",
    "Reedereien und Häfen",
    "Kliniken und Praxen",
    "Landwirtschaftsbetriebe",
    "Schulen und Hochschulen",
    "Industrieunternehmen",
    "den Handel",
    "Vereine und Verbände",
]
EXTRA_SENTENCES = [
    "Unser Team arbeitet agil und eng mit den Kundinnen und Kunden zusammen.",
    "Wir bilden aus und bieten Praktika sowie Abschlussarbeiten an.",
    "Gemeinsam mit Partnern aus dem Cluster setzen wir Förderprojekte um.",
    "Wir vernetzen Häuser, Büros und Hallen mit moderner Gebäudetechnik.",
    "Für Häuser der Wohnungswirtschaft entwickeln wir digitale Services.",
    "Datenschutz und Informationssicherheit haben bei uns höchste Priorität.",
    "Unsere Lösungen laufen in einer souveränen Cloud in Deutschland.",
    "Wir sind Mitglied im Mittelstand-Digital Netzwerk.",
    "Remote oder vor Ort: Wir sind in ganz Norddeutschland für Sie da.",
]
FUNCTIONS_BY_ACTOR = {
    "business": [
        "developer",
        "developer",
        "project",
        "sales",
        "marketing",
        "cto",
        "hr",
        "office",
        "employee",
        "employee",
        "cio",
        "cdo",
    ],
    "research": ["research", "research", "research", "project", "student", "office"],
    "intermediary": ["project", "project", "marketing", "office", "employee", "board"],
    "marketing": ["marketing", "marketing", "project", "sales", "employee", "office"],
    "public": ["cio", "cdo", "project", "employee", "employee", "office"],
}
JOB_TITLES = {
    "ceo": "Geschäftsführung",
    "cio": "Leitung IT",
    "cto": "CTO",
    "cdo": "Chief Digital Officer",
    "hr": "Personalleitung",
    "marketing": "Marketing",
    "sales": "Vertrieb",
    "project": "Projektleitung",
    "research": "Wissenschaftliche Mitarbeit",
    "developer": "Softwareentwicklung",
    "board": "Vorstand",
    "office": "Büroleitung",
    "employee": "",
    "student": "Werkstudent/in",
}


def weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def web_domain(name: str) -> str:
    """www.nordlicht-software.de for "Nordlicht Software GmbH & Co. KG"."""
    for form in LEGAL_SUFFIXES:
        name = name.removesuffix(" " + form)
    return ascii_words(name.split(",")[0].replace(" ", "-").replace("&", "und"))[:50] + ".de"


def ascii_words(text: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ı": "i"})
    return "".join(c for c in text.lower().translate(table) if c.isalnum() or c == "-")


class Taxonomy:
    """The seeded topics, grouped so that an organisation's topics belong together."""

    def __init__(self, topics):
        self.by_slug = {t.slug: t for t in topics}
        children = defaultdict(list)
        for t in topics:
            children[t.parent_id].append(t)
        self.roots = [t for t in children[None] if t.slug != "branchen"]

        def subtree(topic):
            out = [topic]
            for child in children[topic.pk]:
                out.extend(subtree(child))
            return out

        self.subtrees = {root.slug: subtree(root) for root in self.roots}
        self.industries = subtree(self.by_slug["branchen"])[1:]

    def pick(self, rng, actor_type):
        """A main field (root), 1-4 topics inside it, 0-2 industries served: 2-6 in all."""
        if actor_type == "marketing":
            root = rng.choice(["medien-design-kreativwirtschaft", "e-commerce-und-marketing"])
        elif actor_type == "public":
            root = rng.choice(
                ["digitale-verwaltung", "smart-city-und-mobilitaet", "cloud-und-infrastruktur"]
            )
        else:
            root = rng.choice(self.roots).slug
        tree = self.subtrees[root]
        own = rng.sample(tree, k=min(len(tree), rng.randint(1, 4)))
        if rng.random() < 0.25:
            other = rng.choice(self.roots).slug
            own.append(rng.choice(self.subtrees[other]))
        industries = rng.sample(self.industries, k=rng.choice([0, 1, 1, 2]))
        chosen = list(dict.fromkeys(own + industries))
        while len(chosen) < 2:
            chosen = list(dict.fromkeys([*chosen, rng.choice(self.industries)]))
        return root, chosen[:6]


def organisation_name(rng, actor_type, root, town, region):
    word = rng.choice(PLACE_WORDS)
    last, last2 = rng.sample(LAST_NAMES, 2)
    city = town["city"]
    if actor_type == "business":
        code, suffix, _ = rng.choices(BUSINESS_FORMS, weights=[f[2] for f in BUSINESS_FORMS])[0]
        core = rng.choice(BUSINESS_CORES.get(root, GENERIC_CORES) + GENERIC_CORES[:3])
        if code == "sole":
            first = rng.choice(FIRST_NAMES_F + FIRST_NAMES_M)
            return rng.choice([f"{first} {last} {core}", f"{core} {last}"]) + f" {suffix}", code
        if code in ("gbr", "partg", "ohg", "kg"):
            return f"{last} & {last2} {core} {suffix}", code
        pattern = rng.choice(
            [
                "{word} {core}",
                "{word}{core_lower}",
                "{last} {core}",
                "{core} {city}",
                "{word} {core}",
            ]
        )
        name = pattern.format(
            word=word, core=core, core_lower=core.lower().replace(" ", ""), last=last, city=city
        )
        return f"{name} {suffix}", code
    if actor_type == "research":
        field = rng.choice(RESEARCH_FIELDS)
        pattern, code = rng.choice(
            [
                ("Institut für {field} {city}", "public"),
                ("Hochschule {city}, Fachbereich {field}", "public"),
                ("Forschungszentrum {field} {word}", "ev"),
                ("Kompetenzzentrum {field} {region}", "ggmbh"),
                ("Stiftung {word} für {field}", "foundation"),
                ("Berufsbildungszentrum {city}", "public"),
            ]
        )
        return pattern.format(field=field, city=city, word=word, region=region), code
    if actor_type == "intermediary":
        pattern = rng.choice(INTERMEDIARY_PATTERNS)
        name = pattern.format(region=region, city=city, word=word)
        code = rng.choice(["ev", "ev", "gmbh", "public"])
        return name + (" e.V." if code == "ev" else " GmbH" if code == "gmbh" else ""), code
    if actor_type == "marketing":
        pattern = rng.choice(MARKETING_PATTERNS)
        name = pattern.format(word=word, last=last, last2=last2)
        code, suffix, _ = rng.choice(BUSINESS_FORMS[:3])
        return f"{name} {suffix}", code
    pattern = rng.choice(PUBLIC_PATTERNS)
    field = rng.choice(
        [
            "Digitalisierung",
            "Vermessung und Geoinformation",
            "Statistik",
            "Soziale Dienste",
            "Umwelt",
            "Verkehr",
        ]
    )
    return pattern.format(city=city, region=region, field=field), "public"


def description(rng, name, actor_type, size, city, topics):
    labels = [t.label_de for t in topics]
    size_word = {
        "micro": "kleines",
        "small": "junges",
        "medium": "mittelständisches",
        "large": "großes",
    }[size]
    what = {
        "business": f"ein {size_word} Unternehmen",
        "research": "eine anwendungsnahe Forschungs- und Bildungseinrichtung",
        "intermediary": "ein regionaler Netzwerk- und Transferpartner",
        "marketing": "eine Agentur für Marketing und Kommunikation",
        "public": "eine öffentliche Einrichtung",
    }[actor_type]
    sentences = [
        f"{name} ist {what} aus {city}.",
        f"Wir unterstützen {rng.choice(AUDIENCES)} bei **{labels[0]}**"
        + (f" und {labels[1]}." if len(labels) > 1 else "."),
    ]
    if len(labels) > 2:
        sentences.append("Weitere Schwerpunkte: " + ", ".join(labels[2:]) + ".")
    if rng.random() < 0.6:
        sentences.append(f"Seit {rng.randint(1985, 2024)} sind wir in der Region aktiv.")
    if rng.random() < 0.5:
        sentences.append(rng.choice(EXTRA_SENTENCES))
    text = " ".join(sentences)
    if rng.random() < 0.3:
        text += "\n\n- " + "\n- ".join(labels[:3])
    return text


def generate(seed: int, n_organisations: int, n_people: int, log) -> dict:
    from django.db import transaction
    from django.utils.text import slugify

    from knotenpunkt import directory as directory_app
    from knotenpunkt.directory.models import (
        Cluster,
        Membership,
        Organisation,
        Person,
        PersonEmail,
        Position,
        Region,
        Topic,
    )
    from knotenpunkt.directory.services.search import refresh_search_index

    rng = random.Random(seed)
    regions = list(Region.objects.order_by("ags"))
    topics = list(Topic.objects.order_by("slug"))
    if not regions or not topics:
        raise SystemExit("Regions and topics are missing: run `knotenpunkt migrate` first.")
    taxonomy = Taxonomy(topics)
    # Towns and streets per district ship with the seeded regions.
    regions_file = Path(directory_app.__file__).parent / "data" / "regions.json"
    region_data = {r["ags"]: r for r in json.loads(regions_file.read_text(encoding="utf-8"))}
    region_weights = [REGION_WEIGHT.get(r.ags, 2) for r in regions]
    started = time.monotonic()

    with transaction.atomic():
        north = Cluster.objects.create(
            name="Benchmark: Digitalcluster Nord",
            short_name="DC Nord",
            slug="bench-nord",
            city="Kiel",
            postcode="24103",
        )
        hamburg = Cluster.objects.create(
            name="Benchmark: Digitalcluster Hamburg",
            short_name="DC Hamburg",
            slug="bench-hamburg",
            city="Hamburg",
            postcode="20095",
        )

        organisations, org_topics, slugs, names = [], [], set(), set()
        for i in range(n_organisations):
            actor_type = weighted(rng, ACTOR_TYPES)
            size = weighted(rng, SIZE_CLASSES)
            if actor_type == "public" and size == "micro":
                size = "small"
            region = rng.choices(regions, weights=region_weights)[0]
            info = region_data[region.ags]
            town = rng.choice(info["towns"])
            root, chosen = taxonomy.pick(rng, actor_type)
            name, legal_form = organisation_name(rng, actor_type, root, town, region.name)
            for _ in range(8):
                # Real directories hold few exact namesakes: draw again, or name a unit.
                if name not in names:
                    break
                if actor_type in ("research", "intermediary", "public"):
                    name = f"{name.split(' – ')[0]} – {rng.choice(UNITS)}"
                else:
                    name, legal_form = organisation_name(rng, actor_type, root, town, region.name)
            names.add(name)
            base = slugify(name)[:200] or f"organisation-{i}"
            slug, n = base, 2
            while slug in slugs:
                slug, n = f"{base}-{n}", n + 1
            slugs.add(slug)
            domain = web_domain(name)
            lo, hi = EMPLOYEES[size]
            organisations.append(
                Organisation(
                    name=name,
                    slug=slug,
                    legal_form=legal_form,
                    actor_type=actor_type,
                    size_class=size,
                    employees=rng.randint(lo, hi),
                    wz_code=rng.choice(WZ_CODES[actor_type]),
                    street=f"{rng.choice(info['streets'])} {rng.randint(1, 180)}",
                    postcode=town["postcode"],
                    city=town["city"],
                    region=region,
                    website=f"https://www.{domain}",
                    email=f"info@{domain}",
                    phone=f"+49{rng.choice(['431', '40', '451', '461', '4321'])}"
                    f"{rng.randint(100000, 9999999)}",
                    description=description(rng, name, actor_type, size, town["city"], chosen),
                )
            )
            org_topics.append(chosen)
        Organisation.objects.bulk_create(organisations, batch_size=BATCH)
        log(f"organisations: {len(organisations)} ({time.monotonic() - started:.1f} s)")

        Through = Organisation.topics.through
        Through.objects.bulk_create(
            [
                Through(organisation_id=org.pk, topic_id=t.pk)
                for org, chosen in zip(organisations, org_topics, strict=True)
                for t in chosen
            ],
            batch_size=BATCH * 5,
        )

        memberships = []
        for org in organisations:
            where = rng.choices(["north", "hamburg", "both"], weights=[70, 15, 15])[0]
            for cluster in {"north": [north], "hamburg": [hamburg], "both": [north, hamburg]}[
                where
            ]:
                kind = weighted(
                    rng,
                    [
                        ("paying", 70),
                        ("free", 10),
                        ("startup", 8),
                        ("compensating", 7),
                        ("student", 5),
                    ],
                )
                fee = {"micro": 300, "small": 900, "medium": 2400, "large": 6000}[org.size_class]
                memberships.append(
                    Membership(
                        organisation=org,
                        cluster=cluster,
                        kind=kind,
                        annual_fee=Decimal(fee if kind == "paying" else 0),
                        start_date=datetime.date(rng.randint(2012, 2025), rng.randint(1, 12), 1),
                    )
                )
            if where != "both" and rng.random() < 0.08:
                # An earlier membership in the other cluster that has ended.
                other = hamburg if where == "north" else north
                memberships.append(
                    Membership(
                        organisation=org,
                        cluster=other,
                        kind="paying",
                        annual_fee=Decimal(600),
                        start_date=datetime.date(2014, 1, 1),
                        end_date=datetime.date(2019, 12, 31),
                        status="ended",
                    )
                )
        Membership.objects.bulk_create(memberships, batch_size=BATCH)

        people, emails = [], []
        for i in range(n_people):
            female = rng.random() < 0.45
            first = rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M)
            last = rng.choice(LAST_NAMES)
            people.append(
                Person(
                    salutation="ms" if female else "mr" if rng.random() < 0.95 else "none",
                    title=rng.choice(TITLES) if rng.random() < 0.08 else "",
                    first_name=first,
                    last_name=last,
                    is_public=rng.random() < 0.4,
                )
            )
            emails.append((i, f"{ascii_words(first)}.{ascii_words(last)}.{i}"))
        Person.objects.bulk_create(people, batch_size=BATCH)
        log(f"people: {len(people)} ({time.monotonic() - started:.1f} s)")

        # Every organisation has a head; the other people are spread by organisation size.
        employer_of = list(range(len(organisations)))
        rng.shuffle(employer_of)
        weights = [PEOPLE_WEIGHT[o.size_class] for o in organisations]
        employer_of += rng.choices(
            range(len(organisations)), weights=weights, k=max(0, n_people - len(organisations))
        )
        employer_of = employer_of[:n_people]
        positions = []
        for i, person in enumerate(people):
            org_index = employer_of[i]
            org = organisations[org_index]
            head = i < len(organisations)
            function = "ceo" if head else rng.choice(FUNCTIONS_BY_ACTOR[org.actor_type])
            if head and org.actor_type in ("intermediary", "research"):
                function = "board" if org.legal_form == "ev" else "ceo"
            positions.append(
                Position(
                    person=person,
                    organisation=org,
                    function=function,
                    job_title=JOB_TITLES[function],
                    is_admin=head,
                    start_date=datetime.date(rng.randint(2000, 2025), rng.randint(1, 12), 1),
                )
            )
            if rng.random() < 0.12:
                # A second function elsewhere: a board seat or an earlier job that ended.
                other = organisations[rng.randrange(len(organisations))]
                if other.pk == org.pk:
                    continue
                ended = rng.random() < 0.4
                positions.append(
                    Position(
                        person=person,
                        organisation=other,
                        function="employee" if ended else "board",
                        start_date=datetime.date(2010, 1, 1),
                        end_date=datetime.date(rng.randint(2015, 2024), 6, 30) if ended else None,
                    )
                )
        Position.objects.bulk_create(positions, batch_size=BATCH)
        domains = {org.pk: org.email.split("@", 1)[1] for org in organisations}
        PersonEmail.objects.bulk_create(
            [
                PersonEmail(
                    person=people[i],
                    is_primary=True,
                    address=f"{local}@{domains[organisations[employer_of[i]].pk]}",
                )
                for i, local in emails
            ],
            batch_size=BATCH,
        )
        log(f"positions: {len(positions)} ({time.monotonic() - started:.1f} s)")

        indexed = refresh_search_index()
        log(f"search index: {indexed} ({time.monotonic() - started:.1f} s)")
        # The marker comes last, inside the transaction: a half-filled database never has it.
        Cluster.objects.create(name="Benchmark", slug=MARKER_SLUG)

    return {"generated": True, "seconds": round(time.monotonic() - started, 1)}


def update_planner_statistics(vacuum: bool, log) -> None:
    """On PostgreSQL, give the planner statistics, as autovacuum does on a live server.

    Without them (autovacuum may be off, or not have run yet after the bulk load) the
    planner guesses a few hundred rows per table and picks nested loops that make the
    search ~5x slower than in production. SQLite is left as deployed: its planner does
    without ANALYZE, and sqlite_stat1 made these queries slower in a trial.
    """
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    tables = [
        "directory_organisation",
        "directory_organisation_topics",
        "directory_membership",
        "directory_topic",
        "directory_region",
        "directory_cluster",
        "directory_person",
        "directory_position",
        "directory_personemail",
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"{'VACUUM ANALYZE' if vacuum else 'ANALYZE'} {', '.join(tables)}")
        # The database cache's table churns with every run (each stored page is a row,
        # culled above 300): without autovacuum its dead rows slow every cache read and
        # write of the next run. Only if the installation caches in the database.
        cursor.execute("SELECT to_regclass('knotenpunkt_cache') IS NOT NULL")
        if cursor.fetchone()[0]:
            cursor.execute("VACUUM ANALYZE knotenpunkt_cache")
    log("planner statistics updated" + (" (VACUUM ANALYZE)" if vacuum else " (ANALYZE)"))


def counts() -> dict:
    from knotenpunkt.directory.models import Organisation, Person, Position
    from knotenpunkt.directory.services.search import listed_organisations

    return {
        "organisations": Organisation.objects.count(),
        "listed_organisations": listed_organisations().count(),
        "people": Person.objects.count(),
        "positions": Position.objects.count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--organisations", type=int, default=13_500)
    parser.add_argument("--people", type=int, default=40_000)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knotenpunkt.settings")
    import django

    django.setup()
    from knotenpunkt.directory.models import Cluster

    def log(message):
        print(f"generate: {message}", file=sys.stderr, flush=True)

    if Cluster.objects.filter(slug=MARKER_SLUG).exists():
        log("benchmark data already present (cluster 'bench'); nothing to do")
        result = {"generated": False, "seconds": 0.0}
    else:
        result = generate(args.seed, args.organisations, args.people, log)
    update_planner_statistics(vacuum=result["generated"], log=log)
    print(json.dumps({**result, "seed": args.seed, **counts()}))


if __name__ == "__main__":
    main()
