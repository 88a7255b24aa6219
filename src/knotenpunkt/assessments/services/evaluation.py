"""How complete an assessment is: each indicator's state, per area and overall.

An indicator linked to a KPI with a threshold is judged by the KPI's value for the
assessment's cluster and reference year; one linked to a KPI without a threshold is
answered by the value itself. Every other indicator is judged by the staff's status and
the evidence uploaded: "met" needs at least one file.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from knotenpunkt.assessments.models import Assessment, Evidence, Indicator
from knotenpunkt.kpis.models import Kpi
from knotenpunkt.kpis.services.values import compute, display


@dataclass(frozen=True)
class State:
    key: str
    label: object
    badge: str  # KERN badge modifier
    icon: str  # KERN icon modifier
    met: bool = False


MET_BY_KPI = State("met_kpi", _("Met by KPI"), "success", "success", met=True)
MET_BY_EVIDENCE = State("met_evidence", _("Met by evidence"), "success", "success", met=True)
PARTLY = State("partly", _("Partly met"), "info", "info")
MISSING_EVIDENCE = State("missing_evidence", _("Evidence missing"), "warning", "warning")
NOT_REACHED = State("not_reached", _("Threshold not reached"), "danger", "danger")
NO_VALUE = State("no_value", _("No KPI value"), "warning", "warning")
STATES = [MET_BY_KPI, MET_BY_EVIDENCE, PARTLY, MISSING_EVIDENCE, NOT_REACHED, NO_VALUE]


@dataclass
class IndicatorResult:
    indicator: Indicator
    number: str  # "2.3": third indicator of the second area
    state: State
    reason: str
    value: object = None  # the KPI's value (int, Decimal, float or a dict for a mix)
    value_display: str = ""

    @property
    def evidence(self) -> list[Evidence]:
        return list(self.indicator.evidence.all())


@dataclass
class AreaResult:
    name: str
    number: int
    indicators: list[IndicatorResult] = field(default_factory=list)

    @property
    def met(self) -> int:
        return sum(1 for r in self.indicators if r.state.met)

    @property
    def total(self) -> int:
        return len(self.indicators)

    @property
    def percent(self) -> int:
        return percent(self.met, self.total)


@dataclass
class Completeness:
    assessment: Assessment
    areas: list[AreaResult]

    @property
    def results(self) -> list[IndicatorResult]:
        return [r for area in self.areas for r in area.indicators]

    @property
    def met(self) -> int:
        return sum(area.met for area in self.areas)

    @property
    def total(self) -> int:
        return sum(area.total for area in self.areas)

    @property
    def percent(self) -> int:
        return percent(self.met, self.total)

    @property
    def counts(self) -> list[tuple[State, int]]:
        """How many indicators are in each state, in the order of STATES, without zeros."""
        counter = Counter(r.state.key for r in self.results)
        return [(state, counter[state.key]) for state in STATES if counter[state.key]]


def percent(part: int, whole: int) -> int:
    """Whole percent, rounded down: 99 % until the last indicator is met."""
    return part * 100 // whole if whole else 0


def meets(value, threshold: Decimal, comparison: str) -> bool:
    value = Decimal(str(value))
    if comparison == Indicator.Comparison.AT_MOST:
        return value <= threshold
    return value >= threshold


def kpi_values(kpis, cluster, year: int) -> dict[int, object]:
    """{kpi id: value} for the cluster and year; a KPI whose measure no app registers (or
    that has no value) is left out. The measures share one memo, so the membership spans
    behind several figures are read once."""
    memo: dict = {}
    values = {}
    for kpi in kpis:
        try:
            value = compute([kpi], [cluster], [year], memo)[None][kpi.key].get(year)
        except LookupError:
            continue
        if value is not None:
            values[kpi.pk] = value
    return values


def judge(indicator: Indicator, value, has_value: bool) -> tuple[State, str]:
    """The indicator's state and the reason for it, in words."""
    kpi = indicator.kpi
    if kpi is not None and indicator.threshold is not None:
        if not has_value:
            return NO_VALUE, str(_("The KPI has no value for the reference year."))
        if isinstance(value, dict) or kpi.unit == Kpi.Unit.MIX:
            return NO_VALUE, str(_("The KPI gives shares, which cannot be compared."))
        if meets(value, indicator.threshold, indicator.comparison):
            return MET_BY_KPI, str(_("The KPI's value meets the threshold."))
        return NOT_REACHED, str(_("The KPI's value does not meet the threshold."))
    if kpi is not None and has_value:
        return MET_BY_KPI, str(_("Answered by the KPI's value."))
    has_evidence = bool(indicator.evidence.all())
    if indicator.status == Indicator.Status.MET:
        if has_evidence:
            return MET_BY_EVIDENCE, str(_("Marked as met, with evidence."))
        return MISSING_EVIDENCE, str(_("Marked as met, but no evidence is uploaded."))
    if indicator.status == Indicator.Status.PARTLY:
        return PARTLY, str(_("Marked as partly met."))
    if has_evidence:
        return PARTLY, str(_("Evidence is uploaded; not yet marked as met."))
    return MISSING_EVIDENCE, str(_("No evidence uploaded yet."))


def indicators_of(assessment: Assessment):
    return assessment.indicators.select_related("kpi").prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.select_related("uploaded_by"))
    )


def completeness(assessment: Assessment) -> Completeness:
    """Every indicator of the assessment judged, grouped by area in questionnaire order."""
    indicators = list(indicators_of(assessment).order_by("order", "pk"))
    kpis = {i.kpi.pk: i.kpi for i in indicators if i.kpi is not None}
    values = kpi_values(kpis.values(), assessment.cluster, assessment.reference_year)
    areas: dict[str, AreaResult] = {}
    for indicator in indicators:
        area = areas.get(indicator.area)
        if area is None:
            area = areas[indicator.area] = AreaResult(indicator.area, len(areas) + 1)
        has_value = indicator.kpi_id in values
        value = values.get(indicator.kpi_id)
        state, reason = judge(indicator, value, has_value)
        area.indicators.append(
            IndicatorResult(
                indicator=indicator,
                number=f"{area.number}.{len(area.indicators) + 1}",
                state=state,
                reason=reason,
                value=value,
                value_display=display(indicator.kpi, value) if indicator.kpi else "",
            )
        )
    return Completeness(assessment, list(areas.values()))
