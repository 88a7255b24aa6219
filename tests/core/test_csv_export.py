"""The one CSV writer: formula cells are neutralised, numbers stay numbers, and no module
writes CSV around it."""

import ast
import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from knotenpunkt.core.csv_export import csv_writer, neutralise
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

SRC = Path(__file__).resolve().parents[2] / "src" / "knotenpunkt"


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("https://evil.example","Klick")', "+49 431 123456", "@SUM(A1:A9)", "-1+1"],
)
def test_text_that_a_spreadsheet_would_evaluate_gets_a_leading_apostrophe(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["\tcmd", "\r=1+1"])
def test_text_starting_with_a_tab_or_carriage_return_is_neutralised(text):
    assert neutralise(text) == "'" + text


def test_plain_text_is_written_as_it_is():
    assert neutralise("Nordlicht Software GmbH") == "Nordlicht Software GmbH"


def test_amounts_stay_numbers_even_when_negative():
    out = io.StringIO()
    csv_writer(out, delimiter=";").writerow([Decimal("-12.50"), -3, 0.5, "-3"])
    assert out.getvalue().strip() == "-12.50;-3;0.5;'-3"


def _csv_writer_calls(tree):
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in {"writer", "DictWriter"}
            and isinstance(node.value, ast.Name)
            and node.value.id == "csv"
        ):
            yield node.lineno
        if isinstance(node, ast.ImportFrom) and node.module == "csv":
            for alias in node.names:
                if alias.name in {"writer", "DictWriter"}:
                    yield node.lineno


def test_no_module_writes_csv_around_the_one_writer():
    offenders = []
    for path in SRC.rglob("*.py"):
        if path == SRC / "core" / "csv_export.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        offenders += [f"{path.relative_to(SRC)}:{line}" for line in _csv_writer_calls(tree)]
    assert offenders == [], "use knotenpunkt.core.csv_export.csv_writer instead"


def test_admin_csv_export_neutralises_an_organisation_named_like_a_formula(client, cluster):
    platform_admin = UserFactory(email="root@example.org", is_staff=True, is_superuser=True)
    org = OrganisationFactory(name='=HYPERLINK("https://evil.example","Klick")')
    MembershipFactory(organisation=org, cluster=cluster)
    client.force_login(platform_admin)
    response = client.post(
        reverse("admin:directory_organisation_changelist"),
        {"action": "export_as_csv", "_selected_action": [org.pk]},
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][0] == "'" + org.name
