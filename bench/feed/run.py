"""Feed benchmark: the personal feed page of 40,000 people over 10,000 items, 16 clients.

    make bench-feed                                                   # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x make bench-feed  # PostgreSQL

Uses its own database (knotenpunkt_bench_feed), migrates it and fills it once
(bench/feed/generate.py: 40,000 people, 10,000 items, a year of interactions). Then, with
production settings, 16 clients (BENCH_CLIENTS; 4 processes with 4 threads each, each
thread with its own session and database connection) request /feed/ as different people
(page 1, some the popular tab and page 2) through Django's test client, after one
unmeasured warm-up request per client. The last line printed is one JSON object with the
median and p95 of a page; the target is p95 <= 100 ms on PostgreSQL.
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
from common import own_database, production_env  # noqa: E402

TARGET_P95_MS = 100


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def measure(emails: list[str], clients: int, requests_per_client: int) -> dict:
    """Runs inside the benchmark's Django process."""
    import multiprocessing
    import random
    import threading

    from django.contrib.auth import get_user_model
    from django.db import connection, connections
    from django.test import Client

    User = get_user_model()
    processes = 4 if clients >= 4 else 1

    def client_thread(n, timings, errors):
        rng = random.Random(n)
        client = Client()
        try:
            for k in range(requests_per_client + 1):
                email = emails[(n * 7919 + k) % len(emails)]
                client.force_login(User.objects.get(email=email))
                params = {}
                if k % 5 == 3:
                    params["tab"] = "popular"
                elif k % 7 == 5:
                    params["page"] = 2
                started = time.perf_counter()
                response = client.get("/feed/", params)
                elapsed = (time.perf_counter() - started) * 1000
                if response.status_code != 200:
                    errors.append(f"{response.status_code} for {email}")
                elif k:  # the first request of a client warms it up
                    timings.append(elapsed)
                rng.random()
        except Exception as error:  # noqa: BLE001 - reported, not hidden
            errors.append(repr(error))
        finally:
            connection.close()

    def worker(share, results):
        timings, errors = [], []
        threads = [threading.Thread(target=client_thread, args=(n, timings, errors)) for n in share]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        results.put((timings, errors))

    connections.close_all()
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    workers = [
        context.Process(target=worker, args=(range(k, clients, processes), results))
        for k in range(processes)
    ]
    started = time.perf_counter()
    for process in workers:
        process.start()
    timings, errors = [], []
    for _ in workers:
        their_timings, their_errors = results.get()
        timings.extend(their_timings)
        errors.extend(their_errors)
    for process in workers:
        process.join()
    wall = time.perf_counter() - started
    ordered = sorted(timings)

    def pct(p):
        return round(ordered[max(0, int(len(ordered) * p + 0.5) - 1)], 1) if ordered else None

    return {
        "clients": clients,
        "requests": len(ordered),
        "errors": errors[:5],
        "median_ms": pct(0.5),
        "p95_ms": pct(0.95),
        "max_ms": round(ordered[-1], 1) if ordered else None,
        "throughput_per_s": round(len(ordered) / wall, 1),
    }


def main() -> None:
    people = int(os.environ.get("BENCH_PEOPLE", 40000))
    items = int(os.environ.get("BENCH_ITEMS", 10000))
    clients = int(os.environ.get("BENCH_CLIENTS", 16))
    per_client = int(os.environ.get("BENCH_REQUESTS", 25))
    VAR.mkdir(parents=True, exist_ok=True)
    database_url, vendor = own_database(
        os.environ.get("DATABASE_URL", ""), "knotenpunkt_bench_feed", VAR
    )
    env = production_env(
        database_url,
        VAR,
        "feed",
        ALLOWED_HOSTS="testserver",
        TASKS_BACKEND="immediate",
        SECURE_SSL_REDIRECT="false",
    )
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
    log(f"generating {people} people and {items} items (once)")
    generated = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench/feed/generate.py"),
            "--people",
            str(people),
            "--items",
            str(items),
        ],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    setup = json.loads(generated.stdout.strip().splitlines()[-1])
    log(f"measuring {clients} clients x {per_client} requests")
    program = (
        "import json, sys, django; django.setup()\n"
        f"sys.path.insert(0, {str(ROOT / 'bench' / 'feed')!r})\n"
        "from run import measure\n"
        f"result = measure({setup['emails']!r}, {clients}, {per_client})\n"
        "print(json.dumps(result))\n"
    )
    measured = subprocess.run(
        [sys.executable, "-c", program], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if measured.returncode:
        sys.stderr.write(measured.stderr[-4000:])
        raise SystemExit(measured.returncode)
    result = json.loads(measured.stdout.strip().splitlines()[-1])
    result.update({k: v for k, v in setup.items() if k != "emails"})
    result["database"] = vendor
    result["target_p95_ms"] = TARGET_P95_MS
    result["target_met"] = bool(
        not result["errors"] and result["p95_ms"] is not None and result["p95_ms"] <= TARGET_P95_MS
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
