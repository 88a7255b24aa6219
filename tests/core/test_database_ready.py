"""Commands that read the database say "run knotenpunkt migrate first" in one line when it
was never set up (or is behind), instead of a traceback about a missing table."""

import pytest

from tests.cli import run_cli as _cli

DATABASE_COMMANDS = {
    "procurement-advice": [
        *["--jurisdiction", "SH", "--authority", "municipal", "--category", "services"],
        *["--value", "25000", "--date", "2026-02-01"],
    ],
    "remind-expiring-certificates": [],
    "camt-import": ["statement.xml", "--cluster", "diwish", "--dry-run"],
    "datev-export": ["--cluster", "diwish", "--year", "2026", "--out", "buchungen.csv"],
    "invoice-export": ["--all", "--dir", "export"],
    "fee-run": ["--cluster", "diwish", "--year", "2027", "--dry-run"],
    "sepa-export": ["--cluster", "diwish", "--collection-date", "2027-03-01", "--out", "x.xml"],
    "fees-daily": [],
    "followup-reminders": [],
    "kpi-report": ["--year", "2026"],
}


def _in_empty_database(tmp_path, command, *extra_steps):
    url = f"sqlite:///{tmp_path / 'never-migrated.sqlite3'}"
    for step in extra_steps:
        assert _cli(*step, DATABASE_URL=url).returncode == 0
    return _cli(command, *DATABASE_COMMANDS[command], DATABASE_URL=url)


def _one_line_without_traceback(result) -> str:
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize("command", DATABASE_COMMANDS)
def test_a_command_on_a_never_migrated_database_says_run_migrate(tmp_path, command):
    line = _one_line_without_traceback(_in_empty_database(tmp_path, command))
    assert "`knotenpunkt migrate`" in line
    assert "procurement_" not in line  # not the missing table, but what to do


def test_a_partly_migrated_database_is_refused_as_not_up_to_date(tmp_path):
    result = _in_empty_database(tmp_path, "procurement-advice", ["migrate", "contenttypes"])
    line = _one_line_without_traceback(result)
    assert "`knotenpunkt migrate`" in line


def test_a_database_that_cannot_be_opened_is_named_in_one_line(tmp_path):
    url = f"sqlite:///{tmp_path / 'no-such-directory' / 'db.sqlite3'}"
    line = _one_line_without_traceback(_cli("remind-expiring-certificates", DATABASE_URL=url))
    assert "unable to open database file" in line


def test_a_migrated_database_passes_the_check(db):
    from knotenpunkt.core.database_ready import require_migrated_database, unapplied_migrations

    assert unapplied_migrations() == []
    require_migrated_database()
