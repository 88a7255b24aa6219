"""`make install` fetches KERN itself: pinned, integrity-checked, no Node.js.

The registry here is a local HTTP server serving a tarball built in the test, laid out
as npm lays out its tarballs, so the real download, check and unpack code runs.
"""

import base64
import hashlib
import importlib.util
import io
import shutil
import subprocess
import sys
import tarfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "frontend" / "fetch.py"


def load_fetch_module():
    spec = importlib.util.spec_from_file_location("frontend_fetch", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def npm_tarball(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, content in files.items():
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


def sri(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


@pytest.fixture
def registry(tmp_path):
    """A local registry directory served over HTTP, as <root>/@scope/name/-/name-1.0.0.tgz."""
    root = tmp_path / "registry"
    root.mkdir()
    handler = partial(SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *args: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def publish(root: Path, data: bytes) -> None:
    path = root / "@kern-ux" / "native" / "-" / "native-1.0.0.tgz"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def spec_for(integrity: str) -> dict:
    return {
        "package": "@kern-ux/native",
        "version": "1.0.0",
        "integrity": integrity,
        "keep": ["dist/kern.min.css", "dist/fonts/", "LICENSE.md"],
        "group": "run",
    }


TARBALL_FILES = {
    "dist/kern.min.css": b".kern-btn{}",
    "dist/fonts/a.woff2": b"font",
    "LICENSE.md": b"EUPL-1.2",
    "src/scss/core/index.scss": b"// not kept",
}


def test_a_matching_download_is_unpacked_with_only_the_kept_files(registry, tmp_path):
    fetch = load_fetch_module()
    root, url = registry
    data = npm_tarball(TARBALL_FILES)
    publish(root, data)

    message = fetch.fetch("kern", spec_for(sri(data)), url, tmp_path / "out")

    target = tmp_path / "out" / "kern"
    assert "integrity checked, 3 files" in message
    assert (target / "dist" / "kern.min.css").read_bytes() == b".kern-btn{}"
    assert (target / "dist" / "fonts" / "a.woff2").exists()
    assert not (target / "src").exists()


def test_a_package_in_place_is_not_downloaded_again(registry, tmp_path):
    fetch = load_fetch_module()
    root, url = registry
    data = npm_tarball(TARBALL_FILES)
    publish(root, data)
    fetch.fetch("kern", spec_for(sri(data)), url, tmp_path / "out")

    # The registry is gone: a second install must still succeed, offline.
    message = fetch.fetch("kern", spec_for(sri(data)), "http://127.0.0.1:9", tmp_path / "out")

    assert message.endswith("already in place")


def test_a_tampered_download_fails_clearly_and_keeps_the_installed_version(registry, tmp_path):
    root, url = registry
    good = npm_tarball(TARBALL_FILES)
    publish(root, good)
    out = tmp_path / "out"
    load_fetch_module().fetch("kern", spec_for(sri(good)), url, out)
    # The registry now serves other bytes for the same version; the manifest still pins
    # a hash the new bytes do not have (as after a tampered mirror).
    publish(root, npm_tarball({**TARBALL_FILES, "dist/kern.min.css": b"body{display:none}"}))
    # The project's own script beside a manifest that pins a hash the new bytes lack.
    project = tmp_path / "frontend"
    project.mkdir()
    shutil.copy(SCRIPT, project / "fetch.py")
    (project / "packages.toml").write_text(
        '[kern]\npackage = "@kern-ux/native"\nversion = "1.0.0"\n'
        f'integrity = "{sri(b"something else")}"\n'
        'keep = ["dist/kern.min.css"]\ngroup = "run"\n'
    )

    result = subprocess.run(  # noqa: S603 - our own script, our own arguments
        [sys.executable, str(project / "fetch.py"), "run"],
        capture_output=True,
        text=True,
        env={"NPM_REGISTRY": url, "FRONTEND_DIR": str(out), "PATH": "/usr/bin:/bin"},
        check=False,
    )

    assert result.returncode == 1
    assert "does not match the pinned integrity hash" in result.stderr
    assert "Nothing was unpacked" in result.stderr
    assert (out / "kern" / "dist" / "kern.min.css").read_bytes() == b".kern-btn{}"


def test_an_unreachable_registry_names_the_address_and_the_way_out(tmp_path):
    fetch = load_fetch_module()

    with pytest.raises(fetch.FetchError) as error:
        fetch.fetch("kern", spec_for(sri(b"x")), "http://127.0.0.1:9", tmp_path / "out")

    assert "http://127.0.0.1:9/@kern-ux/native/-/native-1.0.0.tgz" in str(error.value)
    assert "NPM_REGISTRY" in str(error.value)


def test_the_pinned_packages_are_what_the_platform_serves():
    """The manifest pins exact versions with a sha512 hash, as npm publishes them."""
    import tomllib

    manifest = tomllib.loads((SCRIPT.parent / "packages.toml").read_text())

    assert manifest["kern"]["package"] == "@kern-ux/native"
    for spec in manifest.values():
        assert spec["version"].count(".") == 2 and spec["version"][0].isdigit()
        assert spec["integrity"].startswith("sha512-")
