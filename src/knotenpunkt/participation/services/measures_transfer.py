"""The measures table as a file, in one format both ways (CSV and XLSX), to seed a
workshop with the measures already implemented or planned and to take its result away.

One row per measure; a mission without measures and a field of action that heads no
mission get a row of their own with the columns to the right empty. The headers and the
words for choices (status, time horizon, origin, yes/no) are fixed German words, so a file
reads the same whatever the language of whoever exported it. Lists in one cell (the
fields of action of a cross-cutting mission, the goals of a measure) are separated by
"|".

Importing matches fields of action, missions, goals and measures by title within the
process, changes what differs, adds what is new and removes nothing. A file with any
bad row is refused as a whole, each problem named by row and column.
"""

import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from knotenpunkt.core.audit import log_action
from knotenpunkt.core.csv_export import csv_writer
from knotenpunkt.core.spreadsheets import xlsx_table
from knotenpunkt.directory.models import Organisation
from knotenpunkt.imports.reading import Table, check_upload, read_table
from knotenpunkt.imports.rows import (
    Problem,
    RowReader,
    column_positions,
    decimal_text,
    parse_decimal,
)
from knotenpunkt.participation.models import (
    FieldOfAction,
    Measure,
    Mission,
    Process,
    ProcessGoal,
)
from knotenpunkt.participation.models.measures import LIST_SEPARATOR

# (key, header in the file); the headers are the format, never translated.
COLUMNS = [
    ("fields", "Handlungsfelder"),
    ("mission", "Mission"),
    ("cross_cutting", "Querschnittsthema"),
    ("mission_description", "Mission Beschreibung"),
    ("measure", "Maßnahme"),
    ("description", "Beschreibung"),
    ("goals", "Ziele"),
    ("horizon", "Zeithorizont"),
    ("target_year", "Zieljahr"),
    ("success_criteria", "Erfolgskriterien"),
    ("owner", "Verantwortlich"),
    ("owner_organisation", "Verantwortliche Organisation"),
    ("cost", "Kosten (EUR)"),
    ("status", "Status"),
    ("origin", "Herkunft"),
]
HEADER = dict(COLUMNS)
MEASURE_KEYS = [k for k, _h in COLUMNS[4:]]

# The words of the file for each choice (first: what the export writes; then what the
# import also accepts).
HORIZON_WORDS = {
    Measure.Horizon.SHORT: ["kurzfristig", "short"],
    Measure.Horizon.MEDIUM: ["mittelfristig", "medium"],
    Measure.Horizon.LONG: ["langfristig", "long"],
}
STATUS_WORDS = {
    Measure.Status.IDEA: ["Idee", "idea"],
    Measure.Status.PLANNED: ["geplant", "planned"],
    Measure.Status.IMPLEMENTED: ["umgesetzt", "implemented"],
}
ORIGIN_WORDS = {
    Measure.Origin.WORKSHOP: ["Workshop"],
    Measure.Origin.IMPORTED: ["Bestand", "importiert", "imported"],
}
YES_WORDS = {True: ["ja", "yes", "x"], False: ["nein", "no"]}
JOIN = f" {LIST_SEPARATOR} "


def _word(words: dict, value) -> str:
    return words[value][0] if value else ""


def _split(text: str) -> list[str]:
    seen = []
    for part in text.split(LIST_SEPARATOR):
        part = part.strip()
        if part and part not in seen:
            seen.append(part)
    return seen


# --- export -------------------------------------------------------------------------------


def table_rows(process: Process) -> tuple[list[str], list[list]]:
    """The header and the rows of the process's measures table."""
    fields = list(process.fields_of_action.all())
    field_rank = {f.pk: i for i, f in enumerate(fields)}
    missions = list(
        Mission.objects.filter(process=process).prefetch_related(
            "fields_of_action",
            "measures__goals",
            "measures__owner_organisation",
        )
    )

    def mission_fields(mission):
        return sorted(mission.fields_of_action.all(), key=lambda f: field_rank[f.pk])

    by_first_field: dict[int, list[Mission]] = {f.pk: [] for f in fields}
    for mission in missions:
        first = mission_fields(mission)
        if first:
            by_first_field[first[0].pk].append(mission)
    rows = []
    empty_measure = [""] * len(MEASURE_KEYS)
    for foa in fields:
        heads = sorted(by_first_field[foa.pk], key=lambda m: (m.order, m.title.lower(), m.pk))
        if not heads:
            rows.append([foa.title, "", "", ""] + empty_measure)
        for mission in heads:
            mission_cells = [
                JOIN.join(f.title for f in mission_fields(mission)),
                mission.title,
                _word(YES_WORDS, True) if mission.is_cross_cutting else _word(YES_WORDS, False),
                mission.description,
            ]
            measures = sorted(mission.measures.all(), key=lambda m: (m.title.lower(), m.pk))
            if not measures:
                rows.append(mission_cells + empty_measure)
            for measure in measures:
                rows.append(
                    mission_cells
                    + [
                        measure.title,
                        measure.description,
                        JOIN.join(sorted((g.title for g in measure.goals.all()), key=str.lower)),
                        _word(HORIZON_WORDS, measure.horizon),
                        measure.target_year,
                        measure.success_criteria,
                        measure.owner,
                        measure.owner_organisation.slug if measure.owner_organisation_id else "",
                        measure.cost_estimate,
                        _word(STATUS_WORDS, measure.status),
                        _word(ORIGIN_WORDS, measure.origin),
                    ]
                )
    return [h for _k, h in COLUMNS], rows


