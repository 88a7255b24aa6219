from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "knotenpunkt.directory"
    label = "directory"
    verbose_name = _("Directory")

    def ready(self):
        from knotenpunkt.directory import (  # noqa: F401 - registrations on import
            audit_actions,
            measures,
            merge_relations,
            personal_data,
        )
