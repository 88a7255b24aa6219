"""Registration benchmark: the summit's opening, 650 attendees for 600 places, on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x make bench-registration

Uses its own database "knotenpunkt_bench_registration" on the server DATABASE_URL names
(created when missing; PostgreSQL only: the point is the row locks). It migrates, prepares
the summit (bench/registration/generate.py: 650 users with database sessions, an event with
capacity 600 and two contingents), starts gunicorn with the production-like settings of
the directory benchmark (DEBUG off, 3 sync workers) and runs two scenarios, each on a
freshly reset event:

    opening_minute  open loop: the 650 registrations arrive at seeded random moments spread
                    over one minute (a Poisson-like stream), each sent at its moment
                    whatever the server's backlog; latency counts from that moment
    burst           closed loop: 32 clients send the 650 registrations back to back, as
                    fast as the server answers (the worst case: everyone clicks at 9:00:00)

Every attendee POSTs once to events:register with their session and CSRF cookie; the
answer must be the redirect to "my registrations" (confirmed or waiting list). Afterwards
the database must show: confirmed == capacity (exactly the expected number), no ticket
type above its contingent, everyone else on the waiting list, no one twice, zero
oversold. The run fails (exit 1) otherwise.

Environment: BENCH_WINDOW_SECONDS (60), BENCH_BURST_CLIENTS (32), BENCH_OPEN_CLIENTS (64
client processes sharing the open-loop arrivals), BENCH_WORKERS (3), BENCH_PORT.
The last line printed is one JSON object with all figures.
"""

import datetime
import http.client
import json
import math
import multiprocessing
import os
import random
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
BENCH_DB_NAME = "knotenpunkt_bench_registration"
HOST = "127.0.0.1"
SEED = 20261124


sys.path.insert(0, str(ROOT / "bench"))
from common import directory_bench  # noqa: E402

shared = directory_bench()
VAR = shared.VAR
PLAN_FILE = VAR / "registration-plan.json"


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


# Database ------------------------------------------------------------------------------------


def _connect_params(url: str) -> dict:
    parts = urlsplit(url)
    return {
        "host": parts.hostname or "localhost",
        "port": parts.port or 5432,
        "user": parts.username or "postgres",
        "password": parts.password or None,
    }


