from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "knotenpunkt.directory"
    label = "directory"
    verbose_name = _("Directory")

    def ready(self):
        from knotenpunkt.directory import audit_actions, merge_relations, personal_data  # noqa: F401
