"""Headers every response carries: a restrictive Permissions-Policy, and no server or
Python version for an attacker to look up."""

import http.client
import os
import socket
import subprocess
import sys
import time

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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def headers_served_by(command: list[str], port: int, tmp_path):
    """Start a server as `make demo` or production would, and read one response's headers.
    (Not pytest-django's live_server: its flush would upset the serialized test database.)"""
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    environment.update(VAR_DIR=str(tmp_path), DEBUG="true")
    server = subprocess.Popen(  # noqa: S603 - our own server, fixed arguments
        command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                return headers_of("127.0.0.1", port)
            except OSError:
                time.sleep(0.3)
        raise AssertionError(f"{command[0]} did not answer")
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_development_server_names_no_server_or_python_version(tmp_path):
    port = free_port()
    command = [sys.executable, "-m", "knotenpunkt.cli", "runserver", f"127.0.0.1:{port}"]
    headers = headers_served_by([*command, "--noreload"], port, tmp_path)
    assert headers.get_all("Server") == ["Knotenpunkt"]
    assert "camera=()" in headers["Permissions-Policy"]


def test_gunicorn_names_itself_without_a_version(tmp_path):
    port = free_port()
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    command = [gunicorn, "knotenpunkt.wsgi", "--bind", f"127.0.0.1:{port}", "--no-control-socket"]
    headers = headers_served_by(command, port, tmp_path)
    assert headers.get_all("Server") == ["gunicorn"]
    assert "camera=()" in headers["Permissions-Policy"]
