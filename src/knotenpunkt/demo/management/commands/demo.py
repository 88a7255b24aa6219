"""`knotenpunkt demo [--serve] [--port N]`: load the demo data and print the logins."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.core.management import call_command, get_commands, load_command_class
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from knotenpunkt.demo.builder import DemoResult, demo_counts, install_demo
from knotenpunkt.demo.local_run import follow_port
from knotenpunkt.demo.logins import format_logins
from knotenpunkt.outbox.models import OutgoingMail

WORKER = [sys.executable, "-m", "knotenpunkt.cli", "db_worker", "--queue-name", "*", "--no-reload"]
WORKER_SETTLE_SECONDS = 60


class Command(BaseCommand):
    help = (
        "Load a deterministic demo installation (two clusters, about 370 organisations, "
        "1,000 people, eight years of memberships) unless it is there already, and print "
        "one login per role. The mails the build queues are held in the outbox (back "
        "office), not sent. With --serve, also run the task worker and the development "
        "server; the logins follow its start-up lines."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--serve",
            action="store_true",
            help="Afterwards run the background task worker and the development server.",
        )
        parser.add_argument(
            "--port",
            type=int,
            default=int(os.environ.get("PORT") or 8000),
            help="Port of the development server on 127.0.0.1 (default: $PORT or 8000).",
        )

    def handle(self, *args, serve=False, port=8000, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Refusing to load demo data with DEBUG off: the demo logins share a "
                "published password. Run it on a development installation."
            )
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError("The database is not up to date: run `knotenpunkt migrate`.")
        if serve:
            ensure_port_free(port)
            follow_port(port)

        started = time.monotonic()
        result = install_demo()
        seconds = time.monotonic() - started
        counts = ", ".join(f"{n} {what}" for what, n in demo_counts().items())
        if result.created:
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded in {seconds:.1f} s."))
        else:
            self.stdout.write(f"Demo data exists already; logins checked in {seconds:.1f} s.")
        self.stdout.write(f"In the database: {counts}.")
        self.stdout.write(held_mail_line(result))
        # The logins come last, so that nothing pushes them out of view.
        if not serve:
            self.stdout.write("\n" + format_logins(result.logins))
            return
        self.serve(port, result.logins)

    def serve(self, port, logins):
        def announce(stdout):
            stdout.write("\n" + format_logins(logins))
            stdout.write(
                self.style.SUCCESS(
                    f"\nLog in at http://127.0.0.1:{port}/accounts/login/ – stop with Ctrl-C.\n"
                )
            )

        # A plain `kill` should stop the worker too, not only Ctrl-C.
        signal.signal(signal.SIGTERM, _interrupt)
        worker = None
        try:
            if settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend":
                worker = start_worker()
            else:
                self.stdout.write(f"TASKS_BACKEND={settings.TASKS_BACKEND}: no database worker.")
            call_command(runserver_announcing(announce), f"127.0.0.1:{port}", use_reloader=False)
        finally:
            if worker is not None:
                worker.terminate()
                try:
                    worker.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    worker.kill()
                    worker.wait()


def start_worker() -> subprocess.Popen:
    """Start the database task worker and return once it has started and worked off what
    the build enqueued (at most WORKER_SETTLE_SECONDS), so that its start-up lines come
    before the logins, not after them. Its log is relayed line by line to stderr, where
    it writes."""
    worker = subprocess.Popen(  # noqa: S603 - fixed command, our own interpreter
        WORKER, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    started = threading.Event()

    def relay():
        for line in worker.stdout:
            started.set()
            sys.stderr.write(line)
            sys.stderr.flush()

    threading.Thread(target=relay, daemon=True).start()
    deadline = time.monotonic() + WORKER_SETTLE_SECONDS
    started.wait(WORKER_SETTLE_SECONDS)
    pending = DBTaskResult.objects.ready() | DBTaskResult.objects.running()
    while worker.poll() is None and time.monotonic() < deadline and pending.exists():
        time.sleep(0.2)
    return worker


def held_mail_line(result: DemoResult) -> str:
    """Where the demo's mails went: held in the outbox (how many, where to read them)."""
    held, earlier = result.held_mails, ""
    if not held:
        held = OutgoingMail.objects.filter(status=OutgoingMail.Status.HELD).count()
        earlier = " (from an earlier run)"
    page = reverse("admin:outbox_outgoingmail_changelist") + "?status__exact=held"
    return (
        f"{held} demo mail{'' if held == 1 else 's'}{earlier} held in the outbox, not sent: "
        f"see Back office → Outgoing mails, {settings.SITE_URL}{page}"
    )


def runserver_announcing(announce: Callable) -> BaseCommand:
    """The installed `runserver` (whitenoise's, over staticfiles'), calling `announce(stdout)`
    right after its banner, once the server listens: the logins end up last on screen."""
    base = type(load_command_class(get_commands()["runserver"], "runserver"))

    class Runserver(base):
        def on_bind(self, server_port):
            super().on_bind(server_port)
            announce(self.stdout)

    return Runserver()


def ensure_port_free(port: int) -> None:
    """Fail before building and starting the worker, not when the server cannot bind
    (runserver then leaves with os._exit, and a worker would be left behind)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as error:
            raise CommandError(
                f"Port {port} is not free ({error.strerror}); choose another with --port."
            ) from error


def _interrupt(signum, frame):
    raise KeyboardInterrupt
