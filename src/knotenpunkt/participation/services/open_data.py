"""The open data of a public process: its brainwriting ideas and its measures, as CSV
(one file each) and as one JSON document with the process's metadata and licence.

Anonymous by construction: no person, no account, no e-mail address, no user id, no
free-text owner of a measure (it may name a person) and no owner organisation that is a
private person's business. Only what everyone may read on the process's pages: the
ideas of finished brainwriting sessions, the measures of a process with a measures
phase (the same rules as the workshop report for a visitor without an account).
"""

import io
import json
from decimal import Decimal

from django.utils import timezone

from knotenpunkt.core.csv_export import csv_writer
from knotenpunkt.directory.models import Organisation
from knotenpunkt.participation.models import Phase, Process
from knotenpunkt.participation.services import measures as measures_services
from knotenpunkt.participation.services.report import (
    PUBLIC_READER,
    brainwriting_sheets,
    shows_measures,
)

# The platform has no setting for an open-data licence yet; CC BY 4.0 is the licence
# GovData and most German portals accept, and it asks users to name the source (the
# process and its owner). A setting can replace this constant when a body needs another
# (e.g. "dl-de/by-2-0").
LICENCE = "CC-BY-4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_DISPLAY = {"title": "CC BY 4.0", "url": LICENCE_URL}

# Legal forms whose name and data are a natural person's: left out as measure owners.
PERSONAL_LEGAL_FORMS = {
    Organisation.LegalForm.SOLE,
    Organisation.LegalForm.GBR,
    Organisation.LegalForm.PARTG,
}

IDEA_COLUMNS = [
    "process",
    "phase",
    "group",
    "sheet",
    "round",
    "position",
    "label",
    "builds_on",
    "text",
    "created",
]
MEASURE_COLUMNS = [
    "title",
    "description",
    "goals",
    "horizon",
    "target_year",
    "success_criteria",
    "owner_organisation",
    "cost_estimate_eur",
    "status",
    "origin",
    "value_score",
    "feasibility_score",
    "scores",
    "priority",
    "rank",
    "rank_set_by_moderation",
    "priority_reason",
    "mission",
    "cross_cutting",
    "fields_of_action",
    "chosen",
    "transferred_to_strategy",
]
TABLES = ("ideas", "measures")
# Lists inside one CSV cell (goals, fields of action), as in the measures table's file.
LIST_SEPARATOR = "|"


def idea_rows(process: Process) -> list[dict]:
    """The ideas of the process's finished brainwriting sessions, group by group, sheet by
    sheet, in the order they were written."""
    phases = list(process.phases.filter(module=Phase.Module.BRAINWRITING))
    sheets = brainwriting_sheets(phases, PUBLIC_READER)
    rows = []
    for phase in phases:
        for group in sheets[phase.pk].groups:
            for sheet in group.sheets:
                for number, ideas in sheet.rounds:
                    for position, idea in enumerate(ideas, start=1):
                        rows.append(
                            {
                                "process": process.title,
                                "phase": phase.title,
                                "group": group.group.title,
                                "sheet": sheet.sheet.position + 1,
                                "round": number,
                                "position": position,
                                "label": idea.label,
                                "builds_on": idea.extends_label,
                                "text": idea.text,
                                "created": timezone.localdate(idea.created_at).isoformat(),
                            }
                        )
    return rows


def _owner_organisation(measure) -> str:
    organisation = measure.owner_organisation
    if organisation is None or organisation.legal_form in PERSONAL_LEGAL_FORMS:
        return ""
    return organisation.name


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def measure_rows(process: Process) -> list[dict]:
    """The measures in the order of the table, with their mean scores and priority."""
    if not shows_measures(list(process.phases.all())):
        return []
    rows = []
    for row in measures_services.ranked_measures(process):
        measure = row.measure
        rows.append(
            {
                "title": measure.title,
                "description": measure.description,
                "goals": [goal.title for goal in measure.goals.all()],
                "horizon": measure.horizon,
                "target_year": measure.target_year,
                "success_criteria": measure.success_criteria,
                "owner_organisation": _owner_organisation(measure),
                "cost_estimate_eur": _number(measure.cost_estimate),
                "status": measure.status,
                "origin": measure.origin,
                "value_score": _number(row.value),
                "feasibility_score": _number(row.feasibility),
                "scores": row.scores,
                "priority": _number(row.priority),
                "rank": row.rank,
                "rank_set_by_moderation": measure.priority_override,
                "priority_reason": measure.priority_reason,
                "mission": measure.mission.title,
                "cross_cutting": measure.mission.is_cross_cutting,
                "fields_of_action": [f.title for f in measure.mission.fields_of_action.all()],
                "chosen": measure.is_chosen,
                "transferred_to_strategy": measure.strategy_activity_id is not None,
            }
        )
    return rows


def _cell(value):
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _csv(columns: list[str], rows: list[dict]) -> bytes:
    """RFC 4180 CSV in UTF-8 (commas, CRLF, a header row) for programs rather than
    spreadsheets, through the platform's writer, which neutralises formula cells."""
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row[column]) for column in columns])
    return out.getvalue().encode("utf-8")


def table_csv(process: Process, table: str) -> bytes:
    if table == "ideas":
        return _csv(IDEA_COLUMNS, idea_rows(process))
    return _csv(MEASURE_COLUMNS, measure_rows(process))


def metadata(process: Process, url: str = "") -> dict:
    return {
        "title": process.title,
        "summary": process.summary,
        "owner": str(process.owner),
        "url": url,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "created": timezone.localdate().isoformat(),
        "phases": [
            {
                "title": phase.title,
                "module": phase.module,
                "starts_on": phase.starts_on.isoformat(),
                "ends_on": phase.ends_on.isoformat(),
            }
            for phase in process.phases.all()
        ],
    }


def _json(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def table_json(process: Process, table: str, url: str = "") -> bytes:
    rows = idea_rows(process) if table == "ideas" else measure_rows(process)
    return _json({"process": metadata(process, url), table: rows})


def process_json(process: Process, url: str = "") -> bytes:
    """Everything in one document: the metadata with the licence, the ideas, the
    measures."""
    return _json(
        {
            "process": metadata(process, url),
            "ideas": idea_rows(process),
            "measures": measure_rows(process),
        }
    )


def file_name(process: Process, table: str, fmt: str) -> str:
    return f"{process.slug}-{table}.{fmt}"
