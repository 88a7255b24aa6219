"""The back office of label assessments: read only and scoped by the app's rules. Staff
change assessments on their pages, which check the data, audit each step and remove the
evidence files with their rows."""

from django.contrib import admin
from django.db.models import QuerySet

from knotenpunkt.assessments import rules as assessment_rules
from knotenpunkt.assessments.models import Assessment, Evidence, Indicator
from knotenpunkt.core.admin import ReadOnlyAdmin, ScopedAdmin


class ReadOnlyScopedAdmin(ReadOnlyAdmin, ScopedAdmin):
    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyScopedAdmin):
    list_display = ["label", "cluster", "reference_year", "status", "due_on"]
    list_filter = ["status", "cluster", "reference_year"]
    search_fields = ["label"]
    list_select_related = ["cluster"]

    def visible_to(self, user) -> QuerySet:
        return assessment_rules.visible_assessments(user)


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyScopedAdmin):
    list_display = ["name", "area", "assessment", "threshold", "comparison", "kpi", "status"]
    list_filter = ["status", "assessment__cluster"]
    search_fields = ["name", "area"]
    list_select_related = ["assessment", "kpi"]

    def visible_to(self, user) -> QuerySet:
        return assessment_rules.visible_indicators(user)


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyScopedAdmin):
    list_display = ["title", "indicator", "original_name", "uploaded_at"]
    list_filter = ["indicator__assessment__cluster"]
    search_fields = ["title", "original_name"]
    list_select_related = ["indicator"]
    # The file's storage path is no link: files leave only through the checked view.
    exclude = ["file"]

    def visible_to(self, user) -> QuerySet:
        return assessment_rules.visible_evidence(user)
