from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "knotenpunkt.privacy"
    label = "privacy"
    verbose_name = _("Privacy")

    def ready(self):
        from knotenpunkt.privacy import merge_relations, personal_data  # noqa: F401 - registers providers
