"""The `knotenpunkt` command in a subprocess, as an operator runs it (own environment)."""

import os
import subprocess
import sys


def run_cli(*args, **env) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own entry point, fixed arguments
        [sys.executable, "-m", "knotenpunkt.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "knotenpunkt.settings", **env},
        check=False,
    )
