"""`knotenpunkt find-duplicates`: the CSV contract, its error paths, no database."""

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

HEADER = (
    "record_id,source,organisation,first_name,last_name,email,phone,street,postcode,city,website"
)
ROWS = [
    "c1,crm,Fördewerk GmbH,Jürgen,Groß,juergen.gross@foerdewerk.example,0431/123456,"
    "Holstenstraße 12,24103,Kiel,www.foerdewerk.example",
    "e7,erp,Foerdewerk G.m.b.H.,J.,Gross,,+49 431 123456,Holstenstr. 12,24103,Kiel,",
    "n3,newsletter,,Juergen,GROSS,Juergen.Gross@foerdewerk.example,,,,,",
    "t9,ticketshop,,Thomas,Müller,thomas.mueller@posteo.example,0171 2233445,"
    "Breite Straße 40,23552,Lübeck,",
]
KNOTENPUNKT = Path(sys.executable).with_name("knotenpunkt")


def write_csv(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_text("\n".join(lines) + "\n", encoding=encoding)
    return path


def read_pairs(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.reader(handle))


def test_command_writes_transitively_complete_sorted_pairs(tmp_path):
    source = write_csv(tmp_path / "in.csv", [HEADER, *ROWS])
    out = tmp_path / "pairs.csv"

    call_command("find_duplicates", csv=str(source), out=str(out))

    rows = read_pairs(out)
    assert rows[0] == ["record_id_a", "record_id_b", "score"]
    assert [row[:2] for row in rows[1:]] == [["c1", "e7"], ["c1", "n3"], ["e7", "n3"]]
    assert all(0.9 <= float(row[2]) <= 1 for row in rows[1:])


def test_dashed_command_runs_without_a_database(tmp_path):
    source = write_csv(tmp_path / "in.csv", [HEADER, *ROWS])
    out = tmp_path / "pairs.csv"
    environment = {
        **os.environ,
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/database_that_does_not_exist",
    }

    result = subprocess.run(  # noqa: S603 - our own entry point, fixed arguments
        [str(KNOTENPUNKT), "find-duplicates", "--csv", str(source), "--out", str(out)],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert len(read_pairs(out)) == 4


def test_a_file_with_only_the_header_gives_an_empty_pair_list(tmp_path):
    source = write_csv(tmp_path / "in.csv", [HEADER])
    out = tmp_path / "pairs.csv"

    call_command("find_duplicates", csv=str(source), out=str(out))

    assert read_pairs(out) == [["record_id_a", "record_id_b", "score"]]


def test_missing_input_file_is_reported(tmp_path):
    with pytest.raises(CommandError, match="Input file not found"):
        call_command("find_duplicates", csv=str(tmp_path / "nope.csv"), out=str(tmp_path / "o.csv"))


def test_missing_columns_are_named(tmp_path):
    source = write_csv(tmp_path / "in.csv", ["record_id,first_name,last_name", "1,Anke,Boysen"])

    with pytest.raises(CommandError, match="lacks the column.*email.*phone"):
        call_command("find_duplicates", csv=str(source), out=str(tmp_path / "o.csv"))


def test_a_latin1_file_is_refused_with_a_hint_to_save_as_utf8(tmp_path):
    source = write_csv(tmp_path / "in.csv", [HEADER, *ROWS], encoding="latin-1")

    with pytest.raises(CommandError, match="is not UTF-8"):
        call_command("find_duplicates", csv=str(source), out=str(tmp_path / "o.csv"))


def test_repeated_record_ids_are_refused_with_the_line(tmp_path):
    source = write_csv(tmp_path / "in.csv", [HEADER, ROWS[0], ROWS[0]])

    with pytest.raises(CommandError, match="line 3: record_id c1 appears twice"):
        call_command("find_duplicates", csv=str(source), out=str(tmp_path / "o.csv"))


def test_errors_end_the_process_with_a_non_zero_exit_code(tmp_path):
    result = subprocess.run(  # noqa: S603 - our own entry point, fixed arguments
        [
            str(KNOTENPUNKT),
            "find-duplicates",
            "--csv",
            str(tmp_path / "nope.csv"),
            "--out",
            str(tmp_path / "o.csv"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    assert "Input file not found" in result.stderr


def test_record_ids_that_look_like_formulas_are_written_as_text(tmp_path):
    rows = [row.replace("c1,", "=c1,", 1).replace("e7,", "@e7,", 1) for row in ROWS]
    source = write_csv(tmp_path / "in.csv", [HEADER, *rows])
    out = tmp_path / "pairs.csv"

    call_command("find_duplicates", csv=str(source), out=str(out))

    assert read_pairs(out)[1][:2] == ["'=c1", "'@e7"]
