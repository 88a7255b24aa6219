from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    """Evidence for a cluster-excellence label: indicators entered from the official
    questionnaire, linked to KPIs or uploaded evidence, and the evidence pack."""

    name = "knotenpunkt.assessments"
    label = "assessments"
    verbose_name = _("Label assessments")
