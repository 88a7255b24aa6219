"""Time catalogue searches at 5,000 listed offerings (make bench-catalogue).

    .venv/bin/python bench/catalogue/run.py            # SQLite, var/bench-catalogue.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/catalogue/run.py

Never touches the developer's data: SQLite uses var/bench-catalogue.sqlite3, PostgreSQL the
database "knotenpunkt_bench_catalogue" on the server DATABASE_URL names (created when
missing). Migrates, generates the catalogue once (bench/catalogue/generate.py), then
renders the catalogue page through Django's test client, the whole view with template,
facet counts and the first 20 results, for a rotating mix of German queries with and
without facet filters. Prints one JSON object last: p50/p95/p99 page time in ms and the
number of queries one page needs.
"""

import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
BENCH_DB_NAME = "knotenpunkt_bench_catalogue"
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "10"))
QUERIES = [
    {},
    {"q": "Terminvergabe"},
    {"q": "E-Akte xdomea"},
    {"q": "Barrierefreiheit Prüfung"},
    {"q": "FIT-Connect Formulare"},
    {"q": "Penetrationstest"},
    {"q": "Videokonferenz Open Source"},
    {"q": "Bauantrag"},
    {"hosting": "de"},
    {"certificate": "any", "hosting": "eu"},
    {"q": "Kommunen", "category": "security"},
    {"themenfeld": "bauen-wohnen", "open_source": "yes"},
    {"q": "Cloud", "price_model": "per_user_month", "deployment": "saas"},
]


def log(message: str) -> None:
    print(f"bench-catalogue: {message}", file=sys.stderr, flush=True)


def database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        parts = urlsplit(url)
        return urlunsplit(parts._replace(path=f"/{BENCH_DB_NAME}"))
    return f"sqlite:///{ROOT / 'var' / 'bench-catalogue.sqlite3'}"


def ensure_postgres_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB_NAME]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{BENCH_DB_NAME}"')


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    url = database_url()
    if url.startswith("postgres"):
        ensure_postgres_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knotenpunkt.settings")
    os.environ.setdefault("CACHE_URL", "locmemcache://")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    (ROOT / "var").mkdir(exist_ok=True)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from generate import generate

    from knotenpunkt.procurement.models import OfferingVersion

    call_command("migrate", verbosity=0)
    if not OfferingVersion.objects.exists():
        started = time.perf_counter()
        count = generate()
        log(f"generated {count} offerings in {time.perf_counter() - started:.1f} s")
        if connection.vendor == "postgresql":
            # Fresh bulk-inserted tables have no planner statistics until autovacuum
            # gets to them; without them PostgreSQL picks nested loops (seconds a page).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    listed = OfferingVersion.objects.filter(status="published").count()

    client = Client(HTTP_ACCEPT_LANGUAGE="de")
    paths = ["/shop/?" + urlencode(q) for q in QUERIES]
    for path in paths:  # warm-up: templates, translations, database caches
        assert client.get(path).status_code == 200
    # Counted with an execute wrapper: the request resets Django's own query log.
    executed = []
    with connection.execute_wrapper(
        lambda call, sql, *args: executed.append(sql) or call(sql, *args)
    ):
        client.get(paths[1])
    timings = []
    for _round in range(ROUNDS):
        for path in paths:
            started = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, path
    result = {
        "database": connection.vendor,
        "listed_offerings": listed,
        "pages": len(timings),
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
        "p99_ms": round(percentile(timings, 0.99), 1),
        "queries_per_page": len(executed),
        "python": platform.python_version(),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
