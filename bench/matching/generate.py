"""Generate 13,500 organisations with varied competence profiles for bench-matching.

Profiles are composed from the curated concept lexicon (technical terms for what a firm
offers, everyday words for whom), plus filler sentences, with synthetic names; sizes and
lengths vary widely (a few words to long corporate texts). Seeded, so every run builds
the same directory. Run through bench/matching/run.py.
"""

import random

SEED = 20261125
COUNT = 13_500
PREFIXES = [
    "Nord",
    "Förde",
    "Küsten",
    "Hanse",
    "Deich",
    "Möwen",
    "Lotsen",
    "Kai",
    "Watt",
    "Leucht",
    "Marsch",
    "Geest",
    "Bucht",
    "Anker",
    "Holm",
    "Priel",
    "Dünen",
    "Reet",
]
SUFFIXES = [
    "werk",
    "blick",
    "kontor",
    "logik",
    "data",
    "soft",
    "labs",
    "systeme",
    "digital",
    "consult",
    "media",
    "tech",
    "netz",
    "wert",
    "plan",
    "form",
]
FORMS = ["GmbH", "UG", "GmbH & Co. KG", "e.K.", "AG", "eG", ""]
FILLER = [
    "Wir arbeiten persönlich und verlässlich mit kleinen und mittleren Unternehmen.",
    "Unser Team berät Sie gern vor Ort in Schleswig-Holstein und Hamburg.",
    "Seit über zwanzig Jahren begleiten wir Kunden aus Handwerk, Handel und Verwaltung.",
    "Faire Preise, kurze Wege und ein fester Ansprechpartner sind uns wichtig.",
    "Wir legen Wert auf Datenschutz, Nachhaltigkeit und langfristige Partnerschaften.",
    "Zu unseren Kunden gehören Kommunen, Mittelständler und Start-ups.",
]


def profiles(lexicon_entries: list[dict], rng: random.Random):
    for i in range(COUNT):
        name = f"{rng.choice(PREFIXES)}{rng.choice(SUFFIXES)} {rng.choice(FORMS)}".strip()
        name = f"{name} {i}"
        chosen = rng.sample(lexicon_entries, k=rng.choice([1, 1, 2, 2, 3, 5]))
        sentences = []
        tags = []
        for entry in chosen:
            terms = rng.sample(entry["terms"], k=min(len(entry["terms"]), rng.randint(1, 4)))
            phrasing = rng.choice(entry["phrasings"])
            sentences.append(
                f"Wir bieten {', '.join(terms)} – für alle, bei denen es heißt: {phrasing}."
            )
            tags += terms[:2]
        sentences += rng.sample(FILLER, k=rng.randint(0, 3)) * rng.choice([1, 1, 1, 3])
        rng.shuffle(sentences)
        yield {
            "name": name,
            "description": " ".join(sentences),
            "keywords": "\n".join(tags),
            "employees": rng.choice([1, 2, 3, 5, 8, 12, 25, 40, 80, 250, 900]),
        }


def generate(lexicon_entries: list[dict]) -> int:
    """Create the organisations (with profiles) unless they are already there."""
    from django.db import transaction
    from django.utils.text import slugify

    from knotenpunkt.directory.models import Organisation
    from knotenpunkt.matching.models import CompetenceProfile

    if Organisation.objects.filter(slug__startswith="bench-match-").count() >= COUNT:
        return 0
    rng = random.Random(SEED)
    batch = list(profiles(lexicon_entries, rng))
    with transaction.atomic():
        organisations = Organisation.objects.bulk_create(
            [
                Organisation(
                    name=p["name"],
                    slug=f"bench-match-{i}-{slugify(p['name'])}"[:200],
                    description=p["description"],
                    employees=p["employees"],
                )
                for i, p in enumerate(batch)
            ],
            batch_size=1000,
        )
        CompetenceProfile.objects.bulk_create(
            [
                CompetenceProfile(organisation=o, keywords=p["keywords"])
                for o, p in zip(organisations, batch, strict=True)
            ],
            batch_size=1000,
        )
    return len(batch)