def export_csv(process: Process) -> bytes:
    """The table as CSV (UTF-8 with BOM, semicolons, as German Excel reads it); text
    cells go through the platform's CSV writer, which neutralises formulas."""
    header, rows = table_rows(process)
    out = io.StringIO(newline="")
    writer = csv_writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(
            ["" if v is None else decimal_text(v) if isinstance(v, Decimal) else v for v in row]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def export_xlsx(process: Process) -> bytes:
    """The table as an Excel workbook with the same columns as the CSV."""
    header, rows = table_rows(process)
    return xlsx_table("Maßnahmen", header, rows)


# --- import: read and check ---------------------------------------------------------------


@dataclass
class MissionPlan:
    title: str
    row: int
    fields: list[str]
    cross_cutting: bool
    description: str
    measures: dict[str, dict] = field(default_factory=dict)


@dataclass
class ImportPlan:
    fields: list[str]  # in the order of the file
    missions: dict[str, MissionPlan]
    problems: list[Problem]
    rows: int = 0

    @property
    def is_valid(self) -> bool:
        return not self.problems


class _RowReader(RowReader):
    """The shared row reader, and goals or fields of action listed in one cell."""

    def titles(self, key) -> list[str]:
        titles = _split(self.text(key))
        for title in titles:
            if len(title) > 200:
                self.problem(key, _("at most %(n)s characters.") % {"n": 200})
        return titles


def _measure_values(row: _RowReader, organisations: dict[str, int]) -> dict:
    year = row.year("target_year", 2000, 2100)
    cost_text, cost = row.text("cost"), None
    if cost_text:
        cost = parse_decimal(cost_text)
        if cost is None or cost < 0 or cost >= Decimal("1e10"):
            row.problem(
                "cost", _("“%(value)s” is no amount of zero or more.") % {"value": cost_text}
            )
            cost = None
        else:
            cost = cost.quantize(Decimal("0.01"))
    slug = row.text("owner_organisation")
    if slug and slug not in organisations:
        row.problem(
            "owner_organisation",
            _("there is no organisation with the short address “%(slug)s”.") % {"slug": slug},
        )
    return {
        "description": row.text("description"),
        "goals": row.titles("goals"),
        "horizon": row.choice("horizon", HORIZON_WORDS, ""),
        "target_year": year,
        "success_criteria": row.text("success_criteria"),
        "owner": row.text("owner", 200),
        "owner_organisation": organisations.get(slug),
        "cost_estimate": cost,
        "status": row.choice("status", STATUS_WORDS, Measure.Status.IDEA),
        "origin": row.choice("origin", ORIGIN_WORDS, Measure.Origin.IMPORTED),
    }


def check_table(table: Table) -> ImportPlan:
    """The table the file describes, or the problems that keep it from being imported."""
    positions, problems = column_positions(table.headers, COLUMNS)
    if problems:
        return ImportPlan([], {}, problems)

    slugs = {
        cells[positions["owner_organisation"]]
        for _n, cells in table.rows
        if len(cells) > positions["owner_organisation"]
    } - {""}
    organisations = dict(Organisation.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    fields: list[str] = []
    secondary: list[str] = []
    missions: dict[str, MissionPlan] = {}
    measure_rows: dict[str, int] = {}
    for number, cells in table.rows:
        if len(cells) > len(table.headers):
            problems.append(Problem(number, "", _("the row has more cells than columns.")))
            continue
        row = _RowReader(number, cells, positions, problems, HEADER)
        row_fields = row.titles("fields")
        if row_fields and row_fields[0] not in fields:
            fields.append(row_fields[0])
        secondary.extend(f for f in row_fields[1:] if f not in secondary)
        mission_title = row.text("mission", 200)
        measure_title = row.text("measure", 200)
        if not mission_title:
            if measure_title:
                row.problem(
                    "mission",
                    _("every measure belongs to exactly one mission; this row names none."),
                )
            elif any(row.text(k) for k in ["cross_cutting", "mission_description", *MEASURE_KEYS]):
                row.problem("mission", _("a mission needs a title."))
            elif not row_fields:
                row.problem("fields", _("the row names no field of action."))
            continue
        if not row_fields:
            row.problem("fields", _("a mission lies in a field of action; this row names none."))
        cross_cutting = row.choice("cross_cutting", YES_WORDS, False)
        if len(row_fields) > 1 and not cross_cutting:
            row.problem(
                "fields",
                _(
                    "only a cross-cutting theme spans several fields of action "
                    "(“ja” in column “%(column)s”)."
                )
                % {"column": HEADER["cross_cutting"]},
            )
        description = row.text("mission_description")
        plan = missions.get(mission_title)
        if plan is None:
            plan = missions[mission_title] = MissionPlan(
                mission_title, number, row_fields, cross_cutting, description
            )
        else:
            for key, mine, theirs in [
                ("fields", row_fields, plan.fields),
                ("cross_cutting", cross_cutting, plan.cross_cutting),
                ("mission_description", description, plan.description),
            ]:
                if mine != theirs:
                    row.problem(
                        key,
                        _("differs from row %(row)s, where “%(title)s” first appears.")
                        % {"row": plan.row, "title": mission_title},
                    )
        if not measure_title:
            if any(row.text(k) for k in MEASURE_KEYS):
                row.problem("measure", _("a measure needs a title."))
            continue
        if measure_title in measure_rows:
            row.problem(
                "measure",
                _("“%(title)s” appears twice (rows %(first)s and %(row)s).")
                % {"title": measure_title, "first": measure_rows[measure_title], "row": number},
            )
            continue
        measure_rows[measure_title] = number
        plan.measures[measure_title] = _measure_values(row, organisations)
    fields.extend(f for f in secondary if f not in fields)
    return ImportPlan(fields, missions, problems, rows=len(table.rows))


def read_upload(upload) -> ImportPlan:
    """Check an uploaded CSV or XLSX file; unreadable files raise ValidationError."""
    file_format = check_upload(upload)
    return check_table(read_table(upload, file_format))


# --- import: apply ------------------------------------------------------------------------


@dataclass
class Summary:
    created: int = 0
    changed: int = 0
    unchanged: int = 0


def _count(summary: Summary, created: bool, changed: bool) -> None:
    if created:
        summary.created += 1
    elif changed:
        summary.changed += 1
    else:
        summary.unchanged += 1


def apply_plan(actor, process: Process, plan: ImportPlan) -> Summary:
    """Write the plan into the process's measures table: all of it or, on any error,
    nothing."""
    if not plan.is_valid:
        raise ValidationError([str(p) for p in plan.problems])
    summary = Summary()
    with transaction.atomic():
        Process.objects.select_for_update().filter(pk=process.pk).first()
        fields = {f.title: f for f in process.fields_of_action.all()}
        next_order = (process.fields_of_action.aggregate(n=Max("order"))["n"] or 0) + 1
        for title in plan.fields:
            if title not in fields:
                fields[title] = _saved(
                    FieldOfAction(process=process, title=title, order=next_order)
                )
                next_order += 1
                summary.created += 1
        goals = {g.title: g for g in process.goals.all()}
        goal_order = (process.goals.aggregate(n=Max("order"))["n"] or 0) + 1
        missions = {m.title: m for m in process.missions.prefetch_related("fields_of_action")}
        mission_order = (process.missions.aggregate(n=Max("order"))["n"] or 0) + 1
        measures = {
            m.title: m for m in process.measures.prefetch_related("goals").select_related("mission")
        }
        for title, plan_mission in plan.missions.items():
            mission = missions.get(title)
            wanted_fields = [fields[f] for f in plan_mission.fields]
            created = mission is None
            if created:
                mission = Mission(process=process, title=title, order=mission_order)
                mission_order += 1
            changed = (
                mission.description != plan_mission.description
                or mission.is_cross_cutting != plan_mission.cross_cutting
            )
            mission.description = plan_mission.description
            mission.is_cross_cutting = plan_mission.cross_cutting
            if created or changed:
                _saved(mission)
            if created or {f.pk for f in mission.fields_of_action.all()} != {
                f.pk for f in wanted_fields
            }:
                mission.fields_of_action.set(wanted_fields)
                changed = True
            _count(summary, created, changed)
            for measure_title, values in plan_mission.measures.items():
                wanted_goals = []
                for goal_title in values["goals"]:
                    if goal_title not in goals:
                        goals[goal_title] = _saved(
                            ProcessGoal(process=process, title=goal_title, order=goal_order)
                        )
                        goal_order += 1
                        summary.created += 1
                    wanted_goals.append(goals[goal_title])
                _import_measure(
                    process,
                    mission,
                    measures.get(measure_title),
                    measure_title,
                    values,
                    wanted_goals,
                    summary,
                )
        log_action(
            actor,
            "participation.measures.imported",
            process,
            created=summary.created,
            changed=summary.changed,
        )
    return summary


def _saved(instance):
    instance.full_clean()
    instance.save()
    return instance


def _import_measure(process, mission, measure, title, values, goals, summary) -> None:
    data = {k: v for k, v in values.items() if k not in ("goals", "owner_organisation")}
    data["owner_organisation_id"] = values["owner_organisation"]
    data["mission_id"] = mission.pk
    created = measure is None
    if created:
        measure = Measure(process=process, title=title)
    changed = any(getattr(measure, k) != v for k, v in data.items())
    for k, v in data.items():
        setattr(measure, k, v)
    if created or changed:
        _saved(measure)
    if created or {g.pk for g in measure.goals.all()} != {g.pk for g in goals}:
        measure.goals.set(goals)
        changed = True
    _count(summary, created, changed)
