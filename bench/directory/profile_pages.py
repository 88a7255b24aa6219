"""Where a directory page's time goes: queries, SQL time and, on PostgreSQL, query plans.

    .venv/bin/python bench/directory/profile_pages.py [--explain] [--repeat N] [PATH ...]
    .venv/bin/python bench/directory/profile_pages.py --unique 300 [--profile]

Uses the benchmark's database (run bench/directory/run.py first, same DATABASE_URL) and
its production-like settings, in this process through Django's test client, without
gunicorn or network: the numbers are the server's own cost per request. Pages are
rendered afresh (CACHE_URL=dummycache://, so neither the listing cache nor the filter
options are kept) unless --cached is given. Without paths it profiles one filtered
listing and three searches (a rare, a common and a two-letter term); --unique N instead
requests N different searches of the benchmark's uncached scenario once each (the
listing cache on, as in production: each one misses) and reports percentiles, queries
per page and the slowest queries. --profile adds a pyinstrument call tree
(`pip install pyinstrument` into the virtualenv or onto PYTHONPATH).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import run

DEFAULT_PATHS = [
    "/directory/?actor_type=business&size_class=micro&region=01002&page=2",
    "/directory/?q=Webentwicklung",
    "/directory/?q=Kiel",
    "/directory/?q=KI",
]


def profiler(enabled: bool):
    if not enabled:
        return None
    try:
        from pyinstrument import Profiler
    except ImportError:
        raise SystemExit("--profile needs pyinstrument: pip install pyinstrument") from None
    return Profiler(interval=0.0005)


def unique_paths(env: dict, count: int) -> list[str]:
    out = subprocess.run(
        [
            sys.executable,
            str(run.ROOT / "bench" / "directory" / "vocabulary.py"),
            "--count",
            str(count),
        ],
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    # The last ones: the benchmark's warm-up and c=1 run request the first.
    return json.loads(out.strip().splitlines()[-1])["paths"]


def profile_unique(client, paths, prof) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from knotenpunkt.directory.services.listing_cache import directory_changed

    directory_changed()  # nothing cached by an earlier run is served
    for path in paths[:10]:
        client.get(path)
    times, cpu, sql, counts, by_query = [], [], [], [], {}
    if prof:
        prof.start()
    for path in paths[10:]:
        with CaptureQueriesContext(connection) as queries:
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
        assert response.status_code == 200, path
        sql.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
        counts.append(len(queries.captured_queries))
        for q in queries.captured_queries:
            by_query.setdefault(q["sql"][:100], []).append(float(q["time"]) * 1000)
    if prof:
        prof.stop()
    times.sort()

    def pct(q):
        return times[max(0, int(q * len(times)) - 1)]

    print(
        f"{len(times)} different searches: median {statistics.median(times):.1f} ms, "
        f"p95 {pct(0.95):.1f}, p99 {pct(0.99):.1f}, mean {statistics.fmean(times):.1f}; "
        f"Python CPU median {statistics.median(cpu):.2f} ms; SQL mean "
        f"{statistics.fmean(sql):.1f} ms, queries per page {statistics.fmean(counts):.1f}"
    )
    for text, ms in sorted(by_query.items(), key=lambda kv: -sum(kv[1]))[:8]:
        print(f"  {len(ms):5d} x {statistics.fmean(ms):6.2f} ms  {text}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=DEFAULT_PATHS)
    parser.add_argument("--repeat", type=int, default=25)
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE (PostgreSQL)")
    parser.add_argument("--cached", action="store_true", help="keep the configured cache")
    parser.add_argument("--unique", type=int, default=0, help="N different searches, once each")
    parser.add_argument("--profile", action="store_true", help="pyinstrument call tree")
    args = parser.parse_args()

    database_url, vendor, _version = run.bench_database(os.environ.get("DATABASE_URL", ""))
    env = run.django_env(database_url)
    os.environ.update(env)
    if not args.cached and not args.unique:
        os.environ["CACHE_URL"] = "dummycache://"
    sys.path.insert(0, str(run.ROOT / "bench" / "directory"))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=run.HOST)
    prof = profiler(args.profile)
    if args.unique:
        profile_unique(client, unique_paths(env, args.unique + 10), prof)
        if prof:
            print(prof.output_text(unicode=False, color=False))
        return
    for path in args.paths:
        for _ in range(3):
            client.get(path)
        times, cpu = [], []
        if prof:
            prof.start()
        for _ in range(args.repeat):
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
        if prof:
            prof.stop()
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
        print(
            f"{path}\n  HTTP {response.status_code}, median {statistics.median(times):.1f} ms "
            f"over {args.repeat} (Python CPU {statistics.median(cpu):.2f} ms), "
            f"{len(queries.captured_queries)} queries, "
            f"SQL {sql_ms:.1f} ms (ms resolution per query)"
        )
        for q in queries.captured_queries:
            print(f"  {float(q['time']) * 1000:6.1f} ms  {q['sql'][:110]}")
        if args.explain and vendor == "postgresql":
            for q in queries.captured_queries:
                if "directory_organisation" not in q["sql"] or q["sql"].startswith("DECLARE"):
                    continue
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + q["sql"])
                    plan = "\n".join(f"    {row[0]}" for row in cursor.fetchall())
                print(f"  plan of: {q['sql'][:80]}...\n{plan}")
    if prof:
        print(prof.output_text(unicode=False, color=False))


if __name__ == "__main__":
    main()
