"""The strategy tree as a table, in one format both ways (CSV and XLSX).

One row per output or result; an activity without results, a goal without activities and
a field of action without goals get a row of their own with the columns below them
empty. Each row repeats its parents' columns. Targets sit in one column per year
("Soll 2026"). Words in the file (priority, status, kind) are fixed German words, so a
file reads the same whatever the language of the person who exported it.

An exported file imports unchanged: importing matches fields of action, goals,
activities and results by title within their parent, changes what differs, adds what is
new and removes nothing. A file with any bad row is refused as a whole, each problem
named by row and column.
"""

import io
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import log_action
from knotenpunkt.core.csv_export import csv_writer
from knotenpunkt.core.spreadsheets import xlsx_table
from knotenpunkt.directory.models import Cluster
from knotenpunkt.imports.reading import Table, check_upload, read_table
from knotenpunkt.imports.rows import (
    Problem,
    RowReader,
    column_positions,
    decimal_text,
    parse_decimal,
)
from knotenpunkt.kpis.models import Kpi
from knotenpunkt.strategy.models import (
    Activity,
    FieldOfAction,
    Goal,
    Result,
    ResultTarget,
)
from knotenpunkt.strategy.services.links import FIGURES

# (key, header in the file); the headers are the format, never translated.
COLUMNS = [
    ("field", "Handlungsfeld"),
    ("field_description", "Handlungsfeld Beschreibung"),
    ("goal", "Ziel"),
    ("goal_description", "Ziel Beschreibung"),
    ("priority", "Priorität"),
    ("start_year", "von Jahr"),
    ("end_year", "bis Jahr"),
    ("goal_kpis", "Ziel Kennzahlen"),
    ("activity", "Aktivität"),
    ("activity_description", "Aktivität Beschreibung"),
    ("activity_status", "Aktivität Status"),
    ("responsible", "Verantwortlich"),
    ("result", "Ergebnis"),
    ("result_kind", "Ergebnis Art"),
    ("unit", "Einheit"),
    ("result_status", "Ergebnis Status"),
    ("kpi", "Ergebnis Kennzahl"),
    ("counted", "Ergebnis gezählt aus"),
]
HEADER = dict(COLUMNS)
TARGET_HEADER = "Soll {year}"
TARGET_PATTERN = re.compile(r"^Soll (\d{4})$")

# The words of the file for each choice (first: what the export writes; then what the
# import also accepts).
PRIORITY_WORDS = {
    Goal.Priority.HIGH: ["hoch", "high"],
    Goal.Priority.MEDIUM: ["mittel", "medium"],
    Goal.Priority.ZERO: ["null", "zero"],
}
ACTIVITY_STATUS_WORDS = {
    Activity.Status.PLANNED: ["geplant", "planned"],
    Activity.Status.RUNNING: ["laufend", "läuft", "running"],
    Activity.Status.DONE: ["erledigt", "done"],
    Activity.Status.STOPPED: ["gestoppt", "stopped"],
}
RESULT_KIND_WORDS = {
    Result.Kind.OUTPUT: ["Output"],
    Result.Kind.RESULT: ["Ergebnis", "result"],
}
RESULT_STATUS_WORDS = {
    Result.Status.OPEN: ["offen", "open"],
    Result.Status.ON_TRACK: ["im Plan", "on track", "on_track"],
    Result.Status.AT_RISK: ["gefährdet", "at risk", "at_risk"],
    Result.Status.ACHIEVED: ["erreicht", "achieved"],
    Result.Status.MISSED: ["verfehlt", "missed"],
}


def _word(words: dict, value) -> str:
    return words[value][0]


# --- export -------------------------------------------------------------------------------


