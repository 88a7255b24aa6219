from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "knotenpunkt.imports"
    label = "imports"
    verbose_name = _("Imports")

    def ready(self):
        # Registers the audit actions, the personal data and the merge relations.
        from knotenpunkt.imports import audit_actions, personal_data  # noqa: F401
