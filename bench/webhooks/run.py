"""Webhook benchmark: 1,000 events to 50 subscribers (50,000 signed deliveries) into a
local receiver, through the real path: `emit` in a transaction per event, the drain tasks
enqueued on commit, and `knotenpunkt db_worker` processes (the database task backend)
sending them.

    make bench-webhooks                                  # SQLite (in var/bench/)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x make bench-webhooks

Uses its own database (a SQLite file in var/bench, or "knotenpunkt_bench_webhooks" on the
PostgreSQL server DATABASE_URL names), migrated each run. The receiver is a threading
http.server (HTTP/1.1, kept-alive connections) in a process of its own; it counts the
requests and the distinct (subscription, webhook-id) pairs, and checks the signature of
every 100th request with the standardwebhooks library.

Measured: from the start of emitting until the receiver has every delivery and the
database has no open delivery left. Each delivery must arrive exactly once, or the run
fails. Target: within 60 s.

Environment: BENCH_EVENTS (1000), BENCH_SUBSCRIBERS (50), BENCH_WORKERS (2). The last
line printed is one JSON object with all figures.
"""

import json
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
VAR = ROOT / "var" / "bench"
BENCH_DB_NAME = "knotenpunkt_bench_webhooks"
sys.path.insert(0, str(ROOT / "bench"))
from common import directory_bench, own_database, production_env, run_python  # noqa: E402


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


# --- the receiver ------------------------------------------------------------------------


def _receiver_process(conn, secrets_by_path: dict) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from standardwebhooks import Webhook

    lock = threading.Lock()
    state = {"requests": 0, "pairs": set(), "bad_signatures": 0, "last_at": 0.0}
    verifiers = {path: Webhook(secret) for path, secret in secrets_by_path.items()}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def do_POST(self):
            body = self.rfile.read(int(self.headers["content-length"]))
            message_id = self.headers["webhook-id"]
            with lock:
                state["requests"] += 1
                state["pairs"].add((self.path, message_id))
                state["last_at"] = time.time()
                check = state["requests"] % 100 == 0 and self.path in verifiers
            if check:
                try:
                    verifiers[self.path].verify(body, dict(self.headers.items()))
                except Exception:
                    with lock:
                        state["bad_signatures"] += 1
            self.send_response(204)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    conn.send(server.server_port)
    while True:
        command = conn.recv()
        if command == "stats":
            with lock:
                conn.send(
                    (
                        state["requests"],
                        len(state["pairs"]),
                        state["bad_signatures"],
                        state["last_at"],
                    )
                )
        elif command == "reset":
            with lock:
                state.update(requests=0, pairs=set(), bad_signatures=0, last_at=0.0)
            conn.send("ok")
        elif isinstance(command, tuple) and command[0] == "secrets":
            verifiers.update({p: Webhook(s) for p, s in command[1].items()})
            conn.send("ok")
        else:
            server.shutdown()
            conn.send("stopped")
            return


class Receiver:
    def __init__(self):
        self.conn, child = multiprocessing.Pipe()
        self.process = multiprocessing.Process(target=_receiver_process, args=(child, {}))
        self.process.start()
        self.port = self.conn.recv()
        self.url = f"http://127.0.0.1:{self.port}"

    def ask(self, command):
        self.conn.send(command)
        return self.conn.recv()

    def stop(self):
        self.ask("stop")
        self.process.join()


# --- the floor ----------------------------------------------------------------------------


def _floor_process(url: str, count: int, offset: int) -> None:
    import urllib3

    pool = urllib3.HTTPConnectionPool("127.0.0.1", int(url.rsplit(":", 1)[1]), maxsize=1)
    body = b'{"type":"invoice.issued","timestamp":"2026-12-07T10:00:00Z","data":{"invoice":1}}'
    for number in range(count):
        headers = {
            "content-type": "application/json",
            "webhook-id": f"floor_{offset + number}",
            "webhook-timestamp": "1800000000",
            "webhook-signature": "v1,floor",
        }
        response = pool.urlopen("POST", "/floor", body=body, headers=headers, retries=False)
        assert response.status == 204


def floor_round(receiver: "Receiver", deliveries: int, workers: int) -> float:
    """Seconds for `workers` processes to post `deliveries` ready-made requests over one
    kept-alive connection each: what the receiver and the machine allow, with nothing
    signed, read from or written to a database."""
    share = deliveries // workers
    processes = [
        multiprocessing.Process(target=_floor_process, args=(receiver.url, share, n * share))
        for n in range(workers)
    ]
    started = time.perf_counter()
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return time.perf_counter() - started


# --- Django processes --------------------------------------------------------------------


def generate(env: dict, *args: str) -> dict:
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "webhooks" / "generate.py"), *args],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


SECRETS = """
import json
from urllib.parse import urlsplit
from knotenpunkt.webhooks.models import Subscription
active = Subscription.objects.filter(cluster__slug="bench-webhooks", is_active=True)
print(json.dumps({urlsplit(s.url).path: s.secret for s in active}))
"""