def table_rows(cluster: Cluster | None) -> tuple[list[str], list[list]]:
    """The header and the rows of `cluster`'s tree (None: the shared tree)."""
    from knotenpunkt.strategy.services.tree import tree_nodes

    fields = list(tree_nodes(cluster))
    results = [
        r
        for f in fields
        for g in f.goals.all()
        for a in g.activities.all()
        for r in a.results.all()
    ]
    years = sorted({t.year for r in results for t in r.targets.all()})
    header = [h for _k, h in COLUMNS] + [TARGET_HEADER.format(year=y) for y in years]
    rows = []
    empty_targets = [None] * len(years)
    for foa in fields:
        field_cells = [foa.title, foa.description]
        goals = list(foa.goals.all())
        if not goals:
            rows.append(field_cells + [""] * (len(COLUMNS) - 2) + empty_targets)
        for goal in goals:
            goal_cells = [
                goal.title,
                goal.description,
                _word(PRIORITY_WORDS, goal.priority),
                goal.start_year,
                goal.end_year,
                ", ".join(sorted(k.key for k in goal.kpis.all())),
            ]
            activities = list(goal.activities.all())
            if not activities:
                rows.append(field_cells + goal_cells + [""] * 10 + empty_targets)
            for activity in activities:
                activity_cells = [
                    activity.title,
                    activity.description,
                    _word(ACTIVITY_STATUS_WORDS, activity.status),
                    activity.responsible,
                ]
                results = list(activity.results.all())
                if not results:
                    rows.append(
                        field_cells + goal_cells + activity_cells + [""] * 6 + empty_targets
                    )
                for result in results:
                    targets = {t.year: t.target for t in result.targets.all()}
                    result_cells = [
                        result.title,
                        _word(RESULT_KIND_WORDS, result.kind),
                        result.unit,
                        _word(RESULT_STATUS_WORDS, result.status),
                        result.kpi.key if result.kpi_id else "",
                        result.counted,
                    ]
                    rows.append(
                        field_cells
                        + goal_cells
                        + activity_cells
                        + result_cells
                        + [targets.get(y) for y in years]
                    )
    return header, rows


