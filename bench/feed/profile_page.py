"""Where a feed page's time goes: time, queries and (with --profile) a cProfile summary.

    DATABASE_URL=postgres://... python bench/feed/profile_page.py [--people 50] [--profile]

Uses the feed benchmark's database (run bench/feed/run.py first, same DATABASE_URL) with
its production-like settings, in this process through Django's test client, one client:
the server's own cost per page. Each of the first N measured people is asked once, with
the same tab and page pattern as the benchmark (cold per person, as in the benchmark;
with --again each person's second visit, their ranked list then cached).
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
from common import own_database, production_env  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=60)
    parser.add_argument("--offset", type=int, default=100)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--lines", type=int, default=45)
    parser.add_argument("--path", default="/feed/")
    parser.add_argument(
        "--again", action="store_true", help="measure each person's second visit (cached)"
    )
    parser.add_argument("--queries", action="store_true", help="print the last page's queries")
    args = parser.parse_args()
    var = ROOT / "var" / "bench"
    url, _vendor = own_database(os.environ.get("DATABASE_URL", ""), "knotenpunkt_bench_feed", var)
    os.environ.update(
        production_env(
            url,
            var,
            "feed",
            ALLOWED_HOSTS="testserver",
            TASKS_BACKEND="immediate",
            SECURE_SSL_REDIRECT="false",
        )
    )
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    User = get_user_model()
    emails = list(
        User.objects.filter(email__startswith="feed").order_by("pk").values_list("email", flat=True)
    )[args.offset : args.offset + args.people + 1]
    client = Client()
    timings, counts, sql, cpu = [], [], [], []
    profile = cProfile.Profile(time.process_time) if args.profile else None
    for k, email in enumerate(emails):
        client.force_login(User.objects.get(email=email))
        params = {"tab": "popular"} if k % 5 == 3 else {"page": 2} if k % 7 == 5 else {}
        if args.again:
            client.get(args.path, params)
        with CaptureQueriesContext(connection) as queries:
            if profile and k:
                profile.enable()
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(args.path, params)
            elapsed = (time.perf_counter() - started) * 1000
            used = (time.process_time() - started_cpu) * 1000
            if profile and k:
                profile.disable()
        assert response.status_code == 200, response.status_code
        if k:  # the first one warms up
            timings.append(elapsed)
            counts.append(len(queries))
            cpu.append(used)
            sql.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
    if args.queries:
        for query in queries.captured_queries:
            print(f"{float(query['time']) * 1000:7.1f} ms  {query['sql'][:300]}")
    timings.sort()
    print(
        f"pages {len(timings)}: median {statistics.median(timings):.1f} ms, "
        f"p95 {timings[int(len(timings) * 0.95) - 1]:.1f} ms, "
        f"queries {min(counts)}-{max(counts)} (median {statistics.median(counts)}), "
        f"SQL median {statistics.median(sql):.1f} ms, "
        f"CPU of this process median {statistics.median(cpu):.1f} ms"
    )
    if profile:
        pstats.Stats(profile).sort_stats(args.sort).print_stats(args.lines)


if __name__ == "__main__":
    main()
