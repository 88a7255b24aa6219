"""Indicators of an assessment: entered one by one, imported from the questionnaire as a
CSV or XLSX file, or copied from an earlier assessment of the same cluster.

An import is all or nothing: every bad row is named with its row and column, and not one
indicator is saved until the whole file is right.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from knotenpunkt.assessments.models import Assessment, Indicator
from knotenpunkt.assessments.services.evidence import delete_files_on_commit
from knotenpunkt.core.audit import changes_between, log_action, snapshot
from knotenpunkt.imports.reading import check_upload, read_table
from knotenpunkt.kpis.models import Kpi

FIELDS = ["area", "name", "requirement", "threshold", "comparison", "kpi", "statement", "status"]
MAX_AREA = 150
MAX_NAME = 300
# Two decimal places and twelve before them: what Indicator.threshold stores.
THRESHOLD_LIMIT = Decimal("1000000000000")

# The columns of an import, each with the headings accepted for it (English and German).
COLUMNS = {
    "area": ("area", "bereich", "kategorie"),
    "name": ("name", "indicator", "indikator", "kriterium"),
    "requirement": ("requirement", "anforderung", "beschreibung"),
    "threshold": ("threshold", "schwellenwert", "zielwert"),
    "comparison": ("comparison", "vergleich"),
    "kpi": ("kpi", "kpi key", "kennzahl", "schlüssel"),
}
REQUIRED_COLUMNS = ("area", "name")
COMPARISONS = {
    Indicator.Comparison.AT_LEAST: ("at_least", "at least", ">=", "≥", "min", "mindestens"),
    Indicator.Comparison.AT_MOST: ("at_most", "at most", "<=", "≤", "max", "höchstens"),
}


def parse_number(text: str) -> Decimal:
    """A number as people type it: "12,5", "1.234,5", "1,234.5" or "12.5"."""
    text = text.strip().replace(" ", "").replace("\u00a0", "").replace("%", "")
    if "," in text and "." in text:
        # The later of the two separates the decimals; the other groups thousands.
        grouping = "." if text.rfind(",") > text.rfind(".") else ","
        text = text.replace(grouping, "")
    text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None
    if not number.is_finite():
        raise ValueError(text)
    return number


def parse_comparison(text: str) -> str:
    text = " ".join(text.strip().lower().replace("_", " ").split())
    if not text:
        return Indicator.Comparison.AT_LEAST
    for value, spellings in COMPARISONS.items():
        if text in {s.replace("_", " ") for s in spellings}:
            return value
    raise ValueError(text)


def _threshold_problem(threshold: Decimal | None) -> str | None:
    if threshold is None:
        return None
    if abs(threshold) >= THRESHOLD_LIMIT:
        return _("The threshold is too large.")
    if threshold != threshold.quantize(Decimal("0.01")):
        return _("The threshold may have at most two decimal places.")
    return None


def indicator_problems(
    assessment: Assessment, data: dict, indicator=None, *, check_unique: bool = True
) -> dict[str, str]:
    """What is wrong with an indicator's data, per field: the one place the rules live.
    (An import checks the uniqueness of its rows itself, against the file too.)"""
    problems = {}
    area, name = data.get("area", "").strip(), data.get("name", "").strip()
    if not area:
        problems["area"] = _("Say which area of the questionnaire the indicator belongs to.")
    elif len(area) > MAX_AREA:
        problems["area"] = _("The area can be at most %(n)s characters long.") % {"n": MAX_AREA}
    if not name:
        problems["name"] = _("Give the indicator its name from the questionnaire.")
    elif len(name) > MAX_NAME:
        problems["name"] = _("The name can be at most %(n)s characters long.") % {"n": MAX_NAME}
    threshold, kpi = data.get("threshold"), data.get("kpi")
    problem = _threshold_problem(threshold)
    if problem:
        problems["threshold"] = problem
    elif threshold is not None and kpi is not None and kpi.unit == Kpi.Unit.MIX:
        problems["threshold"] = _(
            "The KPI %(kpi)s gives shares per category, not one value: it cannot be "
            "compared with a threshold. Leave the threshold empty."
        ) % {"kpi": kpi.name}
    if data.get("comparison", Indicator.Comparison.AT_LEAST) not in Indicator.Comparison.values:
        problems["comparison"] = _("Choose “at least” or “at most”.")
    if check_unique and area and name and "area" not in problems and "name" not in problems:
        same = assessment.indicators.filter(area=area, name=name)
        if indicator is not None:
            same = same.exclude(pk=indicator.pk)
        if same.exists():
            problems["name"] = _("This area already has an indicator of this name.")
    return problems


def _next_order(assessment: Assessment) -> int:
    highest = assessment.indicators.aggregate(o=Max("order"))["o"]
    return (highest or 0) + 10


@transaction.atomic
def add_indicator(actor, assessment: Assessment, **data) -> Indicator:
    """Add one indicator at the end of the list (or at the order given)."""
    Assessment.objects.select_for_update().get(pk=assessment.pk)
    problems = indicator_problems(assessment, data)
    if problems:
        raise ValidationError(problems)
    data = {k: v for k, v in data.items() if k in FIELDS or k == "order"}
    data["area"], data["name"] = data["area"].strip(), data["name"].strip()
    if not data.get("order"):
        data["order"] = _next_order(assessment)
    indicator = Indicator.objects.create(assessment=assessment, **data)
    log_action(
        actor,
        "assessments.indicator.added",
        indicator,
        assessment=str(assessment),
        area=indicator.area,
    )
    return indicator


@transaction.atomic
def change_indicator(actor, indicator: Indicator, **data) -> Indicator:
    """Change the fields given; the others keep their values (an empty order: its place)."""
    if data.get("order") is None:
        data.pop("order", None)
    current = {field: getattr(indicator, field) for field in FIELDS}
    problems = indicator_problems(indicator.assessment, {**current, **data}, indicator)
    if problems:
        raise ValidationError(problems)
    fields = [f for f in [*FIELDS, "order"] if f in data]
    before = snapshot(indicator, fields)
    for field in fields:
        value = data[field]
        setattr(indicator, field, value.strip() if field in ("area", "name") else value)
    indicator.save()
    changes = changes_between(before, snapshot(indicator, fields))
    if changes:
        log_action(actor, "assessments.indicator.changed", indicator, changes=changes)
    return indicator


@transaction.atomic
def delete_indicator(actor, indicator: Indicator) -> None:
    """Remove an indicator with its evidence files."""
    files = [e.file.name for e in indicator.evidence.all() if e.file]
    log_action(
        actor,
        "assessments.indicator.deleted",
        indicator,
        assessment=str(indicator.assessment),
        evidence=len(files),
    )
    indicator.delete()
    delete_files_on_commit(files)


# --- import ------------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: int


def _column_positions(headers: list[str]) -> dict[str, int]:
    """{column: position in the file} for the columns the file has."""
    positions = {}
    for position, header in enumerate(headers):
        heading = " ".join(header.strip().lower().replace("_", " ").split())
        for column, spellings in COLUMNS.items():
            if heading in spellings and column not in positions:
                positions[column] = position
    return positions


def _row_problem(number: int, heading: str, message: str) -> str:
    return _("Row %(row)s, column “%(column)s”: %(message)s") % {
        "row": number,
        "column": heading,
        "message": message,
    }


def read_indicator_rows(assessment: Assessment, upload) -> list[dict]:
    """The indicators of an uploaded questionnaire file, checked; raises a ValidationError
    naming every bad row and column."""
    table = read_table(upload, check_upload(upload))
    positions = _column_positions(table.headers)
    missing = [c for c in REQUIRED_COLUMNS if c not in positions]
    if missing:
        raise ValidationError(
            _(
                "The file has no column %(missing)s. It needs the columns area and name; "
                "requirement, threshold, comparison and kpi are optional."
            )
            % {"missing": ", ".join(f"“{c}”" for c in missing)}
        )
    kpis = {k.key: k for k in Kpi.objects.all()}
    existing = set(assessment.indicators.values_list("area", "name"))
    seen: dict[tuple[str, str], int] = {}
    problems, rows = [], []
    for number, cells in table.rows:

        def cell(column, cells=cells):
            position = positions.get(column)
            return cells[position].strip() if position is not None else ""

        def problem(column, message, number=number):
            problems.append(_row_problem(number, table.headers[positions[column]], message))

        data = {
            "area": cell("area"),
            "name": cell("name"),
            "requirement": cell("requirement"),
            "threshold": None,
            "comparison": Indicator.Comparison.AT_LEAST,
            "kpi": None,
        }
        if cell("threshold"):
            try:
                data["threshold"] = parse_number(cell("threshold"))
            except ValueError:
                problem(
                    "threshold",
                    _("“%(value)s” is not a number.") % {"value": cell("threshold")},
                )
        if cell("comparison"):
            try:
                data["comparison"] = parse_comparison(cell("comparison"))
            except ValueError:
                problem(
                    "comparison",
                    _("“%(value)s” is not a comparison; write “at least” or “at most”.")
                    % {"value": cell("comparison")},
                )
        if cell("kpi"):
            data["kpi"] = kpis.get(cell("kpi"))
            if data["kpi"] is None:
                problem("kpi", _("There is no KPI with the key “%(key)s”.") % {"key": cell("kpi")})
        for field, message in indicator_problems(assessment, data, check_unique=False).items():
            problem(field, message)
        key = (data["area"], data["name"])
        if data["area"] and data["name"]:
            if key in existing:
                problem("name", _("The assessment already has this indicator in this area."))
            elif key in seen:
                problem(
                    "name",
                    _("The same indicator is already in row %(row)s.") % {"row": seen[key]},
                )
            seen.setdefault(key, number)
        rows.append(data)
    if problems:
        raise ValidationError(problems)
    if not rows:
        raise ValidationError(_("The file has no indicators below its heading row."))
    return rows


@transaction.atomic
def import_indicators(actor, assessment: Assessment, upload) -> ImportResult:
    """Add every indicator of the file, or none if one row is wrong."""
    Assessment.objects.select_for_update().get(pk=assessment.pk)
    rows = read_indicator_rows(assessment, upload)
    order = _next_order(assessment)
    Indicator.objects.bulk_create(
        Indicator(assessment=assessment, order=order + 10 * i, **row) for i, row in enumerate(rows)
    )
    log_action(
        actor,
        "assessments.indicators.imported",
        assessment,
        file=getattr(upload, "name", ""),
        indicators=len(rows),
    )
    return ImportResult(created=len(rows))


@dataclass
class CopyResult:
    copied: int
    skipped: int


@transaction.atomic
def copy_indicators(actor, target: Assessment, source: Assessment) -> CopyResult:
    """Copy the questionnaire of an earlier assessment of the same cluster: areas, names,
    requirements, thresholds and KPI links. Statements, status and evidence belong to
    their year and stay behind; indicators the target has already are skipped."""
    if source.cluster_id != target.cluster_id or source.pk == target.pk:
        raise ValidationError(_("Choose another assessment of the same cluster."))
    Assessment.objects.select_for_update().get(pk=target.pk)
    existing = set(target.indicators.values_list("area", "name"))
    order = _next_order(target)
    copies = []
    for indicator in source.indicators.order_by("order", "pk"):
        if (indicator.area, indicator.name) in existing:
            continue
        copies.append(
            Indicator(
                assessment=target,
                area=indicator.area,
                name=indicator.name,
                requirement=indicator.requirement,
                threshold=indicator.threshold,
                comparison=indicator.comparison,
                kpi_id=indicator.kpi_id,
                order=order + 10 * len(copies),
            )
        )
    Indicator.objects.bulk_create(copies)
    skipped = source.indicators.count() - len(copies)
    log_action(
        actor,
        "assessments.indicators.copied",
        target,
        source=str(source),
        copied=len(copies),
        skipped=skipped,
    )
    return CopyResult(copied=len(copies), skipped=skipped)