def export_csv(cluster: Cluster | None) -> bytes:
    """The tree as CSV (UTF-8 with BOM, semicolons, as German Excel reads it)."""
    header, rows = table_rows(cluster)
    out = io.StringIO(newline="")
    writer = csv_writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(
            ["" if v is None else decimal_text(v) if isinstance(v, Decimal) else v for v in row]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def export_xlsx(cluster: Cluster | None) -> bytes:
    """The tree as an Excel workbook with the same columns as the CSV."""
    header, rows = table_rows(cluster)
    return xlsx_table("Strategie", header, rows)


# --- import: read and check ---------------------------------------------------------------


@dataclass
class Node:
    title: str
    row: int
    values: dict
    children: dict = field(default_factory=dict)


@dataclass
class ImportPlan:
    fields: dict[str, Node]
    problems: list[Problem]
    rows: int = 0

    @property
    def is_valid(self) -> bool:
        return not self.problems


# The column each value of a node is read from, to name it when rows disagree.
VALUE_COLUMNS = {
    "field": {"description": "field_description"},
    "goal": {
        "description": "goal_description",
        "priority": "priority",
        "start_year": "start_year",
        "end_year": "end_year",
        "kpis": "goal_kpis",
    },
    "activity": {
        "description": "activity_description",
        "status": "activity_status",
        "responsible": "responsible",
    },
}


def _same(node: Node, values: dict, reader: RowReader, level: str) -> None:
    """A parent repeated on later rows must say the same as on its first row."""
    for key, value in values.items():
        if node.values.get(key) != value:
            reader.problem(
                VALUE_COLUMNS[level][key],
                _("differs from row %(row)s, where “%(title)s” first appears.")
                % {"row": node.row, "title": node.title},
            )


def check_table(table: Table) -> ImportPlan:
    """The tree the table describes, or the problems that keep it from being imported."""
    years = {}

    def target_column(index, header) -> bool:
        if match := TARGET_PATTERN.match(header):
            years[index] = int(match.group(1))
            return True
        return False

    positions, problems = column_positions(table.headers, COLUMNS, other=target_column)
    if problems:
        return ImportPlan({}, problems)

    kpis = set(Kpi.objects.values_list("key", flat=True))
    fields: dict[str, Node] = {}
    for number, cells in table.rows:
        if len(cells) > len(table.headers):
            problems.append(Problem(number, "", _("the row has more cells than columns.")))
            continue
        row = RowReader(number, cells, positions, problems, HEADER)
        title = row.text("field", 200)
        if not title:
            row.problem("field", _("a field of action needs a title."))
            continue
        values = {"description": row.text("field_description")}
        node = fields.get(title)
        if node is None:
            node = fields[title] = Node(title, number, values)
        else:
            _same(node, values, row, "field")
        goal_node = _goal(row, node, kpis)
        activity_node = _activity(row, goal_node) if goal_node else None
        if activity_node is None and goal_node is not None:
            _nothing_below(
                row,
                ["result", "result_kind", "unit", "result_status", "kpi", "counted"],
                _("a result needs an activity."),
            )
        if goal_node is None:
            _nothing_below(
                row,
                ["activity", "activity_description", "responsible", "result"],
                _("an activity needs a goal."),
            )
        if activity_node is not None:
            _result(row, activity_node, kpis, years)
        elif any(cells[i] for i in years):
            row.problem("result", _("targets need a result."))
    return ImportPlan(fields, problems, rows=len(table.rows))


def _nothing_below(row: RowReader, keys, message) -> None:
    for key in keys:
        if row.text(key):
            row.problem(key, message)
            return


def _goal(row: RowReader, parent: Node, kpis: set[str]) -> Node | None:
    title = row.text("goal", 200)
    if not title:
        if any(
            row.text(k)
            for k in ("goal_description", "priority", "start_year", "end_year", "goal_kpis")
        ):
            row.problem("goal", _("a goal needs a title."))
        return None
    start, end = row.year("start_year"), row.year("end_year")
    if start is not None and end is not None and end < start:
        row.problem(
            "end_year",
            _("the goal ends (%(end)s) before it starts (%(start)s).")
            % {"end": end, "start": start},
        )
    keys = sorted({k.strip() for k in row.text("goal_kpis").split(",") if k.strip()})
    for key in keys:
        if key not in kpis:
            row.problem("goal_kpis", _("there is no KPI “%(key)s”.") % {"key": key})
    values = {
        "description": row.text("goal_description"),
        "priority": row.choice("priority", PRIORITY_WORDS, Goal.Priority.MEDIUM),
        "start_year": start,
        "end_year": end,
        "kpis": keys,
    }
    return _child(row, parent, title, values, "goal")


def _activity(row: RowReader, parent: Node) -> Node | None:
    title = row.text("activity", 200)
    if not title:
        if any(row.text(k) for k in ("activity_description", "activity_status", "responsible")):
            row.problem("activity", _("an activity needs a title."))
        return None
    values = {
        "description": row.text("activity_description"),
        "status": row.choice("activity_status", ACTIVITY_STATUS_WORDS, Activity.Status.PLANNED),
        "responsible": row.text("responsible", 200),
    }
    return _child(row, parent, title, values, "activity")


def _result(row: RowReader, parent: Node, kpis: set[str], years: dict[int, int]) -> None:
    title = row.text("result", 200)
    if not title:
        if any(
            row.text(k) for k in ("result_kind", "unit", "result_status", "kpi", "counted")
        ) or any(row.cells[i] for i in years):
            row.problem("result", _("a result needs a title."))
        return
    kpi = row.text("kpi")
    if kpi and kpi not in kpis:
        row.problem("kpi", _("there is no KPI “%(key)s”.") % {"key": kpi})
    counted = row.text("counted")
    if counted and counted not in FIGURES:
        row.problem(
            "counted",
            _("“%(value)s” is not one of: %(allowed)s.")
            % {"value": counted, "allowed": ", ".join(FIGURES)},
        )
    targets = {}
    for index, year in years.items():
        text = row.cells[index]
        if not text:
            continue
        number = parse_decimal(text)
        if number is None or number < 0 or number >= Decimal("1e12"):
            row.problems.append(
                Problem(
                    row.number,
                    TARGET_HEADER.format(year=year),
                    _("“%(value)s” is no number of zero or more.") % {"value": text},
                )
            )
        else:
            targets[year] = number.quantize(Decimal("0.01"))
    values = {
        "kind": row.choice("result_kind", RESULT_KIND_WORDS, Result.Kind.OUTPUT),
        "unit": row.text("unit", 50),
        "status": row.choice("result_status", RESULT_STATUS_WORDS, Result.Status.OPEN),
        "kpi": kpi,
        "counted": counted,
        "targets": targets,
    }
    if title in parent.children:
        row.problem(
            "result",
            _("“%(title)s” appears twice under the same activity (rows %(first)s and %(row)s).")
            % {"title": title, "first": parent.children[title].row, "row": row.number},
        )
        return
    parent.children[title] = Node(title, row.number, values)


def _child(row, parent: Node, title: str, values: dict, level: str) -> Node:
    node = parent.children.get(title)
    if node is None:
        node = parent.children[title] = Node(title, row.number, values)
    else:
        _same(node, values, row, level)
    return node


def read_upload(upload) -> ImportPlan:
    """Check an uploaded CSV or XLSX file; unreadable files raise ValidationError."""
    file_format = check_upload(upload)
    return check_table(read_table(upload, file_format))


def table_data(table: Table) -> dict:
    """The table as plain data (to carry it from the preview to the import)."""
    return {"headers": table.headers, "rows": table.rows}


def table_from_data(data: dict) -> Table:
    return Table(headers=list(data["headers"]), rows=[(n, list(c)) for n, c in data["rows"]])


# --- import: apply ------------------------------------------------------------------------


@dataclass
class Summary:
    created: int = 0
    changed: int = 0
    unchanged: int = 0


def _upsert(model, lookup: dict, values: dict, summary: Summary, dry_run: bool):
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        summary.created += 1
        if dry_run:
            return None
        instance = model(**lookup, **values)
        instance.full_clean()
        instance.save()
        return instance
    if any(getattr(instance, k) != v for k, v in values.items()):
        summary.changed += 1
        if dry_run:
            return instance
        for k, v in values.items():
            setattr(instance, k, v)
        instance.full_clean()
        instance.save()
    else:
        summary.unchanged += 1
    return instance


def apply_plan(actor, cluster: Cluster | None, plan: ImportPlan, *, dry_run=False) -> Summary:
    """Write the plan into `cluster`'s tree (None: shared): all of it or, on any error,
    nothing. With `dry_run`, only count what would be created and changed."""
    if not plan.is_valid:
        raise ValidationError([str(p) for p in plan.problems])
    summary = Summary()
    kpis = {k.key: k for k in Kpi.objects.all()}
    with transaction.atomic():
        for f_order, (f_title, f_node) in enumerate(plan.fields.items()):
            foa = _upsert(
                FieldOfAction,
                {"cluster": cluster, "title": f_title},
                {"description": f_node.values["description"], "order": f_order},
                summary,
                dry_run,
            )
            for g_order, (g_title, g_node) in enumerate(f_node.children.items()):
                values = {k: v for k, v in g_node.values.items() if k != "kpis"}
                before, created_before = summary.changed, summary.created
                goal = _upsert(
                    Goal,
                    {"field": foa, "title": g_title} if foa else {"pk": None},
                    {**values, "order": g_order},
                    summary,
                    dry_run,
                )
                wanted = g_node.values["kpis"]
                if goal is not None and goal.pk is not None:
                    held = sorted(goal.kpis.values_list("key", flat=True))
                    if held != wanted:
                        existed = summary.created == created_before
                        if existed and summary.changed == before:
                            summary.changed, summary.unchanged = before + 1, summary.unchanged - 1
                        if not dry_run:
                            goal.kpis.set([kpis[k] for k in wanted])
                for a_order, (a_title, a_node) in enumerate(g_node.children.items()):
                    activity = _upsert(
                        Activity,
                        {"goal": goal, "title": a_title} if goal else {"pk": None},
                        {**a_node.values, "order": a_order},
                        summary,
                        dry_run,
                    )
                    for r_order, (r_title, r_node) in enumerate(a_node.children.items()):
                        _import_result(activity, r_title, r_node, r_order, kpis, summary, dry_run)
        if not dry_run:
            log_action(
                actor,
                "strategy.tree.imported",
                cluster,
                created=summary.created,
                changed=summary.changed,
            )
    return summary


def _import_result(activity, title, node, order, kpis, summary, dry_run) -> None:
    values = {k: v for k, v in node.values.items() if k not in ("kpi", "targets")}
    values["kpi"] = kpis.get(node.values["kpi"])
    targets = node.values["targets"]
    existing = Result.objects.filter(activity=activity, title=title).first() if activity else None
    same_targets = (
        existing is not None and {t.year: t.target for t in existing.targets.all()} == targets
    )
    before = summary.changed
    result = _upsert(
        Result,
        {"activity": activity, "title": title} if activity else {"pk": None},
        {**values, "order": order},
        summary,
        dry_run,
    )
    if existing is not None and not same_targets and summary.changed == before:
        summary.changed += 1
        summary.unchanged -= 1
    if result is not None and not dry_run and not same_targets:
        result.targets.all().delete()
        ResultTarget.objects.bulk_create(
            ResultTarget(result=result, year=year, target=target)
            for year, target in sorted(targets.items())
        )
