"""`knotenpunkt demo [--serve] [--port N]`: load the demo data and print the logins."""

import os
import signal
import socket
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from knotenpunkt.demo.builder import demo_counts, install_demo
from knotenpunkt.demo.local_run import follow_port
from knotenpunkt.demo.logins import format_logins

WORKER = [sys.executable, "-m", "knotenpunkt.cli", "db_worker", "--queue-name", "*", "--no-reload"]


class Command(BaseCommand):
    help = (
        "Load a deterministic demo installation (two clusters, about 370 organisations, "
        "1,000 people, eight years of memberships) unless it is there already, and print "
        "one login per role. With --serve, also run the task worker and the development "
        "server."
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
        self.stdout.write(f"In the database: {counts}.\n")
        if not serve:
            self.stdout.write(format_logins(result.logins))
            return
        self.serve(port, result.logins)

    def serve(self, port, logins):
        worker = None
        if settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend":
            worker = subprocess.Popen(WORKER)  # noqa: S603 - fixed command, our own interpreter
        else:
            self.stdout.write(f"TASKS_BACKEND={settings.TASKS_BACKEND}: no database worker.")
        # A plain `kill` should stop the worker too, not only Ctrl-C.
        signal.signal(signal.SIGTERM, _interrupt)
        self.stdout.write(format_logins(logins))
        self.stdout.write(
            self.style.SUCCESS(
                f"\nLog in at http://127.0.0.1:{port}/accounts/login/ – stop with Ctrl-C.\n"
            )
        )
        try:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
        finally:
            if worker is not None:
                worker.terminate()
                try:
                    worker.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    worker.kill()
                    worker.wait()


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
