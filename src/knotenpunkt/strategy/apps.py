from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategyConfig(AppConfig):
    """The strategy tree of a cluster (fields of action, goals, activities, results) with
    the platform objects that realise it, and the yearly SWOT."""

    name = "knotenpunkt.strategy"
    label = "strategy"
    verbose_name = _("Strategy")

    def ready(self):
        from knotenpunkt.strategy import (  # noqa: F401 - registrations on import
            audit_actions,
            personal_data,
        )
