"""Headers every response carries: a restrictive Permissions-Policy, and no server or
Python version for an attacker to look up."""

import http.client
import os
import socket
import subprocess
import sys
import time
from urllib.parse import urlsplit

import pytest


def policy_of(response) -> dict[str, str]:
    return dict(item.strip().split("=", 1) for item in response["Permissions-Policy"].split(","))


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/accounts/me/", "/gibt-es-nicht/"])
def test_every_response_switches_off_camera_microphone_location_and_payment(client, db, path):
    response = client.get(path)
    policy = policy_of(response)
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert policy[feature] == "()", (path, feature)


def headers_of(host: str, port: int, path: str = "/healthz"):
    connection = http.client.HTTPConnection(host, port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.headers
    finally:
        connection.close()


def test_the_development_server_names_no_server_or_python_version(live_server):
    url = urlsplit(live_server.url)
    assert headers_of(url.hostname, url.port).get_all("Server") == ["Knotenpunkt"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_gunicorn_names_itself_without_a_version(tmp_path):
    port = free_port()
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    environment.update(VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="knotenpunkt.settings")
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    server = subprocess.Popen(  # noqa: S603 - our own server, fixed arguments
        [gunicorn, "knotenpunkt.wsgi", "--bind", f"127.0.0.1:{port}", "--no-control-socket"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        headers = None
        deadline = time.monotonic() + 60
        while headers is None and time.monotonic() < deadline:
            try:
                headers = headers_of("127.0.0.1", port)
            except OSError:
                time.sleep(0.3)
        assert headers is not None, "gunicorn did not answer"
        assert headers.get_all("Server") == ["gunicorn"]
        assert "camera=()" in headers["Permissions-Policy"]
    finally:
        server.terminate()
        server.wait(timeout=30)
