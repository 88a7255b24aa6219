"""Mailing benchmark: a personalised newsletter to 13,500 subscribers into a local SMTP sink.

    make bench-mailing                                   # SQLite (in var/bench/)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x make bench-mailing

Uses its own database (a SQLite file in var/bench, or "knotenpunkt_bench_mailing_13500" on
the PostgreSQL server DATABASE_URL names), migrates it and creates 13,500 subscribers once
(bench/mailing/generate.py). The SMTP sink is aiosmtpd in a process of its own; it counts
messages and distinct recipients.

Each round measures, against the same sink:

    floor        a minimal smtplib sender: one connection, `sendmail` of ready-made bytes
                 (our own message for the first recipient, so the size is the same) to
                 13,500 addresses; nothing rendered, nothing recorded
    knotenpunkt  `knotenpunkt send-mailing`, the code path the background task runs: the
                 audience evaluated from the subscriptions, the mailing rendered, every
                 message personalised (salutation, organisation, signed unsubscribe links),
                 the consent re-checked per batch, each recipient's state committed before
                 its final dot; unthrottled (MAILING_RATE_PER_SECOND=0)

The rate of knotenpunkt counts from the start of sending (the mailing's started_at, set
before the audience is evaluated) to its end (finished_at); interpreter start-up is
reported apart. Every round must deliver each recipient exactly once, or the run fails.

Environment: BENCH_RECIPIENTS (13500), BENCH_ROUNDS (3). The last line printed is one JSON
object with all figures.
"""

import json
import multiprocessing
import os
import smtplib
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
VAR = ROOT / "var" / "bench"
BENCH_DB_NAME = "knotenpunkt_bench_mailing"
sys.path.insert(0, str(ROOT / "bench"))
from common import directory_bench, own_database  # noqa: E402


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


# --- the sink ----------------------------------------------------------------------------------


def _sink_process(port: int, conn) -> None:
    import logging

    from aiosmtpd.controller import Controller

    logging.getLogger("mail.log").setLevel(logging.WARNING)

    class Counting:
        def __init__(self):
            self.messages = 0
            self.recipients = set()

        async def handle_DATA(self, server, session, envelope):
            self.messages += 1
            self.recipients.update(envelope.rcpt_tos)
            return "250 OK"

    handler = Counting()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    conn.send("ready")
    while True:
        command = conn.recv()
        if command == "stats":
            conn.send((handler.messages, len(handler.recipients)))
        elif command == "reset":
            handler.messages, handler.recipients = 0, set()
            conn.send("ok")
        else:
            controller.stop()
            conn.send("stopped")
            return


class Sink:
    def __init__(self):
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.conn, child = multiprocessing.Pipe()
        self.process = multiprocessing.Process(target=_sink_process, args=(self.port, child))
        self.process.start()
        assert self.conn.recv() == "ready"

    def ask(self, command):
        self.conn.send(command)
        return self.conn.recv()

    def stop(self):
        self.ask("stop")
        self.process.join()


# --- database and data -------------------------------------------------------------------------


def bench_database(url: str, recipients: int) -> tuple[str, str]:
    """The benchmark's own database, one per number of recipients (the data stays)."""
    return own_database(url, f"{BENCH_DB_NAME}_{recipients}", VAR)


def django_env(database_url: str, port: int) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "knotenpunkt.settings",
        "DATABASE_URL": database_url,
        "VAR_DIR": str(VAR),
        "DEBUG": "false",
        "SECRET_KEY": "bench-mailing-not-a-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "https://cluster.example",
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
        "DEFAULT_FROM_EMAIL": "Digitale Wirtschaft <newsletter@cluster.example>",
        "MAILING_RATE_PER_SECOND": "0",
        "TASKS_BACKEND": "immediate",
        "CACHE_URL": "locmemcache://",
        "LOG_LEVEL": "WARNING",
    }


def run_python(code: str, env: dict) -> bytes:
    """Run Django code in a fresh interpreter with the benchmark's settings; its stdout."""
    program = "import django; django.setup()\n" + code
    return subprocess.run(
        [sys.executable, "-c", program], env=env, cwd=ROOT, check=True, capture_output=True
    ).stdout


def new_mailing(env: dict, recipients: int) -> int:
    out = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "mailing" / "generate.py"),
            "--recipients",
            str(recipients),
        ],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])["mailing_id"]


