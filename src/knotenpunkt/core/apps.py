from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "knotenpunkt.core"
    label = "core"
    verbose_name = _("Platform")

    def ready(self):
        from knotenpunkt.core import permissions  # noqa: F401 - registers the rules
