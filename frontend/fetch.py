"""Fetch the pinned front-end packages from the npm registry, without Node.js.

    python frontend/fetch.py run     # what the platform serves (KERN)
    python frontend/fetch.py test    # what the browser tests need besides (axe-core)

Each package in packages.toml is downloaded as the registry's tarball, checked against its
pinned integrity hash *before* anything is unpacked, and only the files it lists under
`keep` land in frontend/packages/<key>/. A package already unpacked with the same integrity
is left alone, so repeated `make install` runs need no network. Standard library only: this
runs before (and independent of) the project's Python dependencies.

NPM_REGISTRY points at a mirror (default https://registry.npmjs.org).
"""

import base64
import hashlib
import io
import os
import shutil
import sys
import tarfile
import tempfile
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "packages.toml"
DESTINATION = HERE / "packages"
STAMP = ".integrity"
DEFAULT_REGISTRY = "https://registry.npmjs.org"


class FetchError(Exception):
    """A problem the person running `make install` must see, in one clear message."""


def tarball_url(registry: str, package: str, version: str) -> str:
    # npm's layout: <registry>/<name>/-/<name without scope>-<version>.tgz
    bare_name = package.rsplit("/", 1)[-1]
    return f"{registry.rstrip('/')}/{package}/-/{bare_name}-{version}.tgz"


def integrity_of(data: bytes, algorithm: str) -> str:
    digest = hashlib.new(algorithm, data).digest()
    return f"{algorithm}-{base64.b64encode(digest).decode('ascii')}"


def check_integrity(data: bytes, pinned: str, label: str) -> None:
    algorithm = pinned.split("-", 1)[0]
    if algorithm not in {"sha512", "sha384", "sha256"}:
        raise FetchError(f"{label}: unsupported integrity algorithm in packages.toml: {pinned}")
    actual = integrity_of(data, algorithm)
    if actual != pinned:
        raise FetchError(
            f"{label}: the downloaded file does not match the pinned integrity hash.\n"
            f"  expected {pinned}\n"
            f"  received {actual}\n"
            "Nothing was unpacked. The download was altered or the registry (or your "
            "NPM_REGISTRY mirror) serves a different file for this version; do not "
            "change the hash in frontend/packages.toml unless you checked the new one "
            "against the registry's published value."
        )


def download(url: str, label: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - https/mirror URL from our manifest
            return response.read()
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise FetchError(
            f"{label}: could not download {url}: {error}.\n"
            "make install needs the npm registry once (or a mirror in NPM_REGISTRY)."
        ) from error


def wanted(member_path: str, keep: list[str]) -> bool:
    return any(
        member_path == item or (item.endswith("/") and member_path.startswith(item))
        for item in keep
    )


def unpack(data: bytes, keep: list[str], target: Path) -> int:
    """Unpack the kept files into a fresh directory next to `target`, then swap it in,
    so an interrupted run never leaves half a package behind."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    count = 0
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
            for member in archive.getmembers():
                # npm tarballs put everything under one top folder, usually "package/".
                inner = member.name.split("/", 1)[-1]
                if not member.isfile() or not wanted(inner, keep):
                    continue
                member.name = inner
                archive.extract(member, staging, filter="data")
                count += 1
        if count == 0:
            raise FetchError(f"{target.name}: none of the files listed under keep were found")
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return count


def fetch(key: str, spec: dict, registry: str, destination: Path) -> str:
    label = f"{key} ({spec['package']} {spec['version']})"
    target = destination / key
    stamp = target / STAMP
    if stamp.exists() and stamp.read_text().strip() == spec["integrity"]:
        return f"{label}: already in place"
    data = download(tarball_url(registry, spec["package"], spec["version"]), label)
    check_integrity(data, spec["integrity"], label)
    count = unpack(data, spec["keep"], target)
    stamp.write_text(spec["integrity"] + "\n")
    return f"{label}: integrity checked, {count} files unpacked into {target}"


def main(argv: list[str]) -> int:
    groups = set(argv[1:]) or {"run"}
    manifest = tomllib.loads(MANIFEST.read_text())
    registry = os.environ.get("NPM_REGISTRY", DEFAULT_REGISTRY)
    destination = Path(os.environ.get("FRONTEND_DIR", DESTINATION))
    try:
        for key, spec in manifest.items():
            if spec["group"] in groups:
                print(fetch(key, spec, registry, destination))
    except FetchError as error:
        print(f"frontend/fetch.py: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
