"""The expert survey's results per round, anonymous: what moderators read on the results
page and what experts see of the previous round beside each question (Delphi)."""

import statistics
from collections import Counter
from dataclasses import dataclass, field

from knotenpunkt.core.charts import bars_across
from knotenpunkt.participation.models import Survey, SurveyAnswer, SurveyQuestion
from knotenpunkt.participation.services.survey import questions_of

Kind = SurveyQuestion.Kind


@dataclass
class Row:
    label: str
    count: int
    percent: float


@dataclass
class QuestionResult:
    question: SurveyQuestion
    answered: int
    rows: list[Row] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    # Scale: median and quartiles; matrix: per row (label, median, q1, q3).
    median: float | None = None
    quartiles: tuple[float, float] | None = None
    matrix_rows: list[tuple[str, int, float | None, float | None, float | None]] = field(
        default_factory=list
    )
    chart: object = None
    # Too few answers to show without giving away what one expert answered.
    withheld: bool = False

    @property
    def chart_id(self) -> str:
        return f"chart-{self.question.pk}"


def _quartiles(values: list[int]) -> tuple[float | None, float | None, float | None]:
    if not values:
        return None, None, None
    if len(values) == 1:
        return values[0], values[0], values[0]
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return median, q1, q3


def _percent(count: int, total: int) -> float:
    return round(100 * count / total, 1) if total else 0.0


def results(survey: Survey, round_number: int, *, charts: bool = True) -> list[QuestionResult]:
    """Per question the answers of a round's submitted responses, anonymous: counts and
    percentages per option (ranking: how often each option came first, and its mean rank),
    median and quartiles for scales and matrix rows, the free texts in alphabetical
    order (not by expert)."""
    questions = questions_of(survey)
    answers: dict[int, list] = {q.pk: [] for q in questions}
    for question_id, value in SurveyAnswer.objects.filter(
        response__survey=survey, response__round=round_number, response__submitted_at__isnull=False
    ).values_list("question_id", "value"):
        answers.setdefault(question_id, []).append(value)
    found = []
    for question in questions:
        values = answers.get(question.pk, [])
        result = QuestionResult(question=question, answered=len(values))
        options = list(question.options.all())
        if question.kind == Kind.TEXT:
            result.texts = sorted(values, key=str.casefold)
        elif question.kind in (Kind.SINGLE, Kind.MULTIPLE):
            counts = Counter()
            for value in values:
                counts.update(value if isinstance(value, list) else [value])
            result.rows = [
                Row(o.label, counts[o.pk], _percent(counts[o.pk], len(values))) for o in options
            ]
        elif question.kind == Kind.SCALE:
            counts = Counter(values)
            result.rows = [
                Row(str(v), counts[v], _percent(counts[v], len(values)))
                for v in question.scale_values
            ]
            median, q1, q3 = _quartiles(values)
            result.median = median
            result.quartiles = (q1, q3) if median is not None else None
        elif question.kind == Kind.RANKING:
            firsts = Counter(value[0] for value in values if value)
            result.rows = [
                Row(o.label, firsts[o.pk], _percent(firsts[o.pk], len(values))) for o in options
            ]
            for o in options:
                ranks = [value.index(o.pk) + 1 for value in values if o.pk in value]
                mean = round(statistics.mean(ranks), 2) if ranks else None
                result.matrix_rows.append((o.label, len(ranks), mean, None, None))
        elif question.kind == Kind.MATRIX:
            for o in options:
                row_values = [v[str(o.pk)] for v in values if str(o.pk) in v]
                median, q1, q3 = _quartiles(row_values)
                result.matrix_rows.append((o.label, len(row_values), median, q1, q3))
        if charts and result.rows:
            result.chart = bars_across(
                [(row.label, [row.percent]) for row in result.rows], max_value=100, unit="%"
            )
        found.append(result)
    return found


# Fewer answers than this to a question are not shown to the experts of the next round:
# with two answers, each of the two would read the other's.
DELPHI_MINIMUM_ANSWERS = 3


def distribution(survey: Survey, round_number: int) -> dict[int, QuestionResult]:
    """What experts see in the next round beside each question: the previous round's
    anonymous result, without the free texts, and only where enough experts answered."""
    shown = {}
    for result in results(survey, round_number, charts=False):
        result.texts = []
        if result.answered < DELPHI_MINIMUM_ANSWERS:
            result.withheld = True
            result.rows, result.matrix_rows = [], []
            result.median = result.quartiles = None
        shown[result.question.pk] = result
    return shown


def progress(survey: Survey) -> dict:
    """How many invited, started and submitted in the running round."""
    responses = survey.responses.filter(round=survey.current_round)
    return {
        "invited": survey.invitations.count(),
        "started": responses.count(),
        "submitted": responses.filter(submitted_at__isnull=False).count(),
    }
