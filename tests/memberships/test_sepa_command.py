import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from freezegun import freeze_time

from knotenpunkt.memberships.models import DebitBatch
from tests.cli import run_cli
from tests.memberships import sepa_helpers

# Fixtures shared by the SEPA tests.
announced = sepa_helpers.announced
collecting = sepa_helpers.collecting
english_ui = sepa_helpers.english_ui
fjord = sepa_helpers.fjord


def _run(*args) -> list[str]:
    out = StringIO()
    with freeze_time("2026-02-10 09:00"):
        call_command("sepa_export", *args, stdout=out)
    return out.getvalue().splitlines()


def test_the_command_writes_the_file_and_prints_the_json_last(announced, tmp_path):
    out = tmp_path / "lastschriften.xml"
    lines = _run("--cluster", "diwish", "--collection-date", "2026-02-16", "--out", str(out))
    assert json.loads(lines[-1]) == {"transactions": 2, "sum": "900.00"}
    assert out.read_bytes() == DebitBatch.objects.get().xml.encode()


def test_a_second_run_prints_zero_and_writes_no_file(announced, tmp_path):
    _run("--cluster", "diwish", "--collection-date", "2026-02-16", "--out", str(tmp_path / "a"))
    second = tmp_path / "b.xml"
    lines = _run("--cluster", "diwish", "--collection-date", "2026-02-16", "--out", str(second))
    assert json.loads(lines[-1]) == {"transactions": 0, "sum": "0.00"}
    assert not second.exists()


def test_a_dry_run_writes_nothing(announced, tmp_path):
    out = tmp_path / "probe.xml"
    lines = _run(
        "--cluster", "diwish", "--collection-date", "2026-02-16", "--out", str(out), "--dry-run"
    )  # fmt: skip
    assert json.loads(lines[-1])["transactions"] == 2
    assert not out.exists()
    assert not DebitBatch.objects.exists()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--cluster", "nirgends", "--collection-date", "2026-02-16"], "nirgends"),
        (["--cluster", "diwish", "--collection-date", "16.02.2026"], "YYYY-MM-DD"),
        (["--cluster", "diwish", "--collection-date", "2026-04-03"], "Good Friday"),
    ],
)
def test_bad_input_is_a_command_error_with_exit_code_1(announced, tmp_path, args, words):
    with pytest.raises(CommandError, match=words) as error:
        _run(*args, "--out", str(tmp_path / "x.xml"))
    assert error.value.returncode == 1
    assert not DebitBatch.objects.exists()


def test_the_command_on_a_never_migrated_database_exits_1_without_traceback(tmp_path):
    url = f"sqlite:///{tmp_path / 'leer.sqlite3'}"
    result = run_cli(
        "sepa-export", "--cluster", "diwish", "--collection-date", "2026-02-16",
        "--out", str(tmp_path / "x.xml"), DATABASE_URL=url,
    )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "`knotenpunkt migrate`" in result.stderr
