import os
import subprocess
import sys

from django.urls import reverse


def run_check(**env):
    # DJANGO_ALLOW_ASYNC_UNSAFE is set for the browser tests only; never in production.
    unwanted = {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in unwanted}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "knotenpunkt.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = run_check(
        DEBUG="false",
        SECRET_KEY="x" * 30 + "-production-secret-key-0123456789",
        ALLOWED_HOSTS="cluster.example",
        VAR_DIR=str(tmp_path),
        ANYMAIL_WEBHOOK_SECRET="postmark:ein-langes-zufaelliges-geheimnis",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_when_the_mail_webhooks_have_no_secret(tmp_path):
    result = run_check(
        DEBUG="false",
        SECRET_KEY="x" * 30 + "-production-secret-key-0123456789",
        ALLOWED_HOSTS="cluster.example",
        VAR_DIR=str(tmp_path),
        ANYMAIL_WEBHOOK_SECRET="",
    )
    assert result.returncode != 0
    assert "knotenpunkt.W001" in result.stdout + result.stderr
    assert "ANYMAIL_WEBHOOK_SECRET" in result.stdout + result.stderr


def test_production_refuses_to_start_without_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(DEBUG="false", VAR_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-m", "knotenpunkt.cli", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_pages_carry_a_content_security_policy_and_frame_protection(client, db):
    response = client.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert response["X-Frame-Options"] == "DENY"


def test_health_endpoint_answers(client, db):
    assert client.get(reverse("core:healthz")).text == "ok"


def test_stylesheet_and_htmx_are_served_locally(client, db):
    page = client.get(reverse("home")).text
    for path in ("/static/knotenpunkt/css/site.css", "/static/django_htmx/htmx-2.min.js"):
        assert path in page
        response = client.get(path)
        assert response.status_code == 200, path
