from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "knotenpunkt.outbox"
    label = "outbox"
    verbose_name = _("Outgoing mail")

    def ready(self):
        from knotenpunkt.outbox import personal_data  # noqa: F401 - registers the outbox
