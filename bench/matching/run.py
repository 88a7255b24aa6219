"""Time matchmaking queries at 13,500 organisations (make bench-matching).

    .venv/bin/python bench/matching/run.py            # SQLite, var/bench-matching.sqlite3
    DATABASE_URL=postgres://... .venv/bin/python bench/matching/run.py

Generates the organisations once per database (bench/matching/generate.py), rebuilds every
matching document (reindex_all), builds the in-memory index as a web process would on its
first query, then times 240 plain-language needs through rank_providers, the function
the web UI calls. Prints one JSON object last: p50/p95/p99 query latency in ms, the time
to index all documents and to build the in-memory index.
"""

import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1].parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
QUERIES = 240
OPENINGS = [
    "Wir sind ein Familienbetrieb mit zwölf Leuten.",
    "Unsere Gemeinde hat rund 8.000 Einwohner.",
    "Wir sind ein Institut an der Hochschule.",
    "Unser Hotel an der Küste hat 40 Zimmer.",
    "Wir sind eine Spedition mit 25 Lkw.",
]


def log(message: str) -> None:
    print(f"bench-matching: {message}", file=sys.stderr, flush=True)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knotenpunkt.settings")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-matching.sqlite3'}")
    os.environ.setdefault("CACHE_URL", "locmemcache://")
    (ROOT / "var").mkdir(exist_ok=True)
    import django

    django.setup()
    from django.core.management import call_command
    from generate import generate

    from knotenpunkt.directory.models import Cluster, Organisation
    from knotenpunkt.matching.engine.concepts import curated_entries
    from knotenpunkt.matching.models import Need
    from knotenpunkt.matching.services import indexing
    from knotenpunkt.matching.services.ranking import rank_providers

    call_command("migrate", verbosity=0, interactive=False)
    entries = [e for e in curated_entries() if e.get("phrasings") and e.get("terms")]
    log("generating organisations (skipped when present)")
    created = generate(entries)
    log(f"created {created}")
    started = time.perf_counter()
    documents = indexing.reindex_all()
    index_seconds = time.perf_counter() - started
    indexing.reset_index()
    started = time.perf_counter()
    indexing.current_index()
    load_seconds = time.perf_counter() - started

    rng = random.Random(7)
    cluster, _ = Cluster.objects.get_or_create(slug="bench-matching", defaults={"name": "Bench"})
    author, _ = Organisation.objects.get_or_create(
        slug="bench-matching-author", defaults={"name": "Bench author"}
    )
    Need.objects.filter(cluster=cluster).delete()
    needs = []
    for i in range(QUERIES):
        entry = rng.choice(entries)
        phrasings = rng.sample(entry["phrasings"], k=min(2, len(entry["phrasings"])))
        text = f"{rng.choice(OPENINGS)} {phrasings[0]}. Bisher machen wir das alles von Hand. "
        text += f"Außerdem: {phrasings[-1]}. Wer kann uns helfen?"
        needs.append(
            Need.objects.create(
                cluster=cluster, organisation=author, title=f"{phrasings[0]} ({i})", text=text
            )
        )
    latencies = []
    for need in needs:
        started = time.perf_counter()
        rank_providers(need, limit=10)
        latencies.append((time.perf_counter() - started) * 1000)
    ordered = sorted(latencies)

    def pct(share):
        return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 2)

    print(
        json.dumps(
            {
                "organisations": documents,
                "queries": len(latencies),
                "p50_ms": round(statistics.median(ordered), 2),
                "p95_ms": pct(0.95),
                "p99_ms": pct(0.99),
                "max_ms": round(ordered[-1], 2),
                "reindex_all_s": round(index_seconds, 2),
                "index_build_s": round(load_seconds, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
