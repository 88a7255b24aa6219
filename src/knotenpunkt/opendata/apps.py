from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    """Open data: the datasets a cluster publishes (CSV and JSON) and the DCAT-AP.de
    catalogue of them that GovData harvests (docs/open-data.md)."""

    name = "knotenpunkt.opendata"
    label = "opendata"
    verbose_name = _("Open data")

    def ready(self):
        from knotenpunkt.opendata import audit_actions, rules  # noqa: F401 - registrations