FLOOR_MESSAGE = """
import json, sys
from django.utils import translation
from knotenpunkt.mailings.models import Mailing
from knotenpunkt.mailings.services import compose
from knotenpunkt.mailings.services.wire import MessageSkeleton
from knotenpunkt.mailings.services.subscriptions import active_subscriptions

mailing = Mailing.objects.get(pk={mailing_id})
person = active_subscriptions(mailing.mailing_list).order_by("pk").first().person
rendered = compose.render_mailing(mailing)
with translation.override(mailing.language):
    values = compose.personal_values(person, True, "Nordlicht Software GmbH", mailing.mailing_list)
skeleton = MessageSkeleton(rendered, from_name=mailing.cluster.name,
                           from_address="newsletter@cluster.example")
data = skeleton.build(to_name=person.full_name, to_address="x@bench.example",
                      message_id="<floor@cluster.example>", values=values, headers={{}})
sys.stdout.buffer.write(data)
"""

TIMES = """
from knotenpunkt.mailings.models import Mailing
m = Mailing.objects.get(pk={mailing_id})
print((m.finished_at - m.started_at).total_seconds(), m.status)
"""


def floor_round(port: int, message: bytes, recipients: int) -> float:
    """Messages per second of a minimal smtplib sender with ready-made bytes."""
    connection = smtplib.SMTP("127.0.0.1", port)
    started = time.perf_counter()
    for i in range(recipients):
        connection.sendmail("newsletter@cluster.example", [f"floor{i:05d}@bench.example"], message)
    seconds = time.perf_counter() - started
    connection.quit()
    return recipients / seconds


def knotenpunkt_round(env: dict, recipients: int) -> dict:
    mailing_id = new_mailing(env, recipients)
    started = time.perf_counter()
    subprocess.run(
        [str(BIN / "knotenpunkt"), "send-mailing", str(mailing_id)],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    wall = time.perf_counter() - started
    seconds, status = run_python(TIMES.format(mailing_id=mailing_id), env).decode().split()
    if status != "sent":
        raise SystemExit(f"mailing {mailing_id} ended as {status}")
    seconds = float(seconds)
    return {
        "mailing_id": mailing_id,
        "seconds": round(seconds, 2),
        "msgs_per_s": round(recipients / seconds, 1),
        "process_wall_s": round(wall, 2),
    }


def check_delivery(sink: Sink, recipients: int, what: str) -> None:
    messages, distinct = sink.ask("stats")
    if messages != recipients or distinct != recipients:
        raise SystemExit(
            f"{what}: the sink got {messages} messages for {distinct} recipients, "
            f"expected {recipients} each exactly once"
        )
    sink.ask("reset")


def main() -> None:
    recipients = int(os.environ.get("BENCH_RECIPIENTS", 13500))
    rounds = int(os.environ.get("BENCH_ROUNDS", 3))
    VAR.mkdir(parents=True, exist_ok=True)
    database_url, vendor = bench_database(os.environ.get("DATABASE_URL", ""), recipients)
    machine = directory_bench().machine()
    sink = Sink()
    env = django_env(database_url, sink.port)
    try:
        log(f"migrating {vendor} database")
        subprocess.run(
            [str(BIN / "knotenpunkt"), "migrate", "--noinput", "-v0"],
            env=env,
            cwd=ROOT,
            check=True,
        )
        log(f"preparing {recipients} subscribers (once)")
        first = new_mailing(env, recipients)
        message = run_python(FLOOR_MESSAGE.format(mailing_id=first), env)
        floors, ours = [], []
        for round_number in range(1, rounds + 1):
            log(f"round {round_number}/{rounds}: floor")
            floors.append(round(floor_round(sink.port, message, recipients), 1))
            check_delivery(sink, recipients, "floor")
            log(f"round {round_number}/{rounds}: knotenpunkt send-mailing")
            ours.append(knotenpunkt_round(env, recipients))
            check_delivery(sink, recipients, "knotenpunkt")
            log(f"  floor {floors[-1]} msg/s, knotenpunkt {ours[-1]['msgs_per_s']} msg/s")
    finally:
        sink.stop()
    floor = statistics.median(floors)
    rate = statistics.median(r["msgs_per_s"] for r in ours)
    result = {
        "benchmark": "mailing",
        "database": vendor,
        "recipients": recipients,
        "message_bytes": len(message),
        "rounds": rounds,
        "floor_msgs_per_s": floor,
        "knotenpunkt_msgs_per_s": rate,
        "ratio": round(rate / floor, 3),
        "target_met": rate >= 500 and rate >= 0.5 * floor,
        "floor_runs": floors,
        "knotenpunkt_runs": ours,
        "machine": machine,
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
    }
    print(
        f"\nMailing benchmark on {vendor}: {recipients} personalised messages of "
        f"{len(message)} bytes, median of {rounds} rounds\n"
        f"  floor (smtplib, ready-made bytes)  {floor:8.1f} msg/s\n"
        f"  knotenpunkt send-mailing           {rate:8.1f} msg/s  ({rate / floor:.0%} of floor)"
    )
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
