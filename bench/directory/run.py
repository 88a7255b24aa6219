"""Directory benchmark: search and filtered listing under gunicorn, against a hello-world floor.

    make bench-directory                                     # SQLite, var/bench/
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x make bench-directory   # PostgreSQL

The benchmark never touches the developer's data: on SQLite it uses
var/bench/directory.sqlite3, on PostgreSQL the database "knotenpunkt_bench" on the server
that DATABASE_URL names (created when missing). It migrates, fills the database
(bench/directory/generate.py, skipped when already filled), starts gunicorn on a free
loopback port and measures four scenarios at 1 and 16 concurrent clients:

    floor     GET /healthz                     hello-world view, one trivial query
    search    GET /directory/?q=<term>         20 German search terms in rotation
    filter    GET /directory/?actor_type=...   112 filter sets in rotation
    uncached  GET /directory/?q=...&...        every request a different search

search and filter repeat their URLs, so after the first pass they measure the listing
cache (directory/services/listing_cache.py). uncached never repeats one: a term (or two)
from a vocabulary of 2,620 derived with a seed from the generated data, with random
filters and pages (bench/directory/vocabulary.py); every page is rendered afresh, with
the cache's miss and store included, as for a search nobody made in the last minutes.
Before measuring, the runner starts a new listing cache generation, so that no page
cached by an earlier run is served.

Each client is its own process with one HTTP connection (closed loop: a client sends its
next request when the previous answer has arrived), so the load generator is not held back
by one interpreter's GIL. Every answer must be 200; search and filter answers must list
results, uncached answers must show the result count (many list none: misses, narrow
filters; the share with results is reported).
gunicorn is stopped at the end, also on errors and Ctrl-C.

Settings from the environment: BENCH_REQUESTS_C1 (200), BENCH_REQUESTS_C16 (800),
BENCH_MAX_SECONDS per scenario (120), BENCH_WORKERS (3), BENCH_WORKER_CLASS (sync),
BENCH_THREADS (for gthread, 4), BENCH_PORT (a free one), BENCH_SCENARIOS (comma-separated,
default floor,search,filter,uncached; the floor is always measured), BENCH_SEED (the
uncached scenario's seed). CACHE_URL picks the cache as in production (default: the
database); CACHE_URL=dummycache:// renders every page afresh.
The last line printed is one JSON object with all figures.
"""

import datetime
import http.client
import json
import math
import multiprocessing
import os
import platform
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
VAR = ROOT / "var" / "bench"
BENCH_DB_NAME = "knotenpunkt_bench"
HOST = "127.0.0.1"

SEARCH_TERMS = [
    "Software",
    "KI",
    "Cloud",
    "Kiel",
    "Datenschutz",
    "Häuser",
    "Digitalisierung",
    "Cybersicherheit",
    "Webentwicklung",
    "Logistik",
    "Hamburg",
    "Robotik",
    "Nachhaltigkeit",
    "Onlineshop",
    "Lübeck",
    "Telemedizin",
    "Glasfaser",
    "Förderprojekte",
    "App",
    "Handwerk",
]
# Combined with each of the 16 regions; every combination lists at least one full page.
FILTERS = [
    "actor_type=business&size_class=micro&page=2",
    "actor_type=business&size_class=small",
    "actor_type=business&size_class=medium&cluster=bench-nord",
    "actor_type=business&topic=software-entwicklung",
    "actor_type=business&size_class=micro&topic=it-sicherheit",
    "actor_type=research",
    "actor_type=marketing&page=2",
]
REGIONS = [
    "01001",
    "01002",
    "01003",
    "01004",
    "01051",
    "01053",
    "01054",
    "01055",
    "01056",
    "01057",
    "01058",
    "01059",
    "01060",
    "01061",
    "01062",
    "02000",
]
RESULT_MARKER = b'class="org-item"'
COUNT_MARKER = b'id="results-heading"'
SCENARIOS = ("floor", "search", "filter", "uncached")
COUNT_PATTERN = re.compile(rb'id="results-heading">\s*([\d.]+)')


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


