"""API benchmark: the organisation list with filters and the catalogue list under gunicorn
(make bench-api), against a hello-world floor.

    make bench-api                                                       # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres make bench-api   # PostgreSQL

Never touches the developer's data: SQLite uses var/bench-api/bench_api.sqlite3,
PostgreSQL the database "knotenpunkt_bench_api" on the server DATABASE_URL names
(created when missing). It migrates, fills the database once (bench/api/generate.py:
13,500 organisations and 5,000 listed offerings), starts gunicorn on a free loopback port
and measures at 1 and 16 concurrent clients:

    floor                  GET /healthz                    hello-world view
    organisations          GET /api/v1/organisations?...   searches and filters in rotation
    catalogue              GET /api/v1/offerings?...       the catalogue's queries and facets
    organisations_uncached GET /api/v1/organisations?...   every request a different URL
    catalogue_uncached     GET /api/v1/offerings?...       every request a different URL

The rotating scenarios repeat their URLs, as integrators polling a list do, so after the
first pass they measure the anonymous answer cache (knotenpunkt/api/answer_cache.py); the
uncached ones never repeat a URL (the rotating queries with every page size from 10 to
100, the organisations also in three orderings), so every answer runs the search, the
count and the page. The targets apply to the rotating scenarios; the uncached ones are reported.
The clients and the server are the directory benchmark's (bench/directory/run.py): one
process per client, one kept-alive connection each, closed loop. Every answer must be 200
JSON; before measuring, every path is asked once and must list results.

Settings from the environment: BENCH_REQUESTS_C1 (200), BENCH_REQUESTS_C16 (800),
BENCH_MAX_SECONDS (120), BENCH_WORKERS (3). The last line printed is one JSON object.
"""

import datetime
import http.client
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from common import directory_bench, own_database, production_env  # noqa: E402

BIN = Path(sys.executable).parent
VAR = ROOT / "var" / "bench-api"
HOST = "127.0.0.1"
TARGET_P95_MS = 100

# Search terms that occur in the generated directory, alone and with filters, and the
# filters alone (the generator's clusters, topics and actor types).
ORGANISATION_QUERIES = [
    {"q": "Software"},
    {"q": "Cloud"},
    {"q": "Kiel"},
    {"q": "Datenschutz"},
    {"q": "Digitalisierung"},
    {"q": "Cybersicherheit"},
    {"q": "Logistik"},
    {"q": "Hamburg"},
    {"q": "Robotik"},
    {"q": "Lübeck"},
    {"q": "Software", "cluster": "bench-nord"},
    {"q": "Cloud", "actor_type": "business"},
    {"q": "Webentwicklung", "topic": "software-entwicklung"},
    {"actor_type": "business", "cluster": "bench-nord"},
    {"actor_type": "business", "topic": "software-entwicklung"},
    {"actor_type": "business", "topic": "it-sicherheit", "page": "2"},
    {"actor_type": "research"},
    {"cluster": "bench-hamburg", "ordering": "-name"},
    {"cluster": "bench-nord", "page": "3", "page_size": "50"},
    {"topic": "it-sicherheit", "cluster": "bench-hamburg"},
]
# The catalogue benchmark's queries (bench/catalogue/run.py) in the API's parameters.
CATALOGUE_QUERIES = [
    {},
    {"q": "Terminvergabe"},
    {"q": "E-Akte xdomea"},
    {"q": "Barrierefreiheit Prüfung"},
    {"q": "FIT-Connect Formulare"},
    {"q": "Penetrationstest"},
    {"q": "Videokonferenz"},
    {"q": "Bauantrag"},
    {"hosting": "de"},
    {"certificate": "any", "hosting": "eu"},
    {"q": "Kommunen", "category": "security"},
    {"themenfeld": "bauen-wohnen", "open_source": "true"},
    {"q": "Cloud", "price_model": "per_user_month", "deployment": "saas"},
]
SCENARIOS = (
    "floor",
    "organisations",
    "catalogue",
    "organisations_uncached",
    "catalogue_uncached",
)


def log(message: str) -> None:
    print(f"bench-api: {message}", file=sys.stderr, flush=True)


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def paths() -> dict[str, list[str]]:
    def url(base, query):
        return f"{base}?{urlencode(query)}" if query else base

    def unique(base, queries, variants):
        # Page size first: consecutive requests differ in the query too.
        return [
            url(base, {**q, "page_size": str(size), **variant})
            for size in range(10, 101)
            for variant in variants
            for q in queries
            if "page_size" not in q
        ]

    orderings = [{}, {"ordering": "name"}, {"ordering": "-name"}]
    return {
        "floor": ["/healthz"],
        "organisations": [url("/api/v1/organisations", q) for q in ORGANISATION_QUERIES],
        "catalogue": [url("/api/v1/offerings", q) for q in CATALOGUE_QUERIES],
        "organisations_uncached": unique("/api/v1/organisations", ORGANISATION_QUERIES, orderings),
        # The catalogue has no ordering parameter: 13 queries x 91 page sizes.
        "catalogue_uncached": unique("/api/v1/offerings", CATALOGUE_QUERIES, [{}]),
    }


def is_ok(body: bytes) -> bool:
    return body == b"ok"


