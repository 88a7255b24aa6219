"""`PORT=8100 make demo`: the links in mails point at the port the demo serves on."""

import os

from knotenpunkt.demo.local_run import follow_port
from knotenpunkt.outbox.services import queue_mail


def test_mail_links_follow_the_port_the_demo_serves_on(db, settings, monkeypatch):
    # Empty counts as unset; monkeypatch then restores the environment afterwards.
    monkeypatch.setenv("SITE_URL", "")
    # An override layer of its own, so follow_port's change ends with this test.
    settings.SITE_URL = "http://127.0.0.1:8000"
    follow_port(8100)
    mail = queue_mail("confirm_email", "new@example.org", {"confirm_path": "/c/abc/"})
    assert "http://127.0.0.1:8100/c/abc/" in mail.body_text
    assert 'href="http://127.0.0.1:8100/c/abc/"' in mail.body_html
    # The task worker, started afterwards as a separate process, inherits it.
    assert os.environ["SITE_URL"] == "http://127.0.0.1:8100"


def test_an_explicit_site_url_wins(db, settings, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://demo.example.org")
    settings.SITE_URL = "https://demo.example.org"
    follow_port(8100)
    mail = queue_mail("confirm_email", "new@example.org", {"confirm_path": "/c/abc/"})
    assert "https://demo.example.org/c/abc/" in mail.body_text
    assert ":8100" not in mail.body_text