# Database -----------------------------------------------------------------------------------


def bench_database(url: str) -> tuple[str, str, str]:
    """The benchmark's own database for DATABASE_URL: (url, vendor, server version)."""
    if not url or url.startswith("sqlite"):
        import sqlite3

        path = VAR / "directory.sqlite3"
        return f"sqlite:///{path}", "sqlite", sqlite3.sqlite_version
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        raise SystemExit(f"DATABASE_URL must be SQLite or PostgreSQL, not {parts.scheme}://")
    import psycopg
    from psycopg import sql

    params = {
        "host": parts.hostname or "localhost",
        "port": parts.port or 5432,
        "user": parts.username or "postgres",
        "password": parts.password or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        version = conn.execute("SHOW server_version").fetchone()[0]
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB_NAME]
        ).fetchone()
        if not exists:
            log(f"creating database {BENCH_DB_NAME}")
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(BENCH_DB_NAME)))
    return urlunsplit(parts._replace(path=f"/{BENCH_DB_NAME}")), "postgresql", version


def django_env(database_url: str) -> dict[str, str]:
    """Production-like settings: DEBUG off, the benchmark's own database and var/ dir."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "knotenpunkt.settings",
        "DATABASE_URL": database_url,
        "VAR_DIR": str(VAR),
        "DEBUG": "false",
        "SECRET_KEY": "bench-directory-not-a-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
    }


def prepare(
    env: dict[str, str], generator: Path = ROOT / "bench" / "directory" / "generate.py"
) -> dict:
    """Migrate, collect static files (DEBUG off needs the manifest), generate the data
    (`generator` prints a JSON object last)."""
    manage = [str(BIN / "knotenpunkt")]
    for args in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        log(" ".join(["knotenpunkt", *args]))
        subprocess.run([*manage, *args], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    log("generating data (skipped when present)")
    out = subprocess.run(
        [sys.executable, str(generator)],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def new_cache_generation(env: dict[str, str]) -> None:
    """Start a new listing cache generation: no page cached by an earlier run is served."""
    code = (
        "from knotenpunkt.directory.services.listing_cache import directory_changed;"
        "directory_changed()"
    )
    log("new listing cache generation")
    subprocess.run([str(BIN / "knotenpunkt"), "shell", "-c", code], env=env, cwd=ROOT, check=True)


def unique_searches(env: dict[str, str], seed: int, count: int) -> dict:
    """The uncached scenario's URLs, all different (bench/directory/vocabulary.py)."""
    out = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "directory" / "vocabulary.py"),
            f"--seed={seed}",
            f"--count={count}",
        ],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


# gunicorn -------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def gunicorn_command(port: int, server: dict) -> list[str]:
    gunicorn = str(BIN / "gunicorn")
    command = [
        gunicorn,
        "knotenpunkt.wsgi",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(server["workers"]),
        "--worker-class",
        server["worker_class"],
        "--log-level",
        "warning",
        "--timeout",
        "60",
    ]
    if server["worker_class"] == "gthread":
        command += ["--threads", str(server["threads"])]
    # Heartbeat files in memory: a busy disk must not stall the workers (gunicorn's advice).
    if Path("/dev/shm").is_dir():  # noqa: S108 - gunicorn's own files, not user data
        command += ["--worker-tmp-dir", "/dev/shm"]  # noqa: S108
    # gunicorn 27 opens a control socket in $HOME unless told not to.
    if (
        "--no-control-socket"
        in subprocess.run([gunicorn, "--help"], capture_output=True, text=True, check=True).stdout
    ):
        command.append("--no-control-socket")
    return command