def is_page(body: bytes) -> bool:
    return body.startswith(b"{") and b'"results"' in body


def result_counts(port: int, urls: list[str]) -> dict[str, int]:
    """Each path's count of results; every path must answer 200 and list some."""
    counts = {}
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    for path in urls:
        conn.request("GET", path, headers={"Accept-Language": "de"})
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            raise SystemExit(f"{path} answered {response.status}: {body[:300]!r}")
        page = json.loads(body)
        if not page["results"]:
            raise SystemExit(f"{path} lists no results; the benchmark data is not as expected")
        counts[path] = page["count"]
    conn.close()
    return counts


def main() -> None:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGINT, signal.default_int_handler)
    harness = directory_bench()
    VAR.mkdir(parents=True, exist_ok=True)
    database_url, vendor = own_database(
        os.environ.get("DATABASE_URL", ""), "knotenpunkt_bench_api", VAR
    )
    env = production_env(
        database_url,
        VAR,
        "api",
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        # The benchmark's clients share one address; the API's rate limit would answer
        # 429 to the point of the measurement.
        API_ANONYMOUS_RATE_LIMIT_PER_MINUTE="1000000",
    )
    data = harness.prepare(env, ROOT / "bench" / "api" / "generate.py")
    log(f"data: {data}")
    server = {"workers": env_int("BENCH_WORKERS", 3), "worker_class": "sync", "threads": 1}
    port = harness.free_port()
    requests = {1: env_int("BENCH_REQUESTS_C1", 200), 16: env_int("BENCH_REQUESTS_C16", 800)}
    max_seconds = env_int("BENCH_MAX_SECONDS", 120)
    checks = dict.fromkeys(SCENARIOS, is_page) | {"floor": is_ok}
    rotating = paths()
    result = {
        "benchmark": "api",
        "database": vendor,
        "data": data,
        "date": datetime.datetime.now(tz=datetime.UTC).astimezone().isoformat(timespec="seconds"),
        "machine": harness.machine(),
        "server": {"gunicorn": "sync workers", **server},
        "settings": "knotenpunkt.settings, DEBUG off; anonymous answers cached per process",
        "client": "one process per concurrent client, one connection each, closed loop",
    }
    with (VAR / "gunicorn.log").open("a") as server_log:
        process = subprocess.Popen(
            harness.gunicorn_command(port, server),
            cwd=ROOT,
            env=env,
            start_new_session=True,
            stdout=server_log,
            stderr=server_log,
        )
    try:
        harness.wait_until_up(process, port)
        counts = result_counts(port, rotating["organisations"] + rotating["catalogue"])
        result["results_per_path"] = counts
        # Consecutive slices of the uncached URLs: the warm-up and each measurement get
        # URLs no one asked for before.
        warm_up = 100
        slices = {}
        for name in ("organisations_uncached", "catalogue_uncached"):
            urls = rotating[name]
            slices[name] = {
                "warm_up": urls[:warm_up],
                1: urls[warm_up : warm_up + requests[1]],
                16: urls[warm_up + requests[1] : warm_up + requests[1] + requests[16]],
            }
            if len(slices[name][16]) < requests[16]:
                raise SystemExit(f"{name}: too few distinct URLs for the requests asked")
        log("warming up")
        for name in SCENARIOS:
            if name in slices:
                urls, count = slices[name]["warm_up"], warm_up
            else:
                # Answers are kept per worker process: three passes per worker leave few
                # (worker, URL) pairs unasked ((2/3)^9 = 3 % with 3 workers).
                urls = rotating[name]
                count = max(warm_up, 3 * server["workers"] * len(urls))
            harness.run_load(port, urls, 8, count, max_seconds, checks[name])
        scenarios = {}
        for concurrency in (1, 16):
            for name in SCENARIOS:
                key = f"{name}_c{concurrency}"
                urls = slices[name][concurrency] if name in slices else rotating[name]
                figures = harness.run_load(
                    port, urls, concurrency, requests[concurrency], max_seconds, checks[name]
                )
                figures.pop("share_with_results", None)
                scenarios[key] = figures
                log(f"{key}: {figures}")
    finally:
        harness.stop(process)
    result["scenarios"] = scenarios
    result["machine"]["cpu_parallelism_at_end"] = harness.cpu_parallelism()
    result["machine"]["loadavg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    result["targets_apply_to"] = "postgresql"
    result["targets"] = {
        f"{name}_p95_c16_ms<={TARGET_P95_MS}": scenarios[f"{name}_c16"]["p95_ms"] <= TARGET_P95_MS
        for name in ("organisations", "catalogue")
    }
    result["targets_met"] = all(result["targets"].values())
    print(f"\nAPI benchmark on {vendor}: {data}")
    print(f"{'scenario':<26}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'req/s':>9}")
    for key, s in scenarios.items():
        print(
            f"{key:<26}{s['requests']:>9}{s['p50_ms']:>9}{s['p95_ms']:>9}{s['p99_ms']:>9}"
            f"{s['req_per_s']:>9}"
        )
    for target, met in result["targets"].items():
        print(f"  {'met   ' if met else 'MISSED'} {target}")
    sys.stdout.flush()
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
