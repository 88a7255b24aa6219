"""What several benchmarks share: their own database next to the developer's, and the
directory benchmark's helpers (gunicorn, settings, the machine's description)."""

import importlib.util
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]


def directory_bench():
    """bench/directory/run.py as a module, loaded once."""
    name = "bench_directory_run"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / "directory" / "run.py")
        module = importlib.util.module_from_spec(spec)
        # Registered so that its functions pickle into the forked measuring processes.
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def own_database(url: str, name: str, var_dir) -> tuple[str, str]:
    """(url, vendor) of the benchmark's database `name`: a SQLite file in `var_dir`, or a
    database of that name on the PostgreSQL server DATABASE_URL names (created once)."""
    if not url or url.startswith("sqlite"):
        return f"sqlite:///{var_dir / (name + '.sqlite3')}", "sqlite"
    parts = urlsplit(url)
    import psycopg
    from psycopg import sql

    params = {
        "host": parts.hostname or "localhost",
        "port": parts.port or 5432,
        "user": parts.username or "postgres",
        "password": parts.password or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return urlunsplit(parts._replace(path=f"/{name}")), "postgresql"


def production_env(database_url: str, var_dir, name: str, **overrides: str) -> dict[str, str]:
    """Production-like settings for a benchmark's processes: DEBUG off, its own database
    and var/ dir, a local cache, warnings only; `overrides` add or replace settings."""
    import os

    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "knotenpunkt.settings",
        "DATABASE_URL": database_url,
        "VAR_DIR": str(var_dir),
        "DEBUG": "false",
        "SECRET_KEY": f"bench-{name}-not-a-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
        "SITE_URL": "https://cluster.example",
        "CACHE_URL": "locmemcache://",
        "LOG_LEVEL": "WARNING",
        **overrides,
    }


def run_python(code: str, env: dict) -> str:
    """Run Django code in a fresh interpreter with the benchmark's settings; its stdout."""
    import subprocess

    program = "import django; django.setup()\n" + code
    return subprocess.run(
        [sys.executable, "-c", program],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
