"""`make screenshots`: the main pages of every role, at 1280 px and at 390 px.

Builds the demo into its own SQLite database under var/screenshots/, serves it with
`runserver` on a free port, logs in as each demo role through the login form (as a person
would) and photographs the pages of `knotenpunkt.demo.tour` with Debian's Chromium. The
pictures and an index.html to browse them land in var/screenshots/.

    python -m knotenpunkt.demo.screenshots [--widths 1280,390] [--roles visitor,buyer]
"""

import argparse
import html
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

WIDTHS = (1280, 390)
HEIGHT = {1280: 900, 390: 844}
OUT = Path("var") / "screenshots"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(*args: str, env: dict) -> None:
    subprocess.run([sys.executable, "-m", "knotenpunkt.cli", *args], env=env, check=True)  # noqa: S603 - our own CLI


def wait_until_up(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own local server
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"The server at {url} did not answer within {seconds:.0f} s.")


def photograph(base_url: str, widths, role_keys, out: Path) -> list[tuple[str, str, int, Path]]:
    from playwright.sync_api import sync_playwright

    from knotenpunkt.demo.tour import ROLES, log_in, stops_for

    # The addresses first: Django's ORM refuses to run inside Playwright's event loop.
    tour = [(role, stops_for(role)) for role in ROLES if not role_keys or role.key in role_keys]
    shots = []
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for role, stops in tour:
            for width in widths:
                context = browser.new_context(
                    viewport={"width": width, "height": HEIGHT.get(width, 900)}, locale="de-DE"
                )
                page = context.new_page()
                if role.email:
                    log_in(page, base_url, role)
                for stop in stops:
                    page.goto(base_url + stop.path)
                    target = out / str(width) / f"{role.key}-{stop.name}.png"
                    target.parent.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=str(target), full_page=True)
                    shots.append((role.label, stop.name, width, target))
                    print(f"{width:>5} px  {role.key:<9} {stop.name:<18} {stop.path}")
                context.close()
        browser.close()
    return shots


def write_index(shots, out: Path) -> Path:
    rows = "\n".join(
        f"<figure><figcaption>{html.escape(role)} – {html.escape(name)} ({width} px)"
        f"</figcaption><img src='{path.relative_to(out)}' alt='' loading='lazy' "
        f"style='max-width:{min(width, 640)}px;border:1px solid #999'></figure>"
        for role, name, width, path in shots
    )
    index = out / "index.html"
    title = "<title>Knotenpunkt screenshots</title>"
    index.write_text(f"<!doctype html><meta charset=utf-8>{title}{rows}")
    return index


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--widths", default=",".join(map(str, WIDTHS)))
    parser.add_argument("--roles", default="", help="comma-separated role keys (default: all)")
    args = parser.parse_args(argv)
    chromium = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    if not chromium.exists():
        raise SystemExit(
            f"No Chromium at {chromium}: install Debian's (apt-get install chromium), "
            "or set CHROMIUM to a Chromium or Chrome binary."
        )
    widths = [int(w) for w in args.widths.split(",")]
    OUT.mkdir(parents=True, exist_ok=True)
    database = (OUT / "site.sqlite3").resolve()
    database.unlink(missing_ok=True)
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "DEBUG": "true",
    }
    run("migrate", "--noinput", "-v0", env=env)
    run("demo", env=env)
    server = subprocess.Popen(  # noqa: S603 - our own CLI
        [sys.executable, "-m", "knotenpunkt.cli", "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base_url = f"http://127.0.0.1:{port}"
        wait_until_up(base_url + "/healthz")
        # The tour reads the demo data to find its addresses: the same database.
        os.environ.update({"DATABASE_URL": env["DATABASE_URL"], "SITE_URL": env["SITE_URL"]})
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knotenpunkt.settings")
        import django

        django.setup()
        roles = {key for key in args.roles.split(",") if key}
        shots = photograph(base_url, widths, roles, OUT)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"{len(shots)} screenshots; browse them in {write_index(shots, OUT).resolve()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
