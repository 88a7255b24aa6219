from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonasConfig(AppConfig):
    name = "knotenpunkt.personas"
    label = "personas"
    verbose_name = _("Personas")

    def ready(self):
        from knotenpunkt.personas import (  # noqa: F401
            audit_actions,
            extensions,
            merge_relations,
            personal_data,
        )
