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


def _forget_on_change(keys):
    def forget_kept_figures(sender, **kwargs):
        from knotenpunkt.kpis.services.stored_figures import forget

        forget(keys)

    return forget_kept_figures


def _connect_sources() -> None:
    """A change to a measure's source model clears the measure's kept figures."""
    from collections import defaultdict

    from django.apps import apps
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from knotenpunkt.core.registry import measures

    keys_by_source = defaultdict(set)
    for figure in measures():
        for source in figure.sources:
            keys_by_source[source].add(figure.key)
    for source, keys in keys_by_source.items():
        model = apps.get_model(source)
        receiver = _forget_on_change(frozenset(keys))
        uid = f"kpis.forget.{source}"
        post_save.connect(receiver, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=uid)
        if model._meta.auto_created:  # a many-to-many table: add(), remove(), clear()
            m2m_changed.connect(receiver, sender=model, weak=False, dispatch_uid=uid)


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
        _connect_sources()
