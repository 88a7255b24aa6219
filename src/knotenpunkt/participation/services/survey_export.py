"""The survey's answers as a table: one row per response (and round), one column per
question; multiple choice one column per option, matrix one per row, ranking one per rank
position. CSV through the platform's formula-neutralising writer, XLSX with openpyxl (its
text cells neutralised the same way). No names or addresses: responses are anonymous."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from knotenpunkt.core.csv_export import csv_writer, neutralise
from knotenpunkt.participation.models import Survey, SurveyQuestion
from knotenpunkt.participation.services.survey import questions_of

Kind = SurveyQuestion.Kind
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _columns(questions) -> list[tuple[str, object]]:
    """(header, how to read the cell from a response's answers) per column."""
    columns = []
    for number, question in enumerate(questions, start=1):
        prefix = f"{number}. {question.text}"
        options = list(question.options.all())
        labels = {o.pk: o.label for o in options}
        if question.kind == Kind.MULTIPLE:
            for option in options:
                columns.append(
                    (
                        f"{prefix}: {option.label}",
                        lambda a, q=question, o=option: (
                            None if q.pk not in a else int(o.pk in a[q.pk])
                        ),
                    )
                )
        elif question.kind == Kind.MATRIX:
            for option in options:
                columns.append(
                    (
                        f"{prefix}: {option.label}",
                        lambda a, q=question, o=option: a.get(q.pk, {}).get(str(o.pk)),
                    )
                )
        elif question.kind == Kind.RANKING:
            for rank in range(1, len(options) + 1):
                columns.append(
                    (
                        f"{prefix}: " + _("rank %(n)s") % {"n": rank},
                        lambda a, q=question, r=rank, labels=labels: (
                            labels.get(a[q.pk][r - 1]) if len(a.get(q.pk) or []) >= r else None
                        ),
                    )
                )
        elif question.kind == Kind.SINGLE:
            columns.append((prefix, lambda a, q=question, labels=labels: labels.get(a.get(q.pk))))
        else:
            columns.append((prefix, lambda a, q=question: a.get(q.pk)))
    return columns


def table(survey: Survey) -> tuple[list[str], list[list]]:
    """The header and the rows: every response of every round, submitted or not."""
    questions = questions_of(survey)
    columns = _columns(questions)
    header = [_("Response"), _("Round"), _("Submitted"), *[title for title, _read in columns]]
    rows = []
    responses = survey.responses.prefetch_related("answers").order_by("round", "pk")
    for response in responses:
        answers = {answer.question_id: answer.value for answer in response.answers.all()}
        submitted = (
            timezone.localtime(response.submitted_at).strftime("%Y-%m-%d %H:%M")
            if response.submitted_at
            else ""
        )
        rows.append(
            [response.pk, response.round, submitted, *[read(answers) for _title, read in columns]]
        )
    return header, rows


def file_name(survey: Survey, extension: str) -> str:
    return f"{survey.process.slug}-{_('survey')}-{timezone.localdate():%Y-%m-%d}.{extension}"


def survey_csv(survey: Survey) -> bytes:
    """UTF-8 with BOM and semicolons, as German spreadsheet programs expect."""
    header, rows = table(survey)
    buffer = io.StringIO()
    writer = csv_writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def survey_xlsx(survey: Survey) -> bytes:
    header, rows = table(survey)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Answers")
    sheet.append([neutralise(title) for title in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([neutralise(value) if value is not None else None for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