OPEN = """
import json
from django.db.models import Count, Max
from knotenpunkt.webhooks.models import Delivery
rows = Delivery.objects.filter(subscription__cluster__slug="bench-webhooks")
statuses = dict(rows.values_list("status").annotate(n=Count("pk")))
last = rows.aggregate(last=Max("last_attempt_at"))["last"]
print(json.dumps({"statuses": statuses, "last": last.timestamp() if last else None}))
"""


def main() -> None:
    events = int(os.environ.get("BENCH_EVENTS", 1000))
    subscribers = int(os.environ.get("BENCH_SUBSCRIBERS", 50))
    workers = int(os.environ.get("BENCH_WORKERS", 2))
    expected = events * subscribers
    VAR.mkdir(parents=True, exist_ok=True)
    database_url, vendor = own_database(os.environ.get("DATABASE_URL", ""), BENCH_DB_NAME, VAR)
    machine = directory_bench().machine()
    env = production_env(
        database_url,
        VAR,
        "webhooks",
        TASKS_BACKEND="database",
        WEBHOOKS_ALLOW_PRIVATE_URLS="true",
        ALLOWED_HOSTS="127.0.0.1",
    )
    log(f"migrating {vendor} database")
    subprocess.run(
        [str(BIN / "knotenpunkt"), "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True
    )
    # Tasks of an earlier, interrupted run would deliver to a receiver that is gone.
    run_python(
        "from django_tasks_db.models import DBTaskResult\n"
        "DBTaskResult.objects.filter(queue_name='webhooks').delete()",
        env,
    )
    receiver = Receiver()
    worker_processes = []
    log(f"floor: {expected} ready-made requests from {workers} processes")
    floor_s = floor_round(receiver, expected, workers)
    receiver.ask("reset")
    log(f"  floor {floor_s:.1f} s ({expected / floor_s:.0f} requests/s)")
    try:
        log(f"preparing {subscribers} subscriptions to {receiver.url}")
        generate(env, "prepare", "--subscribers", str(subscribers), "--receiver", receiver.url)
        receiver.ask(("secrets", json.loads(run_python(SECRETS, env))))
        log(f"starting {workers} db_worker processes")
        for number in range(workers):
            worker_processes.append(
                subprocess.Popen(
                    [
                        str(BIN / "knotenpunkt"),
                        "db_worker",
                        "--queue-name",
                        "webhooks",
                        "--interval",
                        "0.1",
                        "--no-startup-delay",
                        "--no-reload",
                        "--worker-id",
                        f"bench-webhooks-{number}",
                    ],
                    env=env,
                    cwd=ROOT,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
        time.sleep(2)  # the workers' start-up is not what is measured
        log(f"emitting {events} events to {subscribers} subscribers ({expected} deliveries)")
        started = time.time()
        emitted = generate(env, "emit", "--events", str(events))
        log(f"  emitted in {emitted['emit_seconds']} s; waiting for the receiver")
        deadline = started + 600
        while True:
            requests, pairs, bad, last_at = receiver.ask("stats")
            if requests >= expected or time.time() > deadline:
                break
            time.sleep(0.2)
        recorded = json.loads(run_python(OPEN, env))
        while recorded["statuses"].get("succeeded", 0) < expected and time.time() < deadline:
            time.sleep(0.5)
            recorded = json.loads(run_python(OPEN, env))
        # The last outcome's time as the worker wrote it (not when this poll saw it).
        finished = recorded["last"] or time.time()
        statuses = recorded["statuses"]
        requests, pairs, bad, last_at = receiver.ask("stats")
    finally:
        for process in worker_processes:
            process.terminate()
        for process in worker_processes:
            process.wait()
        receiver.stop()
    if requests != expected or pairs != expected or bad:
        raise SystemExit(
            f"the receiver got {requests} requests for {pairs} distinct deliveries "
            f"({bad} bad signatures), expected {expected} exactly once"
        )
    received_s = last_at - started
    total_s = finished - started
    result = {
        "benchmark": "webhooks",
        "database": vendor,
        "events": events,
        "subscribers": subscribers,
        "deliveries": expected,
        "workers": workers,
        "emit_seconds": emitted["emit_seconds"],
        "all_received_seconds": round(received_s, 2),
        "all_recorded_seconds": round(total_s, 2),
        "deliveries_per_s": round(expected / received_s, 1),
        "floor_seconds": round(floor_s, 2),
        "floor_requests_per_s": round(expected / floor_s, 1),
        "statuses": statuses,
        "target_met": total_s <= 60,
        "machine": machine,
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
    }
    print(
        f"\nWebhook benchmark on {vendor}: {events} events x {subscribers} subscribers = "
        f"{expected} signed deliveries, {workers} workers\n"
        f"  emitted in {emitted['emit_seconds']:.1f} s, all received after {received_s:.1f} s, "
        f"all recorded after {total_s:.1f} s ({expected / received_s:.0f} deliveries/s)\n"
        f"  floor (ready-made requests, no database): {floor_s:.1f} s "
        f"({expected / floor_s:.0f} requests/s)"
    )
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