def bench_database(url: str) -> tuple[str, str]:
    """The benchmark's own database on DATABASE_URL's server: (url, server version)."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        raise SystemExit(
            "The registration benchmark measures PostgreSQL's row locks: set DATABASE_URL="
            "postgres://... (the server to use; the benchmark creates its own database)."
        )
    import psycopg
    from psycopg import sql

    with psycopg.connect(dbname="postgres", autocommit=True, **_connect_params(url)) as conn:
        version = conn.execute("SHOW server_version").fetchone()[0]
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB_NAME]
        ).fetchone()
        if not exists:
            log(f"creating database {BENCH_DB_NAME}")
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(BENCH_DB_NAME)))
    return urlunsplit(parts._replace(path=f"/{BENCH_DB_NAME}")), version


def prepare(env: dict[str, str]) -> None:
    manage = [str(BIN / "knotenpunkt")]
    for args in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        log(" ".join(["knotenpunkt", *args]))
        subprocess.run([*manage, *args], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def reset_summit(env: dict[str, str]) -> dict:
    """Create the data once, empty the summit and log the attendees in afresh."""
    out = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "registration" / "generate.py"),
            "--out",
            str(PLAN_FILE),
        ],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    log(f"summit reset: {out.strip().splitlines()[-1]}")
    return json.loads(PLAN_FILE.read_text())


def outcome(database_url: str, plan: dict) -> dict:
    """What the database says after a scenario, and whether it holds the promises."""
    import psycopg

    parts = urlsplit(database_url)
    with psycopg.connect(dbname=parts.path.lstrip("/"), **_connect_params(database_url)) as conn:
        event_id = conn.execute(
            "SELECT id FROM events_event WHERE slug = %s", [plan["event"]]
        ).fetchone()[0]
        rows = conn.execute(
            "SELECT ticket_type_id, status, count(*) FROM events_registration "
            "WHERE event_id = %s GROUP BY ticket_type_id, status",
            [event_id],
        ).fetchall()
        twice = conn.execute(
            "SELECT count(*) FROM (SELECT person_id FROM events_registration "
            "WHERE event_id = %s AND status <> 'cancelled' GROUP BY person_id "
            "HAVING count(*) > 1) AS t",
            [event_id],
        ).fetchone()[0]
    by_status: dict[str, int] = {}
    per_type: dict[int, int] = {}
    for ticket_type, status, n in rows:
        by_status[status] = by_status.get(status, 0) + n
        if status == "confirmed":
            per_type[ticket_type] = per_type.get(ticket_type, 0) + n
    confirmed = by_status.get("confirmed", 0)
    waiting = by_status.get("waiting", 0)
    contingents = []
    over_contingent = 0
    for t in plan["ticket_types"]:
        n = per_type.get(t["pk"], 0)
        contingents.append({**t, "confirmed": n})
        if t["contingent"] is not None:
            over_contingent += max(0, n - t["contingent"])
    oversold = max(0, confirmed - plan["capacity"]) + over_contingent
    attendees = len(plan["attendees"])
    checks = {
        "confirmed_equals_expected": confirmed == plan["expected_confirmed"],
        "confirmed_equals_capacity": confirmed == plan["capacity"],
        "no_contingent_exceeded": over_contingent == 0,
        "rest_on_waiting_list": waiting == attendees - confirmed,
        "nobody_registered_twice": twice == 0,
        "zero_oversold": oversold == 0,
    }
    return {
        "confirmed": confirmed,
        "waiting": waiting,
        "registrations": sum(by_status.values()),
        "oversold": oversold,
        "ticket_types": contingents,
        "registered_twice": twice,
        "checks": checks,
        "ok": all(checks.values()),
    }


# Load client ----------------------------------------------------------------------------------


def _post(port: int, path: str, attendee: dict) -> tuple[int, str]:
    body = urlencode({**attendee["form"], "csrfmiddlewaretoken": attendee["csrf"]})
    conn = http.client.HTTPConnection(HOST, port, timeout=120)
    try:
        conn.request(
            "POST",
            path,
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"sessionid={attendee['session']}; csrftoken={attendee['csrf']}",
                "Accept-Language": "de",
            },
        )
        response = conn.getresponse()
        content = response.read()
        location = response.getheader("Location", "")
    finally:
        conn.close()
    if response.status == 302 and "my-registrations" in location:
        return response.status, ""
    return response.status, content[:300].decode("utf-8", "replace")


def _open_loop_client(port, path, jobs, t0, results):
    """Sends each of its (moment, attendee) jobs at its moment, or at once when late."""
    samples, errors = [], []
    for offset, attendee in jobs:
        scheduled = t0 + offset
        delay = scheduled - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        sent = time.perf_counter()
        try:
            status, problem = _post(port, path, attendee)
        except (OSError, http.client.HTTPException) as exc:
            status, problem = 0, repr(exc)
        done = time.perf_counter()
        samples.append((scheduled, sent, done))
        if problem:
            errors.append(f"HTTP {status}: {problem}")
    results.put((samples, errors))


def _closed_loop_client(port, path, attendees, counter, go, results):
    samples, errors = [], []
    go.wait()
    while True:
        with counter.get_lock():
            index = counter.value
            counter.value += 1
        if index >= len(attendees):
            break
        sent = time.perf_counter()
        try:
            status, problem = _post(port, path, attendees[index])
        except (OSError, http.client.HTTPException) as exc:
            status, problem = 0, repr(exc)
        done = time.perf_counter()
        samples.append((sent, sent, done))
        if problem:
            errors.append(f"HTTP {status}: {problem}")
    results.put((samples, errors))


def _figures(samples: list[tuple[float, float, float]]) -> dict:
    latency = sorted((done - scheduled) * 1000 for scheduled, _sent, done in samples)
    service = sorted((done - sent) * 1000 for _scheduled, sent, done in samples)
    wall = max(s[2] for s in samples) - min(s[1] for s in samples)

    def pct(values, q):
        return round(values[max(0, math.ceil(q * len(values)) - 1)], 1)

    return {
        "requests": len(samples),
        "wall_seconds": round(wall, 2),
        "req_per_s": round(len(samples) / wall, 1),
        "p50_ms": pct(latency, 0.50),
        "p95_ms": pct(latency, 0.95),
        "p99_ms": pct(latency, 0.99),
        "max_ms": round(latency[-1], 1),
        "mean_ms": round(statistics.fmean(latency), 1),
        # Open loop only differs: time from sending (without waiting in the client).
        "service_p50_ms": pct(service, 0.50),
        "service_p95_ms": pct(service, 0.95),
    }


def _collect(clients, results, timeout):
    samples, errors = [], []
    try:
        for _ in clients:
            s, e = results.get(timeout=timeout)
            samples += s
            errors += e
        for c in clients:
            c.join()
    finally:
        for c in clients:
            if c.is_alive():
                c.terminate()
    return samples, errors


def run_open_loop(port: int, plan: dict, window: float, processes: int) -> tuple[dict, list]:
    rng = random.Random(SEED)
    attendees = list(plan["attendees"])
    rng.shuffle(attendees)
    moments = sorted(rng.uniform(0, window) for _ in attendees)
    jobs = list(zip(moments, attendees, strict=True))
    ctx = multiprocessing.get_context("fork")
    results = ctx.Queue()
    t0 = time.perf_counter() + 1.0
    clients = [
        ctx.Process(
            target=_open_loop_client,
            args=(port, plan["path"], jobs[i::processes], t0, results),
            daemon=True,
        )
        for i in range(processes)
    ]
    for c in clients:
        c.start()
    samples, errors = _collect(clients, results, window + 300)
    return {"window_seconds": window, "client_processes": processes, **_figures(samples)}, errors


def run_closed_loop(port: int, plan: dict, concurrency: int) -> tuple[dict, list]:
    attendees = list(plan["attendees"])
    random.Random(SEED).shuffle(attendees)
    ctx = multiprocessing.get_context("fork")
    counter, go, results = ctx.Value("l", 0), ctx.Event(), ctx.Queue()
    clients = [
        ctx.Process(
            target=_closed_loop_client,
            args=(port, plan["path"], attendees, counter, go, results),
            daemon=True,
        )
        for _ in range(concurrency)
    ]
    for c in clients:
        c.start()
    time.sleep(0.3)
    go.set()
    samples, errors = _collect(clients, results, 600)
    return {"concurrency": concurrency, **_figures(samples)}, errors


# Report ---------------------------------------------------------------------------------------


def print_table(result: dict) -> None:
    print(
        f"\nRegistration benchmark on PostgreSQL {result['database_version']}: "
        f"{result['attendees']} attendees, capacity {result['capacity']}"
    )
    print(
        f"{'scenario':<16}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
        f"{'max ms':>9}{'confirmed':>11}{'waiting':>9}{'oversold':>10}"
    )
    for name, s in result["scenarios"].items():
        o = s["outcome"]
        print(
            f"{name:<16}{s['requests']:>9}{s['req_per_s']:>8}{s['p50_ms']:>9}{s['p95_ms']:>9}"
            f"{s['p99_ms']:>9}{s['max_ms']:>9}{o['confirmed']:>11}{o['waiting']:>9}"
            f"{o['oversold']:>10}"
        )
        for check, met in o["checks"].items():
            if not met:
                print(f"  FAILED {name}: {check}")
    m = result["machine"]
    print(
        f"machine: {m['nproc']} x {m['cpu']}, cores' worth of work for 2 busy processes: "
        f"{m['cpu_parallelism_at_start']} at start, {m['cpu_parallelism_at_end']} at end"
    )


def main() -> None:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGINT, signal.default_int_handler)
    VAR.mkdir(parents=True, exist_ok=True)
    database_url, db_version = bench_database(os.environ.get("DATABASE_URL", ""))
    env = shared.django_env(database_url)
    # Mails and tickets go to the task queue in the database, as in production, where a
    # separate worker renders them; no worker runs here, so they wait and cost nothing.
    env["TASKS_BACKEND"] = "database"
    prepare(env)
    server = {"workers": env_int("BENCH_WORKERS", 3), "worker_class": "sync", "threads": 1}
    port = env_int("BENCH_PORT", 0) or shared.free_port()
    window = float(os.environ.get("BENCH_WINDOW_SECONDS", 60))
    result = {
        "benchmark": "registration",
        "database": "postgresql",
        "database_version": db_version,
        "date": datetime.datetime.now(tz=datetime.UTC).astimezone().isoformat(timespec="seconds"),
        "machine": shared.machine(),
        "server": {
            "gunicorn": subprocess.run(
                [str(BIN / "gunicorn"), "--version"], capture_output=True, text=True, check=True
            ).stdout.strip(),
            **server,
        },
        "settings": "knotenpunkt.settings, DEBUG off, TASKS_BACKEND=database (no worker)",
    }
    scenarios = {}
    with (VAR / "gunicorn.log").open("a") as server_log:
        process = subprocess.Popen(
            shared.gunicorn_command(port, server),
            cwd=ROOT,
            env=env,
            start_new_session=True,
            stdout=server_log,
            stderr=server_log,
        )
    try:
        shared.wait_until_up(process, port)
        log(f"gunicorn {server} on {HOST}:{port}")
        for name in ("opening_minute", "burst"):
            plan = reset_summit(env)
            log(f"{name}: {len(plan['attendees'])} registrations")
            if name == "opening_minute":
                figures, errors = run_open_loop(
                    port, plan, window, env_int("BENCH_OPEN_CLIENTS", 64)
                )
                figures["client"] = (
                    "open loop: seeded random arrival moments over the window, each sent "
                    "at its moment on a new connection; latency from the moment"
                )
            else:
                figures, errors = run_closed_loop(port, plan, env_int("BENCH_BURST_CLIENTS", 32))
                figures["client"] = "closed loop: each client sends its next when answered"
            figures["failed_requests"] = len(errors)
            figures["failures_sample"] = errors[:5]
            figures["outcome"] = outcome(database_url, plan)
            scenarios[name] = figures
            log(f"{name}: {json.dumps(figures, ensure_ascii=False)}")
            result["attendees"] = len(plan["attendees"])
            result["capacity"] = plan["capacity"]
            result["expected_confirmed"] = plan["expected_confirmed"]
    finally:
        shared.stop(process)

    result["scenarios"] = scenarios
    result["machine"]["cpu_parallelism_at_end"] = shared.cpu_parallelism()
    result["machine"]["loadavg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    result["zero_oversold"] = all(s["outcome"]["oversold"] == 0 for s in scenarios.values())
    result["ok"] = all(s["outcome"]["ok"] and s["failed_requests"] == 0 for s in scenarios.values())
    print_table(result)
    sys.stdout.flush()
    print(json.dumps(result, ensure_ascii=False))
    if not result["ok"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
