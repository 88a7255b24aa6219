"""Kill the outbox's worker mid-send: every mail arrives exactly once.

The sweeper (`knotenpunkt send-queued-mail`) runs as a real process against its own
database, delivering over SMTP into a local aiosmtpd sink that holds the worker at one of
the two moments that decide between a duplicate and a gap, until the worker is killed with
SIGKILL: once after the server has the whole third message but before the worker has read
its "250 OK" (a sender that records success only after the reply sends it again), once in
the middle of the sixth message (a sender that records before it starts loses it). A
sweeper started at once leaves the sixth alone (its lease still runs) and sends the rest;
one started after the lease ran out sends it.
"""

import collections
import subprocess
import time

import pytest

from tests.mailings.test_crash_resume import (  # noqa: F401 - fixtures
    BIN,
    ROOT,
    kill_when_stalled,
    sink,
    worker_database,
)

MAILS = 10
# Long enough that the next sweeper (a new process: Django starts, connects, claims) is
# surely within the dead worker's lease on a loaded machine; 8 s once was not, with other
# test runs on both cores.
LEASE_SECONDS = 20
QUEUE = f"""
from knotenpunkt.outbox.models import OutgoingMail
OutgoingMail.objects.bulk_create(
    OutgoingMail(kind="test", to=f"person{{n}}@example.org", subject="Hallo", body_text="Text")
    for n in range({MAILS})
)
"""


def knotenpunkt(env, *arguments):
    return subprocess.Popen(  # noqa: S603 - our own entry point, fixed arguments
        [BIN / "knotenpunkt", *arguments],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def sweep(env) -> str:
    out, err = knotenpunkt(env, "send-queued-mail").communicate(timeout=120)
    assert not err.strip() or "Traceback" not in err, err
    return out.strip()


@pytest.mark.django_db
def test_a_mail_whose_worker_was_killed_mid_send_is_delivered_once(
    worker_database,  # noqa: F811 - the fixture imported above
    sink,  # noqa: F811
):
    controller, handler = sink
    env = {
        **worker_database,
        "EMAIL_URL": f"smtp://127.0.0.1:{controller.port}",
        "OUTBOX_LEASE_SECONDS": str(LEASE_SECONDS),
    }
    queued = knotenpunkt(env, "shell", "-c", QUEUE)
    assert queued.wait(timeout=60) == 0, queued.communicate()

    # Killed while waiting for the answer to the 3rd mail, which the server has.
    handler.stall_after_data = 3
    kill_when_stalled(knotenpunkt(env, "send-queued-mail"), handler)
    assert len(handler.envelopes) == 3
    # Killed in the middle of the 6th mail (the 4th and 5th go out first).
    handler.stall_at_rcpt = 6
    kill_when_stalled(knotenpunkt(env, "send-queued-mail"), handler)
    killed_at = time.monotonic()
    assert len(handler.envelopes) == 5

    # The dead worker's lease still runs: the next sweep sends the others, not that one.
    assert sweep(env) == f"{MAILS - 6} sent"
    assert len(handler.envelopes) == MAILS - 1

    time.sleep(max(0, killed_at + LEASE_SECONDS + 0.5 - time.monotonic()))
    assert sweep(env) == "1 sent"
    assert sweep(env) == "nothing to do"

    counts = collections.Counter(handler.recipients)
    assert len(counts) == MAILS
    assert set(counts.values()) == {1}, [a for a, n in counts.items() if n > 1]
