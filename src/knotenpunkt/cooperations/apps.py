from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationsConfig(AppConfig):
    """Documented cooperations and projects between members, partner networks, foreign
    clusters with agreements, and delegation trips."""

    name = "knotenpunkt.cooperations"
    label = "cooperations"
    verbose_name = _("Cooperations")

    def ready(self):
        from knotenpunkt.cooperations import (  # noqa: F401 - registrations on import
            audit_actions,
            merge_relations,
        )
        from knotenpunkt.cooperations.services.figures import register_measures

        register_measures()
