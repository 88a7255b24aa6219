from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "knotenpunkt.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self):
        # Registers the audit actions, the personal data and the merge relations.
        from knotenpunkt.events import audit_actions, measures, personal_data, tasks  # noqa: F401