def wait_until_up(process: subprocess.Popen, port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited ({process.returncode}); see {VAR / 'gunicorn.log'}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer /healthz within {seconds} s")


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to the master (it stops its workers); SIGKILL to its group if it hangs."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


# Load client -----------------------------------------------------------------------------------


def _client(port, paths, counter, total, deadline, go, check, results):
    """One closed-loop client: next request when the previous answer has arrived."""
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    samples, errors, with_results = [], [], 0
    go.wait()
    while time.monotonic() < deadline:
        with counter.get_lock():
            if counter.value >= total:
                break
            # One shared index: every path is requested once before any is repeated
            # (the uncached scenario's paths are never repeated at all).
            index = counter.value
            counter.value += 1
        path = paths[index % len(paths)]
        started = time.perf_counter()
        try:
            conn.request("GET", path, headers={"Accept-Language": "de"})
            response = conn.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException) as exc:
            conn.close()
            errors.append(f"{path}: {exc!r}")
            continue
        ended = time.perf_counter()
        samples.append((started, ended))
        if response.status != 200:
            errors.append(f"{path}: HTTP {response.status}")
        elif not check(body):
            errors.append(f"{path}: unexpected body")
        with_results += RESULT_MARKER in body
    conn.close()
    results.put((samples, errors[:20], len(errors), with_results))


def run_load(port, paths, concurrency, total, max_seconds, check) -> dict:
    """`total` requests from `concurrency` client processes; latency figures in ms."""
    ctx = multiprocessing.get_context("fork")
    counter, go, results = ctx.Value("l", 0), ctx.Event(), ctx.Queue()
    deadline = time.monotonic() + max_seconds + 5
    clients = [
        ctx.Process(
            target=_client, args=(port, paths, counter, total, deadline, go, check, results)
        )
        for _ in range(concurrency)
    ]
    for c in clients:
        # Daemonic: an interrupted run must not wait for its clients.
        c.daemon = True
        c.start()
    try:
        time.sleep(0.2)
        go.set()
        samples, errors, error_count, with_results = [], [], 0, 0
        for _ in clients:
            s, e, n, r = results.get(timeout=max_seconds + 60)
            samples += s
            errors += e
            error_count += n
            with_results += r
        for c in clients:
            c.join()
    finally:
        for c in clients:
            if c.is_alive():
                c.terminate()
    if error_count:
        raise SystemExit(f"{error_count} failed requests, e.g.: {errors[:5]}")
    latencies = sorted((end - start) * 1000 for start, end in samples)
    wall = max(end for _, end in samples) - min(start for start, _ in samples)

    def pct(q):
        return latencies[max(0, math.ceil(q * len(latencies)) - 1)]

    return {
        "concurrency": concurrency,
        "requests": len(latencies),
        "p50_ms": round(pct(0.50), 1),
        "p95_ms": round(pct(0.95), 1),
        "p99_ms": round(pct(0.99), 1),
        "mean_ms": round(statistics.fmean(latencies), 1),
        "max_ms": round(latencies[-1], 1),
        "req_per_s": round(len(latencies) / wall, 1),
        "share_with_results": round(with_results / len(latencies), 3),
    }


def is_ok(body: bytes) -> bool:
    return body == b"ok"


def has_results(body: bytes) -> bool:
    return RESULT_MARKER in body


def has_count(body: bytes) -> bool:
    return COUNT_MARKER in body


def scenario_paths() -> dict[str, list[str]]:
    """The rotating scenarios' paths (uncached: see unique_searches)."""
    search = [f"/directory/?q={quote(term)}" for term in SEARCH_TERMS]
    listing = [f"/directory/?{f}&region={region}" for region in REGIONS for f in FILTERS]
    return {"floor": ["/healthz"], "search": search, "filter": listing}


def hit_counts(port: int, paths: list[str]) -> dict[str, int]:
    """Result count of each path, and a check that every path lists results."""
    counts = {}
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    for path in paths:
        conn.request("GET", path, headers={"Accept-Language": "de"})
        response = conn.getresponse()
        body = response.read()
        match = COUNT_PATTERN.search(body)
        if response.status != 200 or not has_results(body) or not match:
            raise SystemExit(
                f"{path} answered {response.status} without results; see {VAR / 'gunicorn.log'}"
            )
        counts[path] = int(match.group(1).replace(b".", b""))
    conn.close()
    return counts


# Report ---------------------------------------------------------------------------------------


