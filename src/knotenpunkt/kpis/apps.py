from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _create_kpis(sender, using="default", **kwargs):
    from django.db import connections

    from knotenpunkt.kpis.models import Kpi
    from knotenpunkt.kpis.services.definitions import ensure_kpis

    # `migrate` of a single app ends here too, before the KPI table may exist.
    if Kpi._meta.db_table in connections[using].introspection.table_names():
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
