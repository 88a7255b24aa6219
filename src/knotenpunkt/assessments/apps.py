from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    """Evidence for a cluster-excellence label: indicators entered from the official
    questionnaire, linked to KPIs or uploaded evidence, and the evidence pack."""

    name = "knotenpunkt.assessments"
    label = "assessments"
    verbose_name = _("Label assessments")

    def ready(self):
        from knotenpunkt.assessments import audit_actions  # noqa: F401 - registrations
        from knotenpunkt.assessments.services.overview import dashboard_section
        from knotenpunkt.core.registry import register_dashboard_section

        # The assessments in preparation, on the staff dashboard.
        register_dashboard_section(
            "assessments.open",
            "assessments/dashboard_assessments.html",
            dashboard_section,
            order=90,
        )