def _burn(_=None) -> float:
    started = time.perf_counter()
    total = 0
    for i in range(3_000_000):
        total += i * i
    return time.perf_counter() - started


def cpu_parallelism() -> float:
    """How many cores' worth of work two busy processes get right now (2.0 on 2 idle cores).

    On a shared machine this is often well below nproc; it is recorded so that a slow
    run can be told from a slow change.
    """
    single = min(_burn() for _ in range(3))
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(2) as pool:
        pair = min(max(pool.map(_burn, range(2))) for _ in range(2))
    return round(min(2.0, 2 * single / pair), 2)


def machine() -> dict:
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "kernel": platform.release(),
        "loadavg_at_start": [round(x, 2) for x in os.getloadavg()],
        "cpu_parallelism_at_start": cpu_parallelism(),
    }


def print_table(result: dict) -> None:
    print(
        f"\nDirectory benchmark on {result['database']} {result['database_version']}, "
        f"{result['organisations']} organisations, {result['people']} people"
    )
    print(
        f"{'scenario':<12}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
        f"{'mean ms':>9}{'req/s':>9}{'p95/floor':>11}{'hits>0':>8}"
    )
    for name, s in result["scenarios"].items():
        print(
            f"{name:<12}{s['requests']:>9}{s['p50_ms']:>9}{s['p95_ms']:>9}{s['p99_ms']:>9}"
            f"{s['mean_ms']:>9}{s['req_per_s']:>9}{s.get('p95_vs_floor', ''):>11}"
            f"{s['share_with_results']:>8.0%}"
        )
    m = result["machine"]
    print(
        f"machine: {m['nproc']} x {m['cpu']}, cores' worth of work for 2 busy processes: "
        f"{m['cpu_parallelism_at_start']} at start, {m['cpu_parallelism_at_end']} at end"
    )
    for target, met in result["targets"].items():
        print(f"  {'met   ' if met else 'MISSED'} {target}")


