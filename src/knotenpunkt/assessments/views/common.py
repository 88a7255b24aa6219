"""Lookups every assessment page shares: through the scoped querysets, so that another
cluster's assessment answers 404, then the permission on the object."""

from django.shortcuts import get_object_or_404

from knotenpunkt.assessments.models import Assessment, Evidence, Indicator
from knotenpunkt.assessments.rules import (
    visible_assessments,
    visible_evidence,
    visible_indicators,
)
from knotenpunkt.core.permissions import require_perm


def assessment_for(request, pk) -> Assessment:
    assessment = get_object_or_404(
        visible_assessments(request.user).select_related("cluster"), pk=pk
    )
    require_perm(request, "assessments.work_on_assessment", assessment)
    return assessment


def indicator_for(request, pk) -> Indicator:
    indicator = get_object_or_404(
        visible_indicators(request.user).select_related("assessment__cluster", "kpi"), pk=pk
    )
    require_perm(request, "assessments.work_on_assessment", indicator.assessment)
    return indicator


def evidence_for(request, pk) -> Evidence:
    evidence = get_object_or_404(
        visible_evidence(request.user).select_related("indicator__assessment__cluster"), pk=pk
    )
    require_perm(request, "assessments.work_on_assessment", evidence.indicator.assessment)
    return evidence
