"""The yearly report for the board: the dashboard of a year as a workbook and as a PDF."""

from io import BytesIO

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from weasyprint import HTML

from knotenpunkt.core.csv_export import neutralise
from knotenpunkt.kpis.models import Kpi
from knotenpunkt.kpis.services.dashboard import Dashboard

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def light_label(light: str | None) -> str:
    labels = {
        "green": _("Target reached"),
        "amber": _("Target nearly reached"),
        "red": _("Target missed"),
    }
    return labels.get(light, "")


def file_name(board: Dashboard, fmt: str) -> str:
    scope = slugify(board.clusters[0].slug if len(board.clusters) == 1 else "cluster")
    return f"kennzahlen-{scope}-{board.year}.{fmt}"


def _cell_value(figure):
    """A number stays a number in the workbook; a mix becomes its text."""
    if figure.value is None:
        return None
    if figure.kpi.unit == Kpi.Unit.MIX:
        return figure.display
    return figure.value


def report_xlsx(board: Dashboard) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Year %(year)s") % {"year": board.year}
    sheet.append([_("Key figures %(year)s") % {"year": board.year}])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    header = [_("KPI"), _("Unit")]
    for column in board.columns:
        header += [column.label, _("Target"), _("Status")]
    sheet.append(header)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for line in board.lines:
        row = [neutralise(line.kpi.name), line.kpi.get_unit_display()]
        for _column, figure in line.cells:
            row += [_cell_value(figure), figure.target, light_label(figure.light)]
        sheet.append(row)
    trend = workbook.create_sheet(_("Trend"))
    trend.append([_("KPI"), *board.years])
    for cell in trend[1]:
        cell.font = Font(bold=True)
    for line in board.lines:
        trend.append([neutralise(line.kpi.name), *(_cell_value(f) for f in line.trend)])
    definitions = workbook.create_sheet(_("Definitions"))
    definitions.append([_("KPI"), _("Key"), _("Definition")])
    for line in board.lines:
        definitions.append(
            [neutralise(line.kpi.name), line.kpi.key, neutralise(line.kpi.definition)]
        )
    for ws in (sheet, trend, definitions):
        ws.column_dimensions["A"].width = 36
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def report_html(board: Dashboard) -> str:
    return render_to_string(
        "kpis/report_pdf.html",
        {"board": board, "created": timezone.localtime()},
    )


def report_pdf(board: Dashboard) -> bytes:
    # Tagged (PDF/UA) like the platform's other documents, for screen readers.
    return HTML(string=report_html(board)).write_pdf(pdf_variant="pdf/ua-1")
