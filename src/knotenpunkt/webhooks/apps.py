from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    """Signed webhooks (Standard Webhooks): organisations and clusters subscribe an HTTPS
    address to events; deliveries run in the background with retries and a log
    (docs/api.md, "Webhooks")."""

    name = "knotenpunkt.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self):
        from knotenpunkt.webhooks import (  # noqa: F401 - registrations on import
            audit_actions,
            merge_relations,
            personal_data,
            receivers,
            rules,
        )
