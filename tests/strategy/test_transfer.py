"""Export and import of the strategy tree in one format both ways: an exported file
imports unchanged, and a file with bad rows is refused as a whole, each problem named by
row and column."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from knotenpunkt.core.models import AuditEntry
from knotenpunkt.imports.reading import read_table
from knotenpunkt.strategy.models import Activity, FieldOfAction, Goal, Result, ResultTarget
from knotenpunkt.strategy.services.transfer import (
    COLUMNS,
    apply_plan,
    check_table,
    export_csv,
    export_xlsx,
)
from knotenpunkt.strategy.services.tree import link_object
from tests.factories import EventFactory

HEADER = [h for _k, h in COLUMNS]


def _plan(data: bytes, file_format: str):
    return check_table(read_table(io.BytesIO(data), file_format))


def _tree_as_data(cluster):
    """Everything of a tree but its ids and cluster, to compare two trees."""
    return [
        (
            f.title,
            f.description,
            f.order,
            [
                (
                    g.title,
                    g.description,
                    g.priority,
                    g.start_year,
                    g.end_year,
                    sorted(k.key for k in g.kpis.all()),
                    [
                        (
                            a.title,
                            a.description,
                            a.status,
                            a.responsible,
                            [
                                (
                                    r.title,
                                    r.kind,
                                    r.unit,
                                    r.status,
                                    r.kpi_id,
                                    r.counted,
                                    sorted((t.year, t.target) for t in r.targets.all()),
                                )
                                for r in a.results.all()
                            ],
                        )
                        for a in g.activities.all()
                    ],
                )
                for g in f.goals.all()
            ],
        )
        for f in FieldOfAction.objects.filter(cluster=cluster)
    ]


def test_a_csv_export_imports_into_an_empty_cluster_as_the_same_tree(
    alice, cluster, other_cluster, tree
):
    exported = export_csv(cluster)
    plan = _plan(exported, "csv")
    assert plan.is_valid, [str(p) for p in plan.problems]
    apply_plan(alice, other_cluster, plan)
    assert _tree_as_data(other_cluster) == _tree_as_data(cluster)
    assert export_csv(other_cluster) == exported


def test_an_xlsx_export_imports_into_an_empty_cluster_as_the_same_tree(
    alice, cluster, other_cluster, tree
):
    plan = _plan(export_xlsx(cluster), "xlsx")
    assert plan.is_valid, [str(p) for p in plan.problems]
    apply_plan(alice, other_cluster, plan)
    assert _tree_as_data(other_cluster) == _tree_as_data(cluster)
    assert export_csv(other_cluster) == export_csv(cluster)


def test_csv_and_xlsx_have_the_same_columns(cluster, tree):
    csv_table = read_table(io.BytesIO(export_csv(cluster)), "csv")
    xlsx_table = read_table(io.BytesIO(export_xlsx(cluster)), "xlsx")
    assert csv_table.headers == xlsx_table.headers
    assert csv_table.headers[: len(HEADER)] == HEADER
    assert csv_table.headers[len(HEADER) :] == ["Soll 2025", "Soll 2026", "Soll 2027"]
    width = len(HEADER)
    assert [c[:width] for _n, c in csv_table.rows] == [c[:width] for _n, c in xlsx_table.rows]
    # Targets: German decimal comma in the CSV, numbers in the workbook.
    assert csv_table.rows[0][1][width:] == ["4", "6,5", "8"]
    assert xlsx_table.rows[0][1][width:] == ["4", "6.5", "8"]


def test_re_importing_an_export_into_its_own_cluster_changes_nothing(alice, cluster, tree):
    before = _tree_as_data(cluster)
    summary = apply_plan(alice, cluster, _plan(export_csv(cluster), "csv"))
    assert (summary.created, summary.changed) == (0, 0)
    assert _tree_as_data(cluster) == before


def test_an_edited_export_changes_what_differs_and_keeps_the_links(alice, cluster, tree):
    activity = Activity.objects.get(title="KI-Sprechstunden")
    link_object(alice, activity, "event", EventFactory(clusters=[cluster]).pk)
    text = export_csv(cluster).decode("utf-8-sig").replace(";hoch;", ";mittel;")
    summary = apply_plan(alice, cluster, _plan(text.encode(), "csv"))
    assert summary.changed == 1
    assert Goal.objects.get(title="KI im Mittelstand verankern").priority == "medium"
    assert activity.links.count() == 1


def _workbook(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER + ["Soll 2026"])
    for row in rows:
        sheet.append(row + [""] * (len(HEADER) + 1 - len(row)))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _row(**cells):
    keys = [k for k, _h in COLUMNS] + ["target_2026"]
    return [cells.get(k, "") for k in keys]


def test_bad_rows_are_named_by_row_and_column_and_nothing_is_imported(alice, other_cluster):
    data = _workbook(
        [
            _row(field="Fachkräfte", goal="Ausbildung", priority="hoch", activity="Messe"),
            _row(field="Fachkräfte", goal="Studium", priority="dringend"),
            _row(field="", goal="Ohne Feld"),
            _row(field="Fachkräfte", goal="Zurück", start_year="2027", end_year="2025"),
            _row(
                field="Fachkräfte",
                goal="Ausbildung",
                priority="hoch",
                activity="Messe",
                result="Besucher",
                target_2026="viele",
            ),
        ]
    )
    with translation.override("en"):
        plan = _plan(data, "xlsx")
        problems = [str(p) for p in plan.problems]
    assert problems == [
        "Row 3, column “Priorität”: “dringend” is not one of: hoch, mittel, null.",
        "Row 4, column “Handlungsfeld”: a field of action needs a title.",
        "Row 5, column “bis Jahr”: the goal ends (2025) before it starts (2027).",
        "Row 6, column “Soll 2026”: “viele” is no number of zero or more.",
    ]
    with pytest.raises(Exception):  # noqa: B017 - refused as a whole
        apply_plan(alice, other_cluster, plan)
    assert not FieldOfAction.objects.filter(cluster=other_cluster).exists()


def test_a_repeated_parent_that_says_something_else_is_a_problem(db):
    data = _workbook(
        [
            _row(field="Fachkräfte", field_description="A", goal="Ausbildung"),
            _row(field="Fachkräfte", field_description="B", goal="Studium"),
        ]
    )
    with translation.override("en"):
        problems = [str(p) for p in _plan(data, "xlsx").problems]
    assert problems == [
        "Row 3, column “Handlungsfeld Beschreibung”: differs from row 2, where "
        "“Fachkräfte” first appears."
    ]


def test_a_file_without_the_columns_of_the_format_is_refused(db):
    data = "Titel;Priorität\nA;hoch\n".encode()
    with translation.override("en"):
        problems = [str(p) for p in _plan(data, "csv").problems]
    assert "Column “Titel”: unknown column." in problems
    assert "Column “Handlungsfeld”: the column is missing." in problems


def test_the_import_page_previews_then_applies(client_for, alice, cluster, other_cluster, tree):
    other_cluster.staff.add(alice)
    client = client_for(alice)
    upload = SimpleUploadedFile("strategie.csv", export_csv(cluster), content_type="text/csv")
    url = reverse("strategy:import", args=["logistik"])
    preview = client.post(url, {"file": upload})
    assert preview.status_code == 200
    assert preview.context["summary"].created == 8
    assert not FieldOfAction.objects.filter(cluster=other_cluster).exists()
    done = client.post(url, {"table": preview.context["table"]})
    assert done.status_code == 302
    assert _tree_as_data(other_cluster) == _tree_as_data(cluster)
    assert AuditEntry.objects.filter(action="strategy.tree.imported").exists()


def test_the_import_page_shows_the_problems_and_imports_nothing(client_for, alice, cluster):
    data = _workbook([_row(field="Fachkräfte", goal="Studium", priority="dringend")])
    upload = SimpleUploadedFile("strategie.xlsx", data)
    response = client_for(alice).post(
        reverse("strategy:import", args=["diwish"]), {"file": upload}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "Row 2, column “Priorität”" in response.content.decode()
    assert "table" not in response.context
    assert not FieldOfAction.objects.exists()


def test_a_forged_preview_is_not_imported(client_for, alice, cluster):
    response = client_for(alice).post(
        reverse("strategy:import", args=["diwish"]), {"table": "forged"}
    )
    assert response.status_code == 302
    assert not FieldOfAction.objects.exists()


def test_the_xlsx_export_keeps_formula_like_text_as_text(cluster, tree):
    workbook = load_workbook(io.BytesIO(export_xlsx(cluster)))
    cells = [c for row in workbook.active.iter_rows() for c in row]
    goal_description = next(c for c in cells if str(c.value).startswith("=Formel"))
    assert goal_description.data_type == "s"


def test_export_downloads_csv_and_xlsx(client_for, alice, tree):
    client = client_for(alice)
    csv = client.get(reverse("strategy:export_csv", args=["diwish"]))
    assert csv["Content-Type"].startswith("text/csv")
    assert b"KI im Mittelstand verankern" in csv.content
    xlsx = client.get(reverse("strategy:export_xlsx", args=["diwish"]))
    assert xlsx.status_code == 200
    assert "attachment" in xlsx["Content-Disposition"]


def test_targets_and_results_count(cluster, tree):
    assert ResultTarget.objects.count() == 3
    assert Result.objects.count() == 2
