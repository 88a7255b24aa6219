from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KpisConfig(AppConfig):
    """KPIs as data: definitions, yearly targets and traffic lights over the figures the
    apps compute from live data; the dashboards per cluster and across clusters, the
    yearly report and `kpi-report` (docs/kpis.md)."""

    name = "knotenpunkt.kpis"
    label = "kpis"
    verbose_name = _("Key figures")
