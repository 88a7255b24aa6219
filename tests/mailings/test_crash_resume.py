"""Kill the sending worker mid-mailing, start it again: everyone gets exactly one mail.

The worker runs as a real process (`knotenpunkt send-mailing`) against its own database
(a fresh SQLite file, or a fresh PostgreSQL database when the suite runs on PostgreSQL),
delivering over SMTP into a local aiosmtpd sink. It is killed with SIGKILL (no chance to
clean up) twice while sending, each time at one of the two moments that decide between a
duplicate and a gap: once after the server has the whole message but before the worker
has read the server's "250 OK" (a sender that records success only after the reply sends
this one again), once in the middle of a message (a sender that records before it
starts, skips this one). A new worker takes over once the dead one's lease expires.

The sink holds the worker at those moments, so the kills land there every time. What no
SMTP sender can close is narrower: the few microseconds between the worker's commit of
"sent" and its write of the final dot (transport.py explains the order chosen).
"""

import asyncio
import collections
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.db import connection

from tests.mailings.conftest import RecordingSink, free_port

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
GENERATOR = ROOT / "bench" / "mailing" / "generate.py"
RECIPIENTS = 400


@pytest.fixture
def worker_database(tmp_path):
    """DATABASE_URL of a fresh, migrated database of the suite's kind; dropped afterwards."""
    if connection.vendor == "postgresql":
        import psycopg

        params = connection.settings_dict
        name = f"knotenpunkt_crash_{uuid.uuid4().hex[:10]}"
        host, port = params["HOST"] or "127.0.0.1", params["PORT"] or 5432
        server = f"postgres://{params['USER']}@{host}:{port}"
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        url = f"{server}/{name}"
    else:
        url = f"sqlite:///{tmp_path / 'worker.sqlite3'}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "TASKS_BACKEND": "immediate",
        "CACHE_URL": "locmemcache://",
    }
    migrate = [BIN / "knotenpunkt", "migrate", "-v0"]
    subprocess.run(migrate, env=env, check=True, cwd=ROOT)  # noqa: S603 - our own entry point
    yield env
    if connection.vendor == "postgresql":
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


class StallingSink(RecordingSink):
    """Records like any sink, and holds the client at chosen moments until it is killed."""

    def __init__(self):
        super().__init__()
        self.stall_after_data = None  # hold before answering the n-th message's DATA
        self.stall_at_rcpt = None  # hold before answering RCPT of the n-th message
        self.stalled = threading.Event()
        self.rcpts = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.rcpts += 1
        if self.rcpts == self.stall_at_rcpt:
            self.stalled.set()
            await asyncio.sleep(120)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        if len(self.envelopes) == self.stall_after_data:
            self.stalled.set()
            await asyncio.sleep(120)
        return "250 OK"


@pytest.fixture
def sink():
    handler = StallingSink()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, handler
    controller.stop()


def start_worker(env, mailing_id):
    return subprocess.Popen(  # noqa: S603 - our own entry point, fixed arguments
        [BIN / "knotenpunkt", "send-mailing", str(mailing_id)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def kill_when_stalled(worker, handler, timeout=60):
    """SIGKILL the worker once the sink holds it."""
    deadline = time.monotonic() + timeout
    while not handler.stalled.wait(0.05):
        assert worker.poll() is None, f"worker ended early: {worker.communicate()}"
        assert time.monotonic() < deadline, "the worker did not get there in time"
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    handler.stalled.clear()


@pytest.mark.django_db
def test_a_killed_worker_resumes_without_duplicates_or_gaps(worker_database, sink):
    controller, handler = sink
    env = {
        **worker_database,
        "EMAIL_URL": f"smtp://127.0.0.1:{controller.port}",
        "MAILING_RATE_PER_SECOND": "400",
        "MAILING_LEASE_SECONDS": "1",
    }
    generated = subprocess.run(  # noqa: S603 - our own generator, fixed arguments
        [BIN / "python", GENERATOR, "--recipients", str(RECIPIENTS)],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    mailing_id = json.loads(generated.stdout.strip().splitlines()[-1])["mailing_id"]

    # Killed while waiting for the answer to the 90th message, which the sink has.
    handler.stall_after_data = 90
    kill_when_stalled(start_worker(env, mailing_id), handler)
    assert len(handler.envelopes) == 90
    time.sleep(1.2)  # the dead worker's lease runs out
    # Killed in the middle of the 230th message (counting the attempts of both workers).
    handler.stall_at_rcpt = 90 + 140
    kill_when_stalled(start_worker(env, mailing_id), handler)
    assert len(handler.envelopes) == 229
    time.sleep(1.2)
    final = start_worker(env, mailing_id)
    out, err = final.communicate(timeout=120)

    assert final.returncode == 0, err
    assert out.strip().endswith(f"sent: {RECIPIENTS} sent, 0 not sent, 0 failed, 0 waiting")
    counts = collections.Counter(handler.recipients)
    assert len(counts) == RECIPIENTS
    assert set(counts.values()) == {1}, [a for a, n in counts.items() if n > 1]
