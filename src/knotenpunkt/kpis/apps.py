from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _create_kpis(sender, **kwargs):
    from knotenpunkt.kpis.services.definitions import ensure_kpis

    ensure_kpis()


class KpisConfig(AppConfig):
    """KPIs as data: definitions, yearly targets and traffic lights over the figures the
    apps compute from live data; the dashboards per cluster and across clusters, the
    yearly report and `kpi-report` (docs/kpis.md)."""

    name = "knotenpunkt.kpis"
    label = "kpis"
    verbose_name = _("Key figures")

    def ready(self):
        from knotenpunkt.kpis import audit_actions, rules  # noqa: F401 - registrations on import

        # Every app's measures are registered by now (their ready() ran before ours);
        # each gets its KPI row once the tables exist.
        post_migrate.connect(_create_kpis, sender=self)
