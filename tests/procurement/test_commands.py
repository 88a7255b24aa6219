"""The command contracts: JSON last for the advice, exit codes for both commands."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from knotenpunkt.procurement.services.advisor import Advice
from tests.cli import run_cli as _cli

CONTRACT_KEYS = {
    "procedure",
    "estimated_value",
    "min_offers",
    "ex_post_publication",
    "statistics",
    "einvoice_required",
    "basis",
    "uncertain",
}


def _advice(*args):
    out = StringIO()
    call_command("procurement_advice", *args, stdout=out)
    return json.loads(out.getvalue().strip().splitlines()[-1])


BASE = ["--jurisdiction", "SH", "--authority", "municipal", "--category", "services"]


def test_the_advice_prints_the_contract_json_last(db):
    data = _advice(*BASE, "--value", "25000", "--date", "2026-02-01")
    assert data.keys() >= CONTRACT_KEYS
    assert (data["procedure"], data["estimated_value"], data["min_offers"]) == (
        "VV_BA_OTW",
        25000.0,
        3,
    )


def test_the_advice_contract_types_are_json_types(db):
    data = _advice(*BASE, "--value", "25000", "--date", "2026-02-01")
    assert isinstance(data["basis"], list)
    assert all(
        isinstance(data[k], bool) for k in ("ex_post_publication", "statistics", "uncertain")
    )
    assert set(Advice.__dataclass_fields__) >= CONTRACT_KEYS


def test_monthly_term_and_options_are_estimated_by_the_command(db):
    data = _advice(
        *BASE,
        "--monthly", "4500", "--term-months", "36", "--option-months", "24",
        "--date", "2026-02-01",
    )  # fmt: skip
    assert (data["procedure"], data["estimated_value"]) == ("EU", 216000.0)


def test_monthly_without_term_is_an_indefinite_term(db):
    data = _advice(*BASE, "--monthly", "1000", "--date", "2026-02-01")
    assert data["estimated_value"] == 48000.0


def test_framework_flags_reach_the_advisor(db):
    data = _advice(*BASE, "--value", "3000", "--framework-entitled", "--framework-kind", "KdB")
    assert data["procedure"] == "NOT_ALLOWED"


def test_framework_max_reached_flag_prevents_a_call_off(db):
    data = _advice(
        *BASE, "--value", "3000", "--framework-entitled", "--framework-max-reached",
        "--date", "2026-02-01",
    )  # fmt: skip
    assert data["procedure"] == "DA"


@pytest.mark.parametrize(
    "extra",
    [
        ["--value", "abc"],
        ["--value", "-5"],
        ["--value", "1000", "--date", "1.2.2026"],
        ["--monthly", "100", "--term-months", "x"],
        [],
    ],
)
def test_bad_advice_input_exits_with_code_2(db, extra):
    with pytest.raises(SystemExit) as exit_info:
        call_command("procurement_advice", *BASE, *extra, stdout=StringIO(), stderr=StringIO())
    assert exit_info.value.code == 2


def test_bad_advice_input_on_the_command_line_has_no_traceback():
    result = _cli(
        "procurement-advice", "--jurisdiction", "SH", "--authority", "federal_top",
        "--category", "services", "--value", "1000",
    )  # fmt: skip
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "BUND" in result.stderr


def test_a_missing_option_on_the_command_line_exits_with_code_2():
    result = _cli("procurement-advice", "--jurisdiction", "SH")
    assert result.returncode == 2


def test_leitweg_check_exits_0_for_a_valid_id():
    assert _cli("leitweg-check", "04011000-1234512345-06").returncode == 0


def test_leitweg_check_exits_1_for_an_invalid_id():
    assert _cli("leitweg-check", "04011000-1234512345-07").returncode == 1


def test_bavaria_above_100000_euro_is_a_negotiated_award_on_the_command_line(db):
    data = _advice(
        "--jurisdiction", "BY", "--authority", "municipal", "--category", "supplies",
        "--value", "100000.01", "--date", "2026-02-01",
    )  # fmt: skip
    assert (data["procedure"], data["min_offers"], data["statistics"]) == ("VV_BA_OTW", 3, True)
