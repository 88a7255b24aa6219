"""KPI benchmark: the cross-cluster dashboard for 10 clusters, 13,500 organisations and
ten years of memberships, fee invoices and events.

    make bench-kpis                                                   # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x make bench-kpis  # PostgreSQL

Uses its own database (var/bench/knotenpunkt_bench_kpis_N.sqlite3, or the PostgreSQL
database of that name on the server DATABASE_URL names), migrates it and creates the data
once (bench/kpis/generate.py). Then, in one process with production settings (DEBUG off),
a platform admin's browser session asks BENCH_ROUNDS times (30) for the dashboard across
all ten clusters — every KPI of each cluster and of all together for the current year —
after an unmeasured warm-up; as often for last year's (kept figures); as often for the
ten-year trend with its charts, which the dashboard loads when the reader scrolls to it
(past years kept, and with the kept figures cleared before each request: the first view
after a change); and one cluster's dashboard. Timed is the whole request
through Django's test client (middleware, session, every query, the template); the
server's network and the browser are not. The target: p95 <= 300 ms on PostgreSQL. The
last line printed is one JSON object.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
VAR = ROOT / "var" / "bench"
sys.path.insert(0, str(ROOT / "bench"))
from common import directory_bench, own_database, production_env  # noqa: E402

TARGET_P95_MS = 300

MEASURE = """
import json, statistics, time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from knotenpunkt.accounts.models import User
from knotenpunkt.directory.models import Cluster

admin = User.objects.filter(email="bench@kpis.example").first() or User.objects.create_superuser(
    "bench@kpis.example", "bench-kpis-password")
client = Client()
client.force_login(admin)
from knotenpunkt.kpis.models import StoredFigure
one = Cluster.objects.order_by("slug").first().slug

def measure(years, extra=None, cold=False, path="/kpis/"):
    extra = extra or {{}}
    for year in years:
        client.get(path, {{"year": year, **extra}})  # warm-up, keeps closed years
    times, queries = [], 0
    for n in range({rounds}):
        if cold:
            StoredFigure.objects.all().delete()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, {{"year": years[n % len(years)], **extra}})
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        assert b"members_end" in response.content
        queries = len(captured)
    ordered = sorted(times)
    return {{
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95 + 0.5) - 1)], 1),
        "max_ms": round(ordered[-1], 1),
        "queries": queries,
        "bytes": len(response.content),
    }}

print(json.dumps({{
    "across": measure([{last_year}]),
    "across_past_year": measure([{last_year} - 1]),
    "trend": measure([{last_year}], path="/kpis/trend/"),
    "trend_nothing_kept": measure([{last_year}], cold=True, path="/kpis/trend/"),
    "one_cluster": measure([{last_year}], {{"cluster": one}}),
}}))
"""


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def django_env(database_url: str) -> dict[str, str]:
    return production_env(
        database_url,
        VAR,
        "kpis",
        ALLOWED_HOSTS="testserver",
        TASKS_BACKEND="immediate",
        # The test client speaks plain HTTP; production's HTTPS redirect is not measured.
        SECURE_SSL_REDIRECT="false",
    )


def main() -> None:
    count = int(os.environ.get("BENCH_ORGANISATIONS", 13500))
    rounds = int(os.environ.get("BENCH_ROUNDS", 30))
    last_year = time.localtime().tm_year
    VAR.mkdir(parents=True, exist_ok=True)
    database_url, vendor = own_database(
        os.environ.get("DATABASE_URL", ""), f"knotenpunkt_bench_kpis_{count}", VAR
    )
    env = django_env(database_url)
    log(f"migrating the {vendor} database")
    subprocess.run(
        [str(BIN / "knotenpunkt"), "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True
    )
    subprocess.run(
        [str(BIN / "knotenpunkt"), "collectstatic", "--noinput", "-v0"],
        env=env,
        cwd=ROOT,
        check=True,
    )
    log(f"preparing {count} organisations and ten years (once)")
    started = time.perf_counter()
    generated = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench/kpis/generate.py"),
            "--organisations",
            str(count),
            "--last-year",
            str(last_year),
        ],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    data = json.loads(generated.stdout.strip().splitlines()[-1])
    log(f"data ready in {time.perf_counter() - started:.0f} s: {data}")
    log(f"measuring {rounds} requests per dashboard")
    program = "import django; django.setup()\n" + MEASURE.format(last_year=last_year, rounds=rounds)
    measured = subprocess.run(
        [sys.executable, "-c", program],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    timings = json.loads(measured.stdout.strip().splitlines()[-1])
    across = timings["across"]
    result = {
        "benchmark": "kpis",
        "database": vendor,
        "organisations": count,
        "data": data,
        "rounds": rounds,
        "across_clusters": across,
        "across_past_year": timings["across_past_year"],
        "trend": timings["trend"],
        "trend_nothing_kept": timings["trend_nothing_kept"],
        "one_cluster": timings["one_cluster"],
        "target_p95_ms": TARGET_P95_MS,
        "target_met": across["p95_ms"] <= TARGET_P95_MS,
        "machine": directory_bench().machine(),
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
    }
    print(
        f"\nKPI dashboard on {vendor}: 10 clusters, {count} organisations, {rounds} requests\n"
        f"  across clusters, this year     median {across['median_ms']} ms, "
        f"p95 {across['p95_ms']} ms (target {TARGET_P95_MS}), {across['queries']} queries\n"
        + "".join(
            f"  {label:31}median {timings[key]['median_ms']} ms, "
            f"p95 {timings[key]['p95_ms']} ms, {timings[key]['queries']} queries\n"
            for key, label in (
                ("across_past_year", "across clusters, last year"),
                ("trend", "trend, past years kept"),
                ("trend_nothing_kept", "trend, nothing kept"),
                ("one_cluster", "one cluster, this year"),
            )
        )
    )
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