def main() -> None:
    # Both end the run through the `finally` that stops gunicorn (SIGINT explicitly: a
    # background job inherits it ignored).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGINT, signal.default_int_handler)
    VAR.mkdir(parents=True, exist_ok=True)
    database_url, vendor, db_version = bench_database(os.environ.get("DATABASE_URL", ""))
    env = django_env(database_url)
    data = prepare(env)
    log(f"data: {data}")

    # Sync workers, as behind a reverse proxy: the views are CPU-bound Python, so gthread
    # only adds GIL contention (it measured slower here), and 3 processes keep both cores
    # busy while one waits for the database; 2, 3 and 4 workers measured alike.
    server = {
        "workers": env_int("BENCH_WORKERS", 3),
        "worker_class": os.environ.get("BENCH_WORKER_CLASS", "sync"),
        "threads": env_int("BENCH_THREADS", 4),
    }
    if server["worker_class"] != "gthread":
        server["threads"] = 1
    port = env_int("BENCH_PORT", 0) or free_port()
    requests = {1: env_int("BENCH_REQUESTS_C1", 200), 16: env_int("BENCH_REQUESTS_C16", 800)}
    max_seconds = env_int("BENCH_MAX_SECONDS", 120)
    names = [
        name
        for name in SCENARIOS
        if name == "floor"
        or name in os.environ.get("BENCH_SCENARIOS", ",".join(SCENARIOS)).split(",")
    ]
    warm_up = 10 * server["workers"] * server["threads"] + 40
    paths = scenario_paths()
    checks = {"floor": is_ok, "search": has_results, "filter": has_results, "uncached": has_count}
    unique = unique_searches(
        env, env_int("BENCH_SEED", 20261206), warm_up + requests[1] + requests[16]
    )
    # Consecutive slices: the warm-up and each measurement get URLs no one asked for before.
    uncached = unique.pop("paths")
    paths["uncached"] = uncached
    uncached_slices = {
        "warm_up": uncached[:warm_up],
        1: uncached[warm_up : warm_up + requests[1]],
        16: uncached[warm_up + requests[1] :],
    }
    new_cache_generation(env)
    result = {
        "benchmark": "directory",
        "database": vendor,
        "database_version": db_version,
        "organisations": data["organisations"],
        "listed_organisations": data["listed_organisations"],
        "people": data["people"],
        "seed": data["seed"],
        "date": datetime.datetime.now(tz=datetime.UTC).astimezone().isoformat(timespec="seconds"),
        "machine": machine(),
        "server": {
            "gunicorn": subprocess.run(
                [str(BIN / "gunicorn"), "--version"], capture_output=True, text=True, check=True
            ).stdout.strip(),
            **server,
        },
        "settings": "knotenpunkt.settings, DEBUG off",
        # The listing cache: CACHE_URL=dummycache:// measures every page rendered afresh.
        "cache": env.get("CACHE_URL", "dbcache:// (default)"),
        "client": "one process per concurrent client, one connection each, closed loop",
        "uncached_searches": {**unique, "count": len(uncached), "example": uncached[:3]},
    }

    with (VAR / "gunicorn.log").open("a") as server_log:
        process = subprocess.Popen(
            gunicorn_command(port, server),
            cwd=ROOT,
            env=env,
            start_new_session=True,
            stdout=server_log,
            stderr=server_log,
        )
    try:
        wait_until_up(process, port)
        log(f"gunicorn {server} on {HOST}:{port}")
        counts = hit_counts(port, paths["search"] + paths["filter"])
        result["search_terms"] = {
            term: counts[path] for term, path in zip(SEARCH_TERMS, paths["search"], strict=True)
        }
        filter_counts = [counts[p] for p in paths["filter"]]
        result["filter_paths"] = {
            "count": len(paths["filter"]),
            "min_results": min(filter_counts),
            "max_results": max(filter_counts),
            "example": paths["filter"][1],
        }
        log("warming up")
        for name in names:
            warm_paths, warm_requests = paths[name], warm_up
            if name == "uncached":
                warm_paths = uncached_slices["warm_up"]
            elif name != "floor":
                # Rendered lists are cached per worker process: three passes per worker
                # leave few (worker, path) pairs unrendered ((2/3)^9 = 3 % with 3 workers).
                warm_requests = max(warm_up, 3 * server["workers"] * len(warm_paths))
            run_load(port, warm_paths, 8, warm_requests, max_seconds, checks[name])
        scenarios = {}
        for concurrency in (1, 16):
            for name in names:
                key = f"{name}_c{concurrency}"
                run_paths = uncached_slices[concurrency] if name == "uncached" else paths[name]
                scenarios[key] = run_load(
                    port, run_paths, concurrency, requests[concurrency], max_seconds, checks[name]
                )
                log(f"{key}: {scenarios[key]}")
    finally:
        stop(process)

    for concurrency in (1, 16):
        floor = scenarios[f"floor_c{concurrency}"]["p95_ms"]
        for name in names[1:]:
            s = scenarios[f"{name}_c{concurrency}"]
            s["p95_vs_floor"] = round(s["p95_ms"] / floor, 1)
    result["scenarios"] = scenarios
    result["machine"]["cpu_parallelism_at_end"] = cpu_parallelism()
    result["machine"]["loadavg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    result["targets_apply_to"] = "postgresql"
    targets = {
        "search_p95_c16_ms<=100": ("search_c16", "p95_ms", 100),
        "filter_p95_c16_ms<=100": ("filter_c16", "p95_ms", 100),
        "search_p95_c16<=3x_floor_p95_c16": ("search_c16", "p95_vs_floor", 3),
        "filter_p95_c16<=3x_floor_p95_c16": ("filter_c16", "p95_vs_floor", 3),
        "uncached_p95_c16_ms<=200": ("uncached_c16", "p95_ms", 200),
    }
    result["targets"] = {
        target: scenarios[key][figure] <= limit
        for target, (key, figure, limit) in targets.items()
        if key in scenarios
    }
    result["targets_met"] = all(result["targets"].values())
    print_table(result)
    sys.stdout.flush()
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
