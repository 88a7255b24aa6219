"""Where a directory page's time goes: queries, SQL time and, on PostgreSQL, query plans.

    .venv/bin/python bench/directory/profile_pages.py [--explain] [--repeat N] [PATH ...]

Uses the benchmark's database (run bench/directory/run.py first, same DATABASE_URL) and
its production-like settings, in this process through Django's test client, without
gunicorn or network: the numbers are the server's own cost per request. Without paths it
profiles one filtered listing and three searches (a rare, a common and a two-letter term).
"""

import argparse
import os
import statistics
import sys
import time

import run

DEFAULT_PATHS = [
    "/directory/?actor_type=business&size_class=micro&region=01002&page=2",
    "/directory/?q=Webentwicklung",
    "/directory/?q=Kiel",
    "/directory/?q=KI",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=DEFAULT_PATHS)
    parser.add_argument("--repeat", type=int, default=25)
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE (PostgreSQL)")
    args = parser.parse_args()

    database_url, vendor, _version = run.bench_database(os.environ.get("DATABASE_URL", ""))
    os.environ.update(run.django_env(database_url))
    sys.path.insert(0, str(run.ROOT / "bench" / "directory"))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=run.HOST)
    for path in args.paths:
        for _ in range(3):
            client.get(path)
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
        print(
            f"{path}\n  HTTP {response.status_code}, median {statistics.median(times):.1f} ms "
            f"over {args.repeat}, {len(queries.captured_queries)} queries, "
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


if __name__ == "__main__":
    main()
