"""A real HTTP receiver on 127.0.0.1 (the development setting allows it) that records
what arrives and answers with the statuses a test queues."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from knotenpunkt.webhooks.services import create_subscription


class Receiver:
    def __init__(self):
        self.requests = []  # (headers as dict, body bytes)
        self.statuses = []  # answers to give, in order; 200 when empty
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                with receiver.lock:
                    receiver.requests.append((dict(self.headers.items()), body))
                    status = receiver.statuses.pop(0) if receiver.statuses else 200
                answer = b'{"ok": true}' if status < 300 else b"receiver broken: database down"
                self.send_response(status)
                self.send_header("content-length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def allow_local(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_URLS = True


@pytest.fixture
def receiver(allow_local):
    receiver = Receiver()
    yield receiver
    receiver.stop()


@pytest.fixture
def org_hook(receiver, member_org, bob):
    return create_subscription(
        bob,
        organisation=member_org,
        url=receiver.url,
        event_types=["invoice.issued", "invoice.paid", "registration.confirmed"],
        description="CRM",
    )


@pytest.fixture
def cluster_hook(receiver, cluster, alice):
    return create_subscription(
        alice,
        cluster=cluster,
        url=receiver.url,
        event_types=["invoice.issued", "registration.confirmed", "membership.admitted"],
    )


@pytest.fixture(autouse=True)
def english_ui(settings):
    """These tests read the English source strings; the German catalogue is checked on its
    own in tests/core/test_translations.py."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
